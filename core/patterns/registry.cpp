// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/registry.h"

#include "patterns/async.h"
#include "patterns/backpressure.h"
#include "patterns/cond.h"
#include "patterns/deadline.h"
#include "patterns/fanout.h"
#include "patterns/hedged.h"
#include "patterns/once.h"
#include "patterns/pipeline.h"
#include "patterns/ratelimit.h"
#include "patterns/sequential.h"
#include "patterns/threadpool.h"
#include "patterns/waitgroup.h"

#include "model/runconfig.h"

#include <QCoreApplication>

namespace PatternRegistry {

namespace {

template<typename P> std::unique_ptr<Pattern> make()
{
    return std::make_unique<P>();
}

const std::vector<Entry> &table()
{
    using G = Group;
    static const std::vector<Entry> rows = {
        { QStringLiteral("sequential"),
          QStringLiteral("Sequential"),
          QStringLiteral("Sequential"),
          G::GoOriginal,
          true,
          make<SequentialPattern>,
          {} },
        { QStringLiteral("waitgroup"),
          QStringLiteral("WaitGroup (thread per request)"),
          QStringLiteral("WaitGroup"),
          G::GoOriginal,
          true,
          make<WaitGroupPattern>,
          {} },
        { QStringLiteral("fanout"),
          QStringLiteral("Fan-out/Fan-in (worker pool)"),
          QStringLiteral("Fan-out"),
          G::GoOriginal,
          true,
          make<FanOutPattern>,
          { QStringLiteral("concurrency") } },
        { QStringLiteral("backpressure"),
          QStringLiteral("Fan-out/Fan-in + backpressure"),
          QStringLiteral("Backpressure"),
          G::GoOriginal,
          true,
          make<BackpressurePattern>,
          { QStringLiteral("concurrency"), QStringLiteral("bp-window-ms"), QStringLiteral("bp-high"),
            QStringLiteral("bp-low"), QStringLiteral("bp-step-ms"), QStringLiteral("bp-max-delay-ms") } },
        { QStringLiteral("async"),
          QStringLiteral("Async (one event loop, no worker threads)"),
          QStringLiteral("Async"),
          G::Time,
          false,
          make<AsyncPattern>,
          { QStringLiteral("concurrency") } },
        { QStringLiteral("ratelimit"),
          QStringLiteral("Rate limit (open model, on a schedule)"),
          QStringLiteral("Rate limit"),
          G::Time,
          false,
          make<RateLimitPattern>,
          { QStringLiteral("rate"), QStringLiteral("burst"), QStringLiteral("max-in-flight") } },
        { QStringLiteral("deadline"),
          QStringLiteral("Deadline (context cancels the pool)"),
          QStringLiteral("Deadline"),
          G::Time,
          false,
          make<DeadlinePattern>,
          { QStringLiteral("concurrency"), QStringLiteral("run-deadline-ms"), QStringLiteral("max-errors") } },
        { QStringLiteral("hedged"),
          QStringLiteral("Hedged requests (first answer wins)"),
          QStringLiteral("Hedged"),
          G::Time,
          false,
          make<HedgedPattern>,
          { QStringLiteral("concurrency"), QStringLiteral("hedge-ms") } },
        { QStringLiteral("pipeline"),
          QStringLiteral("Pipeline (fetch → parse → aggregate)"),
          QStringLiteral("Pipeline"),
          G::Structure,
          false,
          make<PipelinePattern>,
          // --concurrency: the fetch workers and the buffers when --stages/--stage-buffer leave them 0.
          { QStringLiteral("concurrency"), QStringLiteral("stages"), QStringLiteral("stage-buffer"),
            QStringLiteral("parse-us") } },
        { QStringLiteral("threadpool"),
          QStringLiteral("QThreadPool (the library's pool)"),
          QStringLiteral("QThreadPool"),
          G::Structure,
          false,
          make<ThreadPoolPattern>,
          { QStringLiteral("concurrency") } },
        { QStringLiteral("once"),
          QStringLiteral("Once (one login for the pool)"),
          QStringLiteral("Once"),
          G::Structure,
          false,
          make<OncePattern>,
          { QStringLiteral("concurrency"), QStringLiteral("once-mode") } },
        { QStringLiteral("cond"),
          QStringLiteral("Cond (circuit breaker)"),
          QStringLiteral("Cond"),
          G::Structure,
          false,
          make<CondPattern>,
          { QStringLiteral("concurrency"), QStringLiteral("breaker-errors"), QStringLiteral("breaker-cooldown-ms") } },
    };
    return rows;
}

} // namespace

QString groupName(Group group)
{
    switch (group) {
    case Group::GoOriginal:
        return QCoreApplication::translate("PatternRegistry", "The Go original");
    case Group::Time:
        return QCoreApplication::translate("PatternRegistry", "Waiting, racing, cancelling");
    case Group::Structure:
        return QCoreApplication::translate("PatternRegistry", "Stages, pools, set-up");
    }
    return {};
}

std::span<const Entry> entries()
{
    return table();
}

const Entry *find(QStringView id)
{
    for (const Entry &entry : table()) {
        if (entry.id == id)
            return &entry;
    }
    return nullptr;
}

QStringList ids()
{
    QStringList list;
    for (const Entry &entry : table())
        list << entry.id;
    return list;
}

QStringList defaultIds()
{
    QStringList list;
    for (const Entry &entry : table()) {
        if (entry.inOriginal)
            list << entry.id;
    }
    return list;
}

QString title(const QString &id)
{
    const Entry *entry = find(id);
    return entry ? entry->title : id;
}

QString shortTitle(const QString &id)
{
    const Entry *entry = find(id);
    return entry ? entry->shortTitle : id;
}

std::unique_ptr<Pattern> create(const QString &id)
{
    const Entry *entry = find(id);
    return entry ? entry->create() : nullptr;
}

} // namespace PatternRegistry

QJsonObject PatternRegistry::params(const QString &id, const RunConfig &config)
{
    QJsonObject json;
    if (const Entry *entry = find(id)) {
        for (const QString &flag : entry->flags)
            json.insert(RunConfig::flagKey(flag), config.flagValue(flag));
    }
    return json;
}

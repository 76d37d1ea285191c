// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/presets.h"

#include <QCoreApplication>

#include <functional>
#include <thread>

namespace Presets {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Presets", text);
}

Preset make(const char *key, const char *name, const char *lesson, QStringList patterns,
            const std::function<void(RunConfig &)> &set)
{
    Preset p { QString::fromLatin1(key), tr(name), tr(lesson), std::move(patterns), RunConfig {} };
    p.config.server = ServerParams {};
    set(p.config);
    return p;
}

const PatternSummary *summaryOf(const RunData &run, const char *id)
{
    const qsizetype i = run.indexOf(QString::fromLatin1(id));
    if (i < 0 || i >= run.summaries.size() || run.results.at(i).outcome == PatternResult::Outcome::Failed)
        return nullptr;
    return &run.summaries.at(i);
}

double note(const PatternResult &result, const char *key)
{
    return result.note(QString::fromLatin1(key)).value_or(0);
}

QString because(const RunData &run, const QStringList &ids)
{
    for (const QString &id : ids) {
        const qsizetype i = run.indexOf(id);
        if (i < 0)
            continue;
        const QString why = saturation(run.results.at(i));
        if (!why.isEmpty())
            return QStringLiteral(": ") + why + QStringLiteral(" during ") + id;
    }
    return {};
}
} // namespace

const QList<Preset> &all()
{
    const QStringList original = { QStringLiteral("sequential"), QStringLiteral("waitgroup"), QStringLiteral("fanout"),
                                   QStringLiteral("backpressure") };
    static const QList<Preset> presets = {
        make("classroom", "Classroom: a pool beats sequential (600 × 15, 10 ms)",
             "A pool of 15 finishes about 15 times sooner than one request at a time.", original,
             [](RunConfig &c) {
                 c.requests = 600;
                 c.concurrency = 15;
                 c.server.profile = QStringLiteral("fixed");
                 c.server.latencyMs = 10;
                 c.server.errorRate = 0;
             }),
        make("overload", "Overload: a small server sheds (3,000 × 200)",
             "200 workers against a server that serves 20 and queues 100: the rest is shed with 503s.",
             { QStringLiteral("waitgroup"), QStringLiteral("fanout"), QStringLiteral("backpressure") },
             [](RunConfig &c) {
                 c.requests = 3000;
                 c.concurrency = 200;
                 c.timeoutMs = 5000;
                 c.server.profile = QStringLiteral("fixed");
                 c.server.latencyMs = 20;
                 c.server.errorRate = 0;
                 c.server.capacity = 20;
                 c.server.maxQueue = 100;
             }),
        make("backpressure", "Backpressure: the brake engages (6,000 × 15, no latency)",
             "Against a fast server the pool runs hot; the brake holds workers back: lower, steadier req/s.",
             { QStringLiteral("fanout"), QStringLiteral("backpressure") },
             [](RunConfig &c) {
                 c.requests = 6000;
                 c.concurrency = 15;
                 c.server.profile = QStringLiteral("zero");
             }),
        make("async", "Async: 32 in flight on one thread (2,000 × 32, 20 ms)",
             "One event loop keeps as many requests in flight as a pool of 32 threads, with a handful of threads.",
             { QStringLiteral("fanout"), QStringLiteral("async") },
             [](RunConfig &c) {
                 c.requests = 2000;
                 c.concurrency = 32;
                 c.server.profile = QStringLiteral("fixed");
                 c.server.latencyMs = 20;
                 c.server.errorRate = 0;
             }),
        make("stall", "Open model: a stall a closed pool hides (2,000 at 400/s)",
             "The server freezes for 0.5 s every 2 s. A closed pool records a few slow requests; "
             "on a schedule, everyone who arrived during the freeze waited.",
             { QStringLiteral("fanout"), QStringLiteral("ratelimit") },
             [](RunConfig &c) {
                 c.requests = 2000;
                 c.concurrency = 2; // 2 workers / 5 ms: the same 400/s the schedule asks for
                 c.rate = { 400, 1, 4 };
                 c.server.profile = QStringLiteral("stall");
                 c.server.latencyMs = 5;
                 c.server.errorRate = 0;
                 c.server.stallEverySeconds = 2;
                 c.server.stallMs = 500;
             }),
        make("deadline", "Deadline: one context stops the pool (2,000 × 15, 1 s)",
             "At the run deadline the context aborts what is in flight on the wire and sends nothing more.",
             { QStringLiteral("fanout"), QStringLiteral("deadline") },
             [](RunConfig &c) {
                 c.requests = 2000;
                 c.concurrency = 15;
                 c.runDeadlineMs = 1000;
                 c.server.profile = QStringLiteral("fixed");
                 c.server.latencyMs = 20;
                 c.server.errorRate = 0;
             }),
        make("tail", "Tail at scale: hedging a heavy tail (2,000 × 8)",
             "2 % of answers take 500 ms. A copy sent after the running p95 cuts p99 for a few % more requests.",
             { QStringLiteral("fanout"), QStringLiteral("hedged") },
             [](RunConfig &c) {
                 c.requests = 2000;
                 c.concurrency = 8;
                 c.hedgeMs = 0;
                 c.server.profile = QStringLiteral("heavy-tail");
                 c.server.latencyMs = 5;
                 c.server.errorRate = 0;
                 c.server.tailMs = 500;
                 c.server.tailRate = 0.02;
             }),
        make("pipeline", "Pipeline: the slowest stage sets the pace (1,500 × 15, one parser)",
             "One parse worker at 2 ms a request caps the pipeline near 500/s: its buffer fills and the 15 "
             "fetchers wait on it.",
             { QStringLiteral("fanout"), QStringLiteral("pipeline") },
             [](RunConfig &c) {
                 c.requests = 1500;
                 c.concurrency = 15;
                 c.pipeline = { 15, 1, 1, 0, 2000 };
                 c.server.profile = QStringLiteral("fixed");
                 c.server.latencyMs = 10;
                 c.server.errorRate = 0;
             }),
        make("once", "Once: one slow login serves the pool (1,500 × 15, a 0.5 s login)",
             "Every request needs a token; with std::call_once the pool logs in once and everyone waits for it.",
             { QStringLiteral("fanout"), QStringLiteral("once") },
             [](RunConfig &c) {
                 c.requests = 1500;
                 c.concurrency = 15;
                 c.onceMode = OnceMode::Once;
                 c.server.profile = QStringLiteral("fixed");
                 c.server.latencyMs = 10;
                 c.server.errorRate = 0;
                 c.server.tokenMs = 500;
             }),
        make("breaker", "Circuit breaker: stop sending into a stall (4,000 × 15, 0.2 s timeout)",
             "The server freezes 1.2 s every 2.5 s. The pool keeps sending requests that time out; the breaker "
             "opens after 5 and holds the rest back.",
             { QStringLiteral("fanout"), QStringLiteral("cond") },
             [](RunConfig &c) {
                 c.requests = 4000;
                 c.concurrency = 15;
                 c.timeoutMs = 200;
                 c.breaker = { 5, 500 };
                 c.server.profile = QStringLiteral("stall");
                 c.server.latencyMs = 10;
                 c.server.errorRate = 0;
                 c.server.stallEverySeconds = 2.5;
                 c.server.stallMs = 1200;
             }),
        make("original", "Original: the Go project's run (7,500 × 15)",
             "The Go original's four clients, its 7,500 requests and its server's real behaviour.", original,
             [](RunConfig &c) {
                 c.requests = 7500;
                 c.concurrency = 15;
                 c.server.profile = QStringLiteral("seed");
             }),
    };
    return presets;
}

const Preset *find(QStringView key)
{
    for (const Preset &preset : all()) {
        if (preset.key == key)
            return &preset;
    }
    return nullptr;
}

void apply(const Preset &preset, RunConfig *config)
{
    config->preset = preset.key;
    config->patterns = preset.patterns;
    config->requests = preset.config.requests;
    config->concurrency = preset.config.concurrency;
    config->timeoutMs = preset.config.timeoutMs;
    config->server = preset.config.server;
    config->backpressure = preset.config.backpressure;
    config->rate = preset.config.rate;
    config->runDeadlineMs = preset.config.runDeadlineMs;
    config->maxErrors = preset.config.maxErrors;
    config->hedgeMs = preset.config.hedgeMs;
    config->pipeline = preset.config.pipeline;
    config->onceMode = preset.config.onceMode;
    config->breaker = preset.config.breaker;
}

QString saturation(const PatternResult &result)
{
    // The bundled server runs one Python process: about one core is its ceiling.
    if (result.server.valid && result.server.cpuPercentPeak >= 90)
        return tr("the server was saturated (its CPU at %1 % of a core)").arg(result.server.cpuPercentPeak, 0, 'f', 0);
    const double seconds = double(result.totalNs) / 1e9;
    const double cores = std::max(1u, std::thread::hardware_concurrency());
    const double clientCpu = result.resources.cpuUserS + result.resources.cpuSysS;
    if (seconds > 0.5 && clientCpu / seconds >= 0.9 * cores)
        return tr("the client was saturated (its CPU at %1 % of %2 cores)")
            .arg(100 * clientCpu / seconds / cores, 0, 'f', 0)
            .arg(cores);
    return {};
}

std::optional<Verdict> check(const RunData &run)
{
    const QString &key = run.config.preset;
    Verdict v;
    if (key == u"classroom") {
        const PatternSummary *seq = summaryOf(run, "sequential");
        const PatternSummary *pool = summaryOf(run, "fanout");
        if (!seq || !pool || pool->totalTimeS <= 0)
            return std::nullopt;
        const double ratio = seq->totalTimeS / pool->totalTimeS;
        const int c = run.config.concurrency;
        v.shown = ratio >= 0.6 * c;
        v.text = v.shown
            ? tr("Classroom: the pool of %1 finished %2× sooner than sequential").arg(c).arg(ratio, 0, 'f', 1)
            : tr("Classroom did not show its effect: the pool of %1 was only %2× faster than sequential "
                 "(expected about %1×)%3")
                  .arg(c)
                  .arg(ratio, 0, 'f', 1)
                  .arg(because(run, { QStringLiteral("fanout") }));
        return v;
    }
    if (key == u"overload") {
        QStringList without;
        QStringList with;
        for (const char *id : { "fanout", "backpressure" }) {
            const PatternSummary *s = summaryOf(run, id);
            if (!s)
                continue;
            const int shed = s->statusCounts.value(503);
            (shed > 0 ? with : without) << QStringLiteral("%1 %2").arg(QLatin1String(id)).arg(shed);
        }
        if (with.isEmpty() && without.isEmpty())
            return std::nullopt;
        v.shown = without.isEmpty();
        v.text = v.shown ? tr("Overload: the server shed with 503s (%1)").arg(with.join(QStringLiteral(", ")))
                         : tr("Overload did not show its effect: no 503 for %1%2")
                               .arg(without.join(QStringLiteral(", ")), because(run, { QStringLiteral("fanout") }));
        return v;
    }
    if (key == u"backpressure") {
        const qsizetype bp = run.indexOf(QStringLiteral("backpressure"));
        const PatternSummary *pool = summaryOf(run, "fanout");
        const PatternSummary *braked = summaryOf(run, "backpressure");
        if (bp < 0 || !pool || !braked)
            return std::nullopt;
        const double blocked = note(run.results.at(bp), "backpressure.blocked_sends");
        v.shown = blocked > 0 && braked->throughputRps < pool->throughputRps;
        v.text = v.shown ? tr("Backpressure: the brake held workers back %1 times: %2 req/s against fan-out's %3")
                               .arg(blocked)
                               .arg(braked->throughputRps, 0, 'f', 0)
                               .arg(pool->throughputRps, 0, 'f', 0)
                         : tr("Backpressure did not show its effect: %1 blocked sends, %2 req/s against fan-out's "
                              "%3%4")
                               .arg(blocked)
                               .arg(braked->throughputRps, 0, 'f', 0)
                               .arg(pool->throughputRps, 0, 'f', 0)
                               .arg(because(run, { QStringLiteral("fanout") }));
        return v;
    }
    if (key == u"async") {
        const qsizetype pi = run.indexOf(QStringLiteral("fanout"));
        const qsizetype ai = run.indexOf(QStringLiteral("async"));
        const PatternSummary *pool = summaryOf(run, "fanout");
        const PatternSummary *loop = summaryOf(run, "async");
        if (!pool || !loop || pool->throughputRps <= 0)
            return std::nullopt;
        const int poolThreads = run.results.at(pi).resources.threadsPeak;
        const int loopThreads = run.results.at(ai).resources.threadsPeak;
        const double speed = loop->throughputRps / pool->throughputRps;
        v.shown = loopThreads > 0 && 3 * loopThreads <= poolThreads && speed >= 0.8;
        v.text = v.shown ? tr("Async: %1 req/s on %2 threads, the pool %3 req/s on %4")
                               .arg(loop->throughputRps, 0, 'f', 0)
                               .arg(loopThreads)
                               .arg(pool->throughputRps, 0, 'f', 0)
                               .arg(poolThreads)
                         : tr("Async did not show its effect: %1 req/s on %2 threads against the pool's %3 req/s on "
                              "%4%5")
                               .arg(loop->throughputRps, 0, 'f', 0)
                               .arg(loopThreads)
                               .arg(pool->throughputRps, 0, 'f', 0)
                               .arg(poolThreads)
                               .arg(because(run, { QStringLiteral("async"), QStringLiteral("fanout") }));
        return v;
    }
    if (key == u"stall") {
        const PatternSummary *pool = summaryOf(run, "fanout");
        const PatternSummary *open = summaryOf(run, "ratelimit");
        if (!pool || !open)
            return std::nullopt;
        // Everyone who arrived during a freeze waited: the open model's p99 from the planned
        // start is of the freeze's order; the closed pool's own p99 is not.
        const double freezeMs = run.config.server.stallMs;
        const double waited = open->latencyFromIntendedMs.p99;
        v.shown = waited >= freezeMs / 4 && waited >= 10 * pool->latencyMs.p99;
        v.text = v.shown ? tr("Open model: p99 from the planned start %1 ms; the closed pool's p99 %2 ms, its "
                              "own service p99 %3 ms")
                               .arg(waited, 0, 'f', 0)
                               .arg(pool->latencyMs.p99, 0, 'f', 1)
                               .arg(open->latencyMs.p99, 0, 'f', 1)
                         : tr("The stall did not show: p99 from the planned start %1 ms against the closed pool's "
                              "%2 ms (a %3 ms freeze)%4")
                               .arg(waited, 0, 'f', 0)
                               .arg(pool->latencyMs.p99, 0, 'f', 1)
                               .arg(freezeMs, 0, 'f', 0)
                               .arg(because(run, { QStringLiteral("ratelimit") }));
        return v;
    }
    if (key == u"deadline") {
        const PatternSummary *bounded = summaryOf(run, "deadline");
        if (!bounded)
            return std::nullopt;
        const int neverSent = bounded->requests - bounded->sent;
        v.shown = bounded->aborted > 0 && neverSent > 0;
        v.text = v.shown ? tr("Deadline: %1 requests aborted in flight, %2 never sent, %3 answered")
                               .arg(bounded->aborted)
                               .arg(neverSent)
                               .arg(bounded->ok)
                         : tr("Deadline did not show its effect: %1 aborted in flight, %2 never sent (the run "
                              "ended before its deadline?)")
                               .arg(bounded->aborted)
                               .arg(neverSent);
        return v;
    }
    if (key == u"tail") {
        const PatternSummary *pool = summaryOf(run, "fanout");
        const PatternSummary *hedged = summaryOf(run, "hedged");
        if (!pool || !hedged)
            return std::nullopt;
        const double extra = hedged->extraRequestsPercent();
        v.shown = hedged->latencyMs.p99 <= pool->latencyMs.p99 / 2 && extra <= 10;
        v.text = v.shown ? tr("Tail at scale: p99 %1 ms hedged against %2 ms, for %3 % more requests")
                               .arg(hedged->latencyMs.p99, 0, 'f', 1)
                               .arg(pool->latencyMs.p99, 0, 'f', 1)
                               .arg(extra, 0, 'f', 1)
                         : tr("Hedging did not show its effect: p99 %1 ms hedged against %2 ms, %3 % more "
                              "requests%4")
                               .arg(hedged->latencyMs.p99, 0, 'f', 1)
                               .arg(pool->latencyMs.p99, 0, 'f', 1)
                               .arg(extra, 0, 'f', 1)
                               .arg(because(run, { QStringLiteral("hedged") }));
        return v;
    }
    if (key == u"pipeline") {
        const qsizetype pi = run.indexOf(QStringLiteral("pipeline"));
        const PatternSummary *pool = summaryOf(run, "fanout");
        const PatternSummary *stages = summaryOf(run, "pipeline");
        if (!pool || !stages)
            return std::nullopt;
        const PatternResult &r = run.results.at(pi);
        const double parseQueue = note(r, "stage.parse.max_queue");
        const double fetchBlocked = note(r, "stage.fetch.blocked_s");
        v.shown
            = parseQueue >= run.config.stageBuffer() && fetchBlocked > 0 && stages->throughputRps < pool->throughputRps;
        v.text = v.shown ? tr("Pipeline: %1 req/s, set by its parse stage (queue full at %2, fetchers blocked %3 s "
                              "in all); the pool %4 req/s")
                               .arg(stages->throughputRps, 0, 'f', 0)
                               .arg(parseQueue, 0, 'f', 0)
                               .arg(fetchBlocked, 0, 'f', 1)
                               .arg(pool->throughputRps, 0, 'f', 0)
                         : tr("The slow stage did not show: parse queue at most %1 of %2, fetchers blocked %3 s%4")
                               .arg(parseQueue, 0, 'f', 0)
                               .arg(run.config.stageBuffer())
                               .arg(fetchBlocked, 0, 'f', 1)
                               .arg(because(run, { QStringLiteral("pipeline") }));
        return v;
    }
    if (key == u"once") {
        const qsizetype oi = run.indexOf(QStringLiteral("once"));
        if (!summaryOf(run, "once"))
            return std::nullopt;
        const PatternResult &r = run.results.at(oi);
        const double logins = note(r, "once.logins");
        const bool serverAgrees = !r.server.valid || r.server.tokensIssued == 1;
        v.shown = logins == 1 && serverAgrees;
        v.text = v.shown ? tr("Once: one login for %1 workers (the server issued %2 token)")
                               .arg(run.config.concurrency)
                               .arg(r.server.valid ? r.server.tokensIssued : 1)
                         : tr("Once did not show its effect: %1 logins, the server issued %2 tokens")
                               .arg(logins, 0, 'f', 0)
                               .arg(r.server.tokensIssued);
        return v;
    }
    if (key == u"breaker") {
        const qsizetype ci = run.indexOf(QStringLiteral("cond"));
        const PatternSummary *pool = summaryOf(run, "fanout");
        const PatternSummary *guarded = summaryOf(run, "cond");
        if (!pool || !guarded)
            return std::nullopt;
        const double heldBack = note(run.results.at(ci), "breaker.held_back");
        v.shown = pool->errors > 0 && 2 * guarded->errors <= pool->errors && heldBack > 0;
        const int rejected = guarded->requests - guarded->sent;
        v.text = v.shown ? tr("Circuit breaker: %1 requests failed and %2 were rejected (never sent) against the "
                              "pool's %3 failed; %4 held back, open %5 s")
                               .arg(guarded->errors - rejected)
                               .arg(rejected)
                               .arg(pool->errors)
                               .arg(heldBack, 0, 'f', 0)
                               .arg(note(run.results.at(ci), "breaker.open_s"), 0, 'f', 1)
                         : tr("The breaker did not show its effect: %1 failed requests against the pool's %2, %3 "
                              "held back%4")
                               .arg(guarded->errors)
                               .arg(pool->errors)
                               .arg(heldBack, 0, 'f', 0)
                               .arg(because(run, { QStringLiteral("cond") }));
        return v;
    }
    return std::nullopt;
}

} // namespace Presets

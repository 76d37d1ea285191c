// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/runconfig.h"

#include <QHostAddress>
#include <QRandomGenerator>

QString engineName(Engine engine)
{
    switch (engine) {
    case Engine::Qt:
        return QStringLiteral("qt");
    case Engine::Curl:
        return QStringLiteral("curl");
    case Engine::Fake:
        return QStringLiteral("fake");
    }
    return {};
}

std::optional<Engine> engineFromName(QStringView name)
{
    if (name == u"qt")
        return Engine::Qt;
    if (name == u"curl")
        return Engine::Curl;
    return std::nullopt; // the fake is for tests only, never chosen on a command line
}

QStringList RunConfig::childArguments(const QString &patternId) const
{
    const auto n = [](auto v) { return QString::number(v); };
    QStringList args
        = { QStringLiteral("--run-one"),     patternId,      QStringLiteral("--requests"),   n(requests),
            QStringLiteral("--concurrency"), n(concurrency), QStringLiteral("--timeout-ms"), n(timeoutMs),
            QStringLiteral("--max-seconds"), n(maxSeconds),  QStringLiteral("--engine"),     engineName(engine),
            QStringLiteral("--url"),         url.toString() };
    for (const PatternFlag &flag : patternFlagTable())
        args << QStringLiteral("--") + QLatin1String(flag.name) << QString::number(flag.get(*this), 'g', 12);
    for (const PatternTextFlag &flag : patternTextFlagTable())
        args << QStringLiteral("--") + QLatin1String(flag.name) << flag.get(*this);
    return args;
}

const std::vector<PatternFlag> &patternFlagTable()
{
    using C = RunConfig;
    static const std::vector<PatternFlag> table = {
        { "bp-window-ms", "MS", "backpressure: counting window (default 100)", 1, 10'000, true,
          [](const C &c) { return double(c.backpressure.windowMs); },
          [](C &c, double v) { c.backpressure.windowMs = int(v); } },
        { "bp-high", "N", "backpressure: tokens per window above which the drain slows (default 10)", 0, 1e6, true,
          [](const C &c) { return double(c.backpressure.highWater); },
          [](C &c, double v) { c.backpressure.highWater = int(v); } },
        { "bp-low", "N", "backpressure: tokens per window below which it speeds up (default 3)", 0, 1e6, true,
          [](const C &c) { return double(c.backpressure.lowWater); },
          [](C &c, double v) { c.backpressure.lowWater = int(v); } },
        { "bp-step-ms", "MS", "backpressure: delay step (default 1)", 0, 10'000, true,
          [](const C &c) { return double(c.backpressure.stepMs); },
          [](C &c, double v) { c.backpressure.stepMs = int(v); } },
        { "bp-max-delay-ms", "MS", "backpressure: largest delay (default 50)", 0, 10'000, true,
          [](const C &c) { return double(c.backpressure.maxDelayMs); },
          [](C &c, double v) { c.backpressure.maxDelayMs = int(v); } },
        { "rate", "R", "ratelimit: requests started per second, whatever the answers do (default 500)", 0.1, 1e6, false,
          [](const C &c) { return c.rate.rate; }, [](C &c, double v) { c.rate.rate = v; } },
        { "burst", "B", "ratelimit: requests the schedule may start at once (default 1)", 1, 1e6, true,
          [](const C &c) { return double(c.rate.burst); }, [](C &c, double v) { c.rate.burst = int(v); } },
        { "max-in-flight", "M", "ratelimit: most requests in flight; a start held back is late (default 1000)", 1, 1e5,
          true, [](const C &c) { return double(c.rate.maxInFlight); },
          [](C &c, double v) { c.rate.maxInFlight = int(v); } },
        { "run-deadline-ms", "D", "deadline: the whole run's deadline in ms, 0 = none (default 0)", 0, 86'400'000, true,
          [](const C &c) { return double(c.runDeadlineMs); }, [](C &c, double v) { c.runDeadlineMs = int(v); } },
        { "max-errors", "E", "deadline: cancel the run after this many errors, 0 = off (default 0)", 0, 1e7, true,
          [](const C &c) { return double(c.maxErrors); }, [](C &c, double v) { c.maxErrors = int(v); } },
        { "hedge-ms", "H", "hedged: send a copy after this many ms without an answer, 0 = adaptive p95 (default 0)", 0,
          600'000, false, [](const C &c) { return c.hedgeMs; }, [](C &c, double v) { c.hedgeMs = v; } },
        { "stage-buffer", "B", "pipeline: items each stage's input buffer holds, 0 = --concurrency (default 0)", 0,
          1'000'000, true, [](const C &c) { return double(c.pipeline.buffer); },
          [](C &c, double v) { c.pipeline.buffer = int(v); } },
        { "parse-us", "U", "pipeline: CPU time one parse costs, in microseconds (default 200)", 0, 1'000'000, true,
          [](const C &c) { return double(c.pipeline.parseUs); }, [](C &c, double v) { c.pipeline.parseUs = int(v); } },
        { "breaker-errors", "K", "cond: consecutive failures that open the circuit breaker (default 5)", 1, 1'000'000,
          true, [](const C &c) { return double(c.breaker.errors); },
          [](C &c, double v) { c.breaker.errors = int(v); } },
        { "breaker-cooldown-ms", "T", "cond: how long the breaker stays open before one probe (default 500)", 1,
          600'000, true, [](const C &c) { return double(c.breaker.cooldownMs); },
          [](C &c, double v) { c.breaker.cooldownMs = int(v); } },
    };
    return table;
}

namespace {

QString stagesText(const RunConfig &c)
{
    return QStringLiteral("fetch=%1,parse=%2,aggregate=%3")
        .arg(c.pipeline.fetchWorkers)
        .arg(c.pipeline.parseWorkers)
        .arg(c.pipeline.aggregateWorkers);
}

// "fetch=8,parse=2,aggregate=1", any of them, in any order; fetch=0 means --concurrency.
QString setStages(RunConfig &c, QStringView text)
{
    PipelineParams p = c.pipeline;
    for (const QStringView item : text.split(u',')) {
        const qsizetype eq = item.indexOf(u'=');
        const QStringView name = item.left(eq).trimmed();
        bool ok = false;
        const int workers = eq < 0 ? -1 : item.mid(eq + 1).trimmed().toInt(&ok);
        if (eq < 0 || !ok || workers < 0 || workers > 10'000)
            return QStringLiteral("'%1' is not STAGE=WORKERS with WORKERS 0..10000, e.g. fetch=8,parse=2,aggregate=1")
                .arg(item.left(100));
        if (name == u"fetch")
            p.fetchWorkers = workers;
        else if (name == u"parse" && workers >= 1)
            p.parseWorkers = workers;
        else if (name == u"aggregate" && workers == 1)
            p.aggregateWorkers = workers;
        else if (name == u"parse")
            return QStringLiteral("parse needs at least one worker");
        else if (name == u"aggregate")
            return QStringLiteral("aggregate has exactly one worker (it keeps the running totals): use aggregate=1");
        else
            return QStringLiteral("unknown stage '%1'; the stages are fetch, parse and aggregate").arg(name.left(40));
    }
    c.pipeline = p;
    return {};
}

} // namespace

const std::vector<PatternTextFlag> &patternTextFlagTable()
{
    using C = RunConfig;
    static const std::vector<PatternTextFlag> table = {
        { "stages",
          "LIST",
          "pipeline: workers per stage, fetch=0 meaning --concurrency (default fetch=0,parse=2,aggregate=1)",
          {},
          stagesText,
          setStages },
        { "once-mode",
          "once|naive",
          "once: how workers get the token: std::call_once, or the racy check-then-act (default once)",
          { QStringLiteral("once"), QStringLiteral("naive") },
          [](const C &c) { return c.onceMode == OnceMode::Naive ? QStringLiteral("naive") : QStringLiteral("once"); },
          [](C &c, QStringView v) {
              if (v != u"once" && v != u"naive")
                  return QStringLiteral("'%1' is not a mode; use once or naive").arg(v.left(40));
              c.onceMode = v == u"naive" ? OnceMode::Naive : OnceMode::Once;
              return QString();
          } },
    };
    return table;
}

const PatternTextFlag *findPatternTextFlag(QStringView name)
{
    for (const PatternTextFlag &flag : patternTextFlagTable()) {
        if (name == QLatin1String(flag.name))
            return &flag;
    }
    return nullptr;
}

const PatternFlag *findPatternFlag(QStringView name)
{
    for (const PatternFlag &flag : patternFlagTable()) {
        if (name == QLatin1String(flag.name))
            return &flag;
    }
    return nullptr;
}

quint64 resolveSeed(std::optional<quint64> requested, std::optional<quint64> running)
{
    if (requested)
        return *requested;
    if (running)
        return *running;
    return quint64(QRandomGenerator::global()->bounded(Q_INT64_C(1), Q_INT64_C(1) << 31));
}

bool isLoopbackHttpUrl(const QUrl &url, QString *why)
{
    if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty()) {
        *why = QStringLiteral("'%1' is not an http URL like http://127.0.0.1:5000/data").arg(url.toString().left(200));
        return false;
    }
    const QString host = url.host();
    const QHostAddress address(host);
    const bool loopback = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        || (!address.isNull() && address.isLoopback());
    if (!loopback) {
        *why = QStringLiteral("'%1' is not on this machine; only loopback hosts (127.0.0.1, localhost, ::1) "
                              "are allowed")
                   .arg(host.left(200));
        return false;
    }
    return true;
}

QStringList RunConfig::patternFlags()
{
    QStringList names { QStringLiteral("concurrency") };
    for (const PatternFlag &flag : patternFlagTable())
        names << QLatin1String(flag.name);
    for (const PatternTextFlag &flag : patternTextFlagTable())
        names << QLatin1String(flag.name);
    return names;
}

QString RunConfig::flagKey(const QString &flag)
{
    return QString(flag).replace(QLatin1Char('-'), QLatin1Char('_'));
}

QJsonValue RunConfig::flagValue(const QString &flag) const
{
    if (flag == u"concurrency")
        return concurrency;
    if (const PatternTextFlag *text = findPatternTextFlag(flag))
        return text->get(*this);
    const PatternFlag *spec = findPatternFlag(flag);
    if (!spec)
        return QJsonValue();
    return spec->integer ? QJsonValue(qint64(spec->get(*this))) : QJsonValue(spec->get(*this));
}

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
    };
    return table;
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
    const PatternFlag *spec = findPatternFlag(flag);
    if (!spec)
        return QJsonValue();
    return spec->integer ? QJsonValue(qint64(spec->get(*this))) : QJsonValue(spec->get(*this));
}

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
    return { QStringLiteral("--run-one"),
             patternId,
             QStringLiteral("--requests"),
             n(requests),
             QStringLiteral("--concurrency"),
             n(concurrency),
             QStringLiteral("--timeout-ms"),
             n(timeoutMs),
             QStringLiteral("--max-seconds"),
             n(maxSeconds),
             QStringLiteral("--engine"),
             engineName(engine),
             QStringLiteral("--url"),
             url.toString(),
             QStringLiteral("--bp-window-ms"),
             n(backpressure.windowMs),
             QStringLiteral("--bp-high"),
             n(backpressure.highWater),
             QStringLiteral("--bp-low"),
             n(backpressure.lowWater),
             QStringLiteral("--bp-step-ms"),
             n(backpressure.stepMs),
             QStringLiteral("--bp-max-delay-ms"),
             n(backpressure.maxDelayMs) };
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
    return { QStringLiteral("concurrency"), QStringLiteral("bp-window-ms"), QStringLiteral("bp-high"),
             QStringLiteral("bp-low"),      QStringLiteral("bp-step-ms"),   QStringLiteral("bp-max-delay-ms") };
}

QString RunConfig::flagKey(const QString &flag)
{
    return QString(flag).replace(QLatin1Char('-'), QLatin1Char('_'));
}

QJsonValue RunConfig::flagValue(const QString &flag) const
{
    if (flag == u"concurrency")
        return concurrency;
    if (flag == u"bp-window-ms")
        return backpressure.windowMs;
    if (flag == u"bp-high")
        return backpressure.highWater;
    if (flag == u"bp-low")
        return backpressure.lowWater;
    if (flag == u"bp-step-ms")
        return backpressure.stepMs;
    if (flag == u"bp-max-delay-ms")
        return backpressure.maxDelayMs;
    return QJsonValue();
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QJsonValue>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

enum class Engine { Qt, Curl, Fake };
QString engineName(Engine engine);
std::optional<Engine> engineFromName(QStringView name);

// The original's backpressure signal, made explicit and settable: every worker pushes a
// token before each request into a channel of capacity = concurrency; one monitor per
// worker drains it, each counting the tokens it drained per window. More than highWater
// tokens in a window raise that monitor's per-token delay by stepMs (up to maxDelayMs),
// fewer than lowWater lower it. A slow drain fills the channel, and a full channel blocks
// the workers: that is the backpressure (core/patterns/backpressure.cpp).
struct BackpressureParams
{
    int windowMs = 100;
    int highWater = 10;
    int lowWater = 3;
    int stepMs = 1;
    int maxDelayMs = 50;
    friend bool operator==(const BackpressureParams &, const BackpressureParams &) = default;
};

// Server simulation settings, used when the run starts the bundled server.
struct ServerParams
{
    QString profile = QStringLiteral("seed");
    double latencyMs = -1; // < 0: the profile's default
    double errorRate = -1; // < 0: the profile's default
    int capacity = 0; // 0: the server's default
    int maxQueue = -1; // < 0: the server's default
    friend bool operator==(const ServerParams &, const ServerParams &) = default;
};

struct RunConfig
{
    QStringList patterns; // ids, run in this order
    QString preset; // the preset it came from ("classroom"), empty for custom settings
    int requests = 7500;
    int concurrency = 15;
    int timeoutMs = 10000;
    int maxSeconds = 900; // per pattern: past this, unsent requests are recorded as cancelled
    Engine engine = Engine::Qt;
    QUrl url; // the /data endpoint; empty with bundledServer until the server is up
    bool bundledServer = true;
    ServerParams server;
    // The bundled server's seed: set when asked for (--seed, the app's field), and set by
    // resolveSeed() before a bundled run starts, so every saved run says which seed it met.
    std::optional<quint64> seed;
    BackpressureParams backpressure;

    // A pattern flag's value by its CLI name ("concurrency", "bp-window-ms"); null if unknown.
    QJsonValue flagValue(const QString &flag) const;
    // Its key in JSON: the flag name without dashes ("bp_window_ms").
    static QString flagKey(const QString &flag);
    // Every pattern flag this build knows, by CLI name.
    static QStringList patternFlags();

    // The arguments that make `patternlab-cli --run-one ID` run this configuration.
    QStringList childArguments(const QString &patternId) const;
    friend bool operator==(const RunConfig &, const RunConfig &) = default;
};

// The only targets PatternLab sends requests to: plain http on this machine (127.0.0.0/8,
// ::1, localhost). False with one line in *why (naming the URL and what to use) otherwise.
bool isLoopbackHttpUrl(const QUrl &url, QString *why);

// The seed a run uses, one rule for the CLI and the app: the one asked for; else the seed
// of the bundled server already running (back-to-back runs in the app meet the same server,
// no restart); else a new random one (1..2^31-1, short enough to read out to a class).
quint64 resolveSeed(std::optional<quint64> requested, std::optional<quint64> running);

Q_DECLARE_METATYPE(RunConfig)

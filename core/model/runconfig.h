// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QJsonValue>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>
#include <vector>

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

// The open model's schedule (the ratelimit pattern): requests start at `rate` per second
// whatever the answers do; up to `burst` at once when the schedule allows; never more than
// maxInFlight in flight (a start held back by it is late, and counted).
struct RateParams
{
    double rate = 500;
    int burst = 1;
    int maxInFlight = 1000;
    friend bool operator==(const RateParams &, const RateParams &) = default;
};

// The pipeline's stages, fetch -> parse -> aggregate, each with its own workers; in front of
// parse and aggregate a bounded buffer (a Channel) of `buffer` items.
struct PipelineParams
{
    int fetchWorkers = 0; // 0: --concurrency
    int parseWorkers = 2;
    int aggregateWorkers = 1; // always one: it keeps the running totals without a lock
    int buffer = 0; // 0: --concurrency
    int parseUs = 200; // CPU time each parse costs (the decoding, repeated), in microseconds
    friend bool operator==(const PipelineParams &, const PipelineParams &) = default;
};

// How the `once` pattern's workers get the token: through std::call_once, or with the racy
// "if (!token) token = login()" check-then-act (made defined with atomics, still racy).
enum class OnceMode { Once, Naive };

// The `cond` pattern's circuit breaker: open after `errors` consecutive failures (5xx,
// timeouts, connection errors), probe after `cooldownMs`, close on the probe's success.
struct BreakerParams
{
    int errors = 5;
    int cooldownMs = 500;
    friend bool operator==(const BreakerParams &, const BreakerParams &) = default;
};

// Server simulation settings, used when the run starts the bundled server.
struct ServerParams
{
    QString profile = QStringLiteral("seed");
    double latencyMs = -1; // < 0: the profile's default
    double errorRate = -1; // < 0: the profile's default
    int capacity = 0; // 0: the server's default
    int maxQueue = -1; // < 0: the server's default
    // Profile stall: a freeze of stallMs every stallEverySeconds; heavy-tail: tailMs with
    // probability tailRate; < 0: the server's default.
    double stallEverySeconds = -1;
    double stallMs = -1;
    double tailMs = -1;
    double tailRate = -1;
    double tokenMs = -1; // GET /token's latency; < 0: the server's default (200)
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
    RateParams rate;
    int runDeadlineMs = 0; // deadline: the whole run's deadline, 0 = none
    int maxErrors = 0; // deadline: cancel everything after this many errors, 0 = off
    double hedgeMs = 0; // hedged: the delay before a copy is sent, 0 = adaptive (running p95)
    PipelineParams pipeline;
    OnceMode onceMode = OnceMode::Once;
    BreakerParams breaker;

    int fetchWorkers() const { return pipeline.fetchWorkers > 0 ? pipeline.fetchWorkers : concurrency; }
    int stageBuffer() const { return pipeline.buffer > 0 ? pipeline.buffer : concurrency; }

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

// The flags of the patterns (beyond --concurrency), one table for the CLI (parsing, checks,
// --help), the measuring child's arguments, the JSON config and `params`, saved runs and the
// app's settings: a new pattern flag is one row here.
struct PatternFlag
{
    const char *name; // CLI name, without the dashes: "rate"
    const char *valueName; // in --help: "R"
    const char *help;
    double min;
    double max;
    bool integer;
    double (*get)(const RunConfig &);
    void (*set)(RunConfig &, double);
};
const std::vector<PatternFlag> &patternFlagTable();
const PatternFlag *findPatternFlag(QStringView name);

// The pattern flags whose value is text (`--once-mode naive`, `--stages fetch=8,parse=2`),
// used by the same places as the table above.
struct PatternTextFlag
{
    const char *name; // CLI name: "once-mode"
    const char *valueName; // in --help
    const char *help;
    QStringList choices; // non-empty: the value is one of these (the app offers a list)
    QString (*get)(const RunConfig &);
    QString (*set)(RunConfig &, QStringView); // empty, or the one-line reason the value is refused
};
const std::vector<PatternTextFlag> &patternTextFlagTable();
const PatternTextFlag *findPatternTextFlag(QStringView name);

// The only targets PatternLab sends requests to: plain http on this machine (127.0.0.0/8,
// ::1, localhost). False with one line in *why (naming the URL and what to use) otherwise.
bool isLoopbackHttpUrl(const QUrl &url, QString *why);

// The seed a run uses, one rule for the CLI and the app: the one asked for; else the seed
// of the bundled server already running (back-to-back runs in the app meet the same server,
// no restart); else a new random one (1..2^31-1, short enough to read out to a class).
quint64 resolveSeed(std::optional<quint64> requested, std::optional<quint64> running);

Q_DECLARE_METATYPE(RunConfig)

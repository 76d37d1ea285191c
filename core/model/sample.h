// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QMetaType>
#include <QString>
#include <cstdint>

// How a request ended, as the client saw it.
enum class ErrorKind : std::uint8_t {
    None = 0, // a valid HTTP answer with a 2xx status
    Http, // a valid HTTP answer with any other status (500 simulated, 503 shed, a 3xx never followed)
    Timeout, // no complete answer within the per-request timeout
    Connection, // the connection could not be made (refused, unreachable)
    Reset, // no complete valid answer arrived: reset, closed early, truncated, not an HTTP status line
    Other, // a status line, but headers that break HTTP (none, too many, a bad Content-Length); or else
    Resource, // the client itself ran out of something (thread, file descriptor)
    Cancelled, // never sent: the run was stopped or hit its time limit first
    Aborted, // sent, then cancelled on the wire by the client (a deadline, a hedge's loser, a stop)
};
inline constexpr int ErrorKindCount = 9;

QString errorKindName(ErrorKind kind);
ErrorKind errorKindFromName(QStringView name, bool *ok = nullptr);

// What a sample stands for. Each request index has exactly one Primary sample (what the user
// waited for); a pattern that sends more than one request for an index records the others as
// extra samples of another kind (a hedge's copy, a token fetch, a circuit breaker's probe).
// Parse and Aggregate are not requests: a pipeline stage's work on the request of that index
// (its worker is the stage's worker), for the timeline's stage lanes.
enum class SampleKind : std::uint8_t { Primary = 0, Hedge, Token, Probe, Parse, Aggregate };
inline constexpr int SampleKindCount = 6;
inline bool isRequestKind(SampleKind kind)
{
    return kind != SampleKind::Parse && kind != SampleKind::Aggregate;
}
QString sampleKindName(SampleKind kind);
SampleKind sampleKindFromName(QStringView name, bool *ok = nullptr);

// One request. Plain, 48 bytes: a million of them fit in 48 MB (a benchmark checks <= 64).
struct Sample
{
    std::int64_t startNs = 0; // relative to the run start, steady clock
    std::int64_t endNs = 0;
    std::int32_t index = -1; // request number 0..N-1
    std::int32_t worker = -1; // worker / thread lane that sent it (-1: never sent)
    std::int16_t status = 0; // HTTP status, 0 when there was no HTTP answer
    ErrorKind error = ErrorKind::None;
    SampleKind kind = SampleKind::Primary;
    // What the server said the request cost it (its Server-Timing header): waiting for a
    // capacity slot, and in service. -1: the answer did not say (another server, no answer).
    std::int32_t serverQueueUs = -1;
    std::int32_t serverServiceUs = -1;
    // When the schedule meant it to start (the ratelimit pattern's open model); -1: when it
    // started. A user in line waits from here, not from the send.
    std::int64_t intendedNs = -1;

    double latencyMs() const { return double(endNs - startNs) / 1e6; }
    std::int64_t intendedStartNs() const { return intendedNs >= 0 ? intendedNs : startNs; }
    double latencyFromIntendedMs() const { return double(endNs - intendedStartNs()) / 1e6; }
    bool ok() const { return error == ErrorKind::None; }
    bool sent() const { return error != ErrorKind::Cancelled; }
    bool aborted() const { return error == ErrorKind::Aborted; }
    bool hasServerTiming() const { return serverQueueUs >= 0 && serverServiceUs >= 0; }
    friend bool operator==(const Sample &, const Sample &) = default;
};
static_assert(sizeof(Sample) <= 64, "a recorded sample must stay small");

Q_DECLARE_METATYPE(Sample)
Q_DECLARE_METATYPE(ErrorKind)

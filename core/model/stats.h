// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/sample.h"

#include <QList>
#include <QMap>
#include <QString>
#include <vector>

// Latency figures in milliseconds. Percentiles use the nearest-rank definition everywhere
// (report, JSON, CSV, charts, table): the p-th percentile of n sorted values is the value at
// rank ceil(p/100 * n), 1-based. No interpolation: every figure is a latency that happened.
struct LatencySummary
{
    double min = 0;
    double mean = 0;
    double p50 = 0;
    double p90 = 0;
    double p95 = 0;
    double p99 = 0;
    double p999 = 0;
    double max = 0;
    friend bool operator==(const LatencySummary &, const LatencySummary &) = default;
};

struct PatternSummary
{
    int requests = 0; // planned
    int sent = 0; // attempted (not cancelled)
    int ok = 0; // a valid 2xx answer
    int errors = 0; // everything else, cancelled included
    QMap<int, int> statusCounts; // HTTP answers only
    QMap<QString, int> errorCounts; // by errorKindName(), kinds that occurred
    double totalTimeS = 0;
    double throughputRps = 0; // answered requests (any status) per second of total time
    LatencySummary latencyMs; // over every sent request, errors included: a timeout costs its wait
    int maxInFlight = 0;
    int aborted = 0; // sent, then cancelled on the wire (a deadline, a stop)
    // The open model (samples that carry an intended start): the response time a user in line
    // sees, from the planned start (coordinated omission corrected); = latencyMs otherwise.
    LatencySummary latencyFromIntendedMs;
    int late = 0; // started more than LateToleranceNs after the plan
    LatencySummary lateMs; // how late those were (min, p50, p99, max)
    int extraSent = 0; // further requests sent for the same indices (hedges, tokens, probes)
    // Starts per second between the first and the last send (what a schedule achieved; for
    // the closed-loop patterns it follows the answers). 0 with fewer than two sends.
    double startRatePerS = 0;
    double extraRequestsPercent() const { return requests ? 100.0 * extraSent / requests : 0; }
    int cancelled() const { return requests - sent + aborted; } // never sent, or aborted on the wire
    double errorPercent() const { return requests ? 100.0 * errors / requests : 0; }
    friend bool operator==(const PatternSummary &, const PatternSummary &) = default;
};

namespace Stats {

// A start this much after its planned time counts as late (the event loop's own jitter is a
// fraction of it).
inline constexpr std::int64_t LateToleranceNs = 1'000'000;

// Nearest rank on an ascending vector; 0 for an empty one. p in (0, 100].
double nearestRank(const std::vector<double> &sorted, double p);
// min, mean, nearest-rank percentiles and max of an ascending vector (zeros when empty).
LatencySummary latencySummary(const std::vector<double> &sorted);

PatternSummary summarize(const std::vector<Sample> &samples, int requests, std::int64_t totalNs, int maxInFlight);

struct Histogram
{
    QList<double> edgesMs; // bins + 1 edges, ascending
    QList<int> counts; // one per bin
};
// Log-spaced bins between the smallest and largest latency (linear when they are equal or
// the range reaches 0), over sent requests.
Histogram latencyHistogram(const std::vector<Sample> &samples, int bins);

struct IntervalPoint
{
    double tS = 0; // interval end, seconds from run start
    double completedPerS = 0;
    double meanLatencyMs = 0; // of requests that ended in the interval; 0 if none
    int errors = 0;
    int inFlight = 0; // requests started but not ended at the interval end
};
// Per-interval series (requests/s, latency, in-flight) ready for charts.
QList<IntervalPoint> timeSeries(const std::vector<Sample> &samples, std::int64_t intervalNs);

// Latency measured from the send (service time) or from the planned start (open model).
enum class Latency { FromSend, FromIntendedStart };
// The percentile curve: latency at each of the given percentiles.
QList<QPair<double, double>> percentileCurve(const std::vector<Sample> &samples, const QList<double> &percentiles,
                                             Latency from = Latency::FromSend);
// Whether any sample carries a planned start (the open model).
bool hasIntendedStarts(const std::vector<Sample> &samples);

} // namespace Stats

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/stats.h"

#include <algorithm>
#include <cmath>

namespace Stats {

namespace {
std::vector<double> sortedLatencies(const std::vector<Sample> &samples)
{
    std::vector<double> latencies;
    latencies.reserve(samples.size());
    for (const Sample &s : samples) {
        if (s.sent())
            latencies.push_back(s.latencyMs());
    }
    std::sort(latencies.begin(), latencies.end());
    return latencies;
}
} // namespace

LatencySummary latencySummary(const std::vector<double> &sorted)
{
    LatencySummary l;
    if (sorted.empty())
        return l;
    double sum = 0;
    for (double v : sorted)
        sum += v;
    l.min = sorted.front();
    l.max = sorted.back();
    l.mean = sum / double(sorted.size());
    l.p50 = nearestRank(sorted, 50);
    l.p90 = nearestRank(sorted, 90);
    l.p95 = nearestRank(sorted, 95);
    l.p99 = nearestRank(sorted, 99);
    l.p999 = nearestRank(sorted, 99.9);
    return l;
}

double nearestRank(const std::vector<double> &sorted, double p)
{
    Q_ASSERT(p > 0 && p <= 100);
    Q_ASSERT(std::is_sorted(sorted.begin(), sorted.end()));
    if (sorted.empty())
        return 0;
    const double n = double(sorted.size());
    // The small epsilon keeps p*n/100 that is an integer in exact arithmetic from rounding up.
    auto rank = std::size_t(std::ceil(p / 100.0 * n - 1e-9));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

PatternSummary summarize(const std::vector<Sample> &samples, int requests, std::int64_t totalNs, int maxInFlight)
{
    PatternSummary summary;
    summary.requests = requests;
    summary.maxInFlight = maxInFlight;
    summary.totalTimeS = double(totalNs) / 1e9;
    int answered = 0;
    for (const Sample &s : samples) {
        if (s.sent())
            ++summary.sent;
        if (s.status > 0) {
            ++answered;
            ++summary.statusCounts[s.status];
        }
        if (s.ok())
            ++summary.ok;
        else
            ++summary.errorCounts[errorKindName(s.error)];
    }
    // Requests never recorded at all (a crashed child) are errors too.
    summary.errors = requests - summary.ok;
    const int unrecorded = requests - int(samples.size());
    if (unrecorded > 0)
        summary.errorCounts[errorKindName(ErrorKind::Cancelled)] += unrecorded;
    summary.throughputRps = summary.totalTimeS > 0 ? answered / summary.totalTimeS : 0;

    std::vector<double> fromIntended;
    std::vector<double> lateBy;
    std::int64_t firstStartNs = INT64_MAX;
    std::int64_t lastStartNs = INT64_MIN;
    for (const Sample &s : samples) {
        if (!s.sent())
            continue;
        firstStartNs = std::min(firstStartNs, s.startNs);
        lastStartNs = std::max(lastStartNs, s.startNs);
        summary.aborted += s.aborted();
        fromIntended.push_back(s.latencyFromIntendedMs());
        if (s.intendedNs >= 0 && s.startNs - s.intendedNs > LateToleranceNs)
            lateBy.push_back(double(s.startNs - s.intendedNs) / 1e6);
    }
    std::sort(fromIntended.begin(), fromIntended.end());
    std::sort(lateBy.begin(), lateBy.end());
    summary.latencyFromIntendedMs = latencySummary(fromIntended);
    summary.late = int(lateBy.size());
    summary.lateMs = latencySummary(lateBy);
    if (summary.sent >= 2 && lastStartNs > firstStartNs)
        summary.startRatePerS = double(summary.sent - 1) * 1e9 / double(lastStartNs - firstStartNs);

    const std::vector<double> latencies = sortedLatencies(samples);
    if (!latencies.empty()) {
        LatencySummary &l = summary.latencyMs;
        double sum = 0;
        for (double v : latencies)
            sum += v;
        l.min = latencies.front();
        l.max = latencies.back();
        l.mean = sum / double(latencies.size());
        l.p50 = nearestRank(latencies, 50);
        l.p90 = nearestRank(latencies, 90);
        l.p95 = nearestRank(latencies, 95);
        l.p99 = nearestRank(latencies, 99);
        l.p999 = nearestRank(latencies, 99.9);
    }
    return summary;
}

Histogram latencyHistogram(const std::vector<Sample> &samples, int bins)
{
    Histogram histogram;
    const std::vector<double> latencies = sortedLatencies(samples);
    if (latencies.empty() || bins < 1)
        return histogram;
    const double lo = latencies.front();
    const double hi = latencies.back();
    const bool logScale = lo > 0 && hi > lo;
    for (int i = 0; i <= bins; ++i) {
        const double f = double(i) / bins;
        histogram.edgesMs.append(logScale ? lo * std::pow(hi / lo, f) : lo + (hi - lo) * f);
    }
    histogram.counts.fill(0, bins);
    for (double v : latencies) {
        // upper_bound: the first edge above v; the bin is the one before it.
        auto it = std::upper_bound(histogram.edgesMs.cbegin(), histogram.edgesMs.cend(), v);
        const int bin = std::clamp(int(it - histogram.edgesMs.cbegin()) - 1, 0, bins - 1);
        ++histogram.counts[bin];
    }
    return histogram;
}

QList<IntervalPoint> timeSeries(const std::vector<Sample> &samples, std::int64_t intervalNs)
{
    QList<IntervalPoint> series;
    if (intervalNs <= 0)
        return series;
    // Only samples that make sense count (a saved run is checked when opened; this keeps a
    // bad sample from indexing out of range whatever its origin), and the series is bounded.
    constexpr std::int64_t MaxIntervals = 1'000'000;
    const auto usable = [&](const Sample &s) {
        return s.sent() && s.startNs >= 0 && s.endNs >= s.startNs && s.endNs / intervalNs < MaxIntervals;
    };
    std::int64_t lastEnd = 0;
    for (const Sample &s : samples) {
        if (usable(s))
            lastEnd = std::max(lastEnd, s.endNs);
    }
    const auto intervals = std::size_t(lastEnd / intervalNs + 1);
    std::vector<int> ended(intervals, 0), errors(intervals, 0);
    std::vector<double> latencySum(intervals, 0);
    // In flight at the end of interval k: started at or before it, ended after it.
    std::vector<int> startedBy(intervals + 1, 0), endedBy(intervals + 1, 0);
    for (const Sample &s : samples) {
        if (!usable(s))
            continue;
        const auto k = std::size_t(s.endNs / intervalNs);
        ++ended[k];
        latencySum[k] += s.latencyMs();
        if (!s.ok())
            ++errors[k];
        ++startedBy[std::size_t(s.startNs / intervalNs)];
        ++endedBy[k];
    }
    const double intervalS = double(intervalNs) / 1e9;
    int started = 0, finished = 0;
    for (std::size_t k = 0; k < intervals; ++k) {
        started += startedBy[k];
        finished += endedBy[k];
        IntervalPoint p;
        p.tS = double(k + 1) * intervalS;
        p.completedPerS = ended[k] / intervalS;
        p.meanLatencyMs = ended[k] ? latencySum[k] / ended[k] : 0;
        p.errors = errors[k];
        p.inFlight = started - finished;
        series.append(p);
    }
    return series;
}

QList<QPair<double, double>> percentileCurve(const std::vector<Sample> &samples, const QList<double> &percentiles,
                                             Latency from)
{
    QList<QPair<double, double>> curve;
    std::vector<double> latencies;
    if (from == Latency::FromIntendedStart) {
        for (const Sample &s : samples) {
            if (s.sent())
                latencies.push_back(s.latencyFromIntendedMs());
        }
        std::sort(latencies.begin(), latencies.end());
    } else {
        latencies = sortedLatencies(samples);
    }
    if (latencies.empty())
        return curve;
    for (double p : percentiles)
        curve.append({ p, nearestRank(latencies, p) });
    return curve;
}

bool hasIntendedStarts(const std::vector<Sample> &samples)
{
    return std::any_of(samples.begin(), samples.end(), [](const Sample &s) { return s.intendedNs >= 0; });
}

} // namespace Stats

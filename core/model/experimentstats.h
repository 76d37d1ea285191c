// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QString>
#include <optional>
#include <vector>

// Non-finite values (NaN, infinities) are left out by every function here.
//
// The statistics of experiments (sweeps, repeated trials), each a documented textbook method
// so that a figure can be checked by hand (docs/ARCHITECTURE.md, "Experiments"):
//   - the median with a distribution-free 95% confidence interval from order statistics
//     (the binomial rank interval benchstat uses),
//   - the Mann-Whitney U test, two-sided: exact without ties and up to 20 per side, else the
//     normal approximation with tie and continuity correction (scipy's "asymptotic"),
//   - the Universal Scalability Law fit (Gunther), X(N) = lambda N / (1 + sigma (N-1) + kappa N (N-1)),
//   - the knee of a latency curve: the point farthest below the chord from its first to its
//     last point (Kneedle, Satopaa et al. 2011), only where latency rises at all,
//   - Little's law, L = X W, as a check of the measurement.
namespace ExperimentStats {

double median(std::vector<double> values); // 0 when empty

struct Interval
{
    double lo = 0;
    double hi = 0;
    double coverage = 0; // the interval's exact confidence, >= 0.95 from 6 values on
};
// The 95% interval of the median: [x(k), x(n+1-k)] for the largest k whose binomial coverage
// is still >= 95%. With fewer than 6 values no rank interval reaches 95%: [min, max] and its
// coverage (1 - 2^(1-n)) then.
Interval medianCi95(std::vector<double> values);

struct MannWhitney
{
    double u = 0; // U of the first sample: pairs (a, b) with a > b, ties counting one half
    double pValue = 1; // two-sided
    bool exact = false;
};
enum class Method { Auto, Asymptotic };
MannWhitney mannWhitney(const std::vector<double> &a, const std::vector<double> &b, Method method = Method::Auto);

inline constexpr double Alpha = 0.05;
// With fewer trials per side no two-sided p-value can fall below Alpha (3 vs 3: 0.1).
inline constexpr int MinTrialsForVerdict = 4;
// "a lower", "b lower" or "no clear difference" (DESIGN.md's verdicts), at Alpha; always "no
// clear difference" with fewer than MinTrialsForVerdict values on a side (with ties the normal
// approximation could otherwise dip under Alpha where the exact test never can).
QString verdict(const std::vector<double> &a, const std::vector<double> &b, double pValue);

struct UslFit
{
    double sigma = 0; // contention
    double kappa = 0; // coherency (crosstalk)
    double lambda = 0; // throughput of one
    double r2 = 0; // of the fitted throughput against the measured
    // Where throughput peaks, sqrt((1 - sigma) / kappa); nullopt without coherency (kappa 0).
    std::optional<double> peak;
    double predict(double n) const { return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1)); }
};
// Least squares on N / X = (1 + sigma (N-1) + kappa N (N-1)) / lambda, linear in its three
// unknowns, with sigma and kappa kept >= 0. Needs MinFitPoints distinct N >= 1 with X > 0:
// three unknowns through three points always "fit" (R² 1), which says nothing.
inline constexpr int MinFitPoints = 4;
std::optional<UslFit> fitUsl(const std::vector<double> &n, const std::vector<double> &x);

// The knee of an increasing, convex curve y(x) (p99 against the swept parameter), x ascending:
// the index of the point farthest below the chord from the first to the last point, when y's
// end is at least riseFactor times its minimum and that point lies at least minDistance
// (of the normalised axes) below the chord; nullopt when the curve has no knee in range, or
// has fewer than MinFitPoints points (the middle of three is no evidence of a bend).
std::optional<std::size_t> knee(const std::vector<double> &x, const std::vector<double> &y, double riseFactor = 1.5,
                                double minDistance = 0.1);

// Little's law for one measured point: in flight (time-averaged, as sampled) against
// throughput x mean latency. Disagreeing by more than 10% of the larger says the figures do
// not describe one steady state (too short a run, requests the throughput does not count).
struct LittleCheck
{
    double measured = 0; // mean in flight
    double predicted = 0; // throughput (1/s) x mean latency (s)
    double relativeGap() const;
    bool disagrees() const { return relativeGap() > 0.10; }
};

} // namespace ExperimentStats

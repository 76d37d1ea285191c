// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/experimentstats.h"
#include "model/rundata.h"

#include <QList>
#include <QMap>
#include <QString>
#include <array>
#include <optional>

// Experiments: a sweep runs the selected patterns at each value of one parameter; a repeat
// runs every pattern K times, interleaved, the server reseeded per trial (DESIGN.md,
// "Experiments"). This is what they mean: the parameters, their figures, the comparisons and
// fits, one place for the CLI, the JSON and the app.
// What an experiment runs: a sweep's parameter and values (none: one point), each value
// `repeat` times.
struct ExperimentPlan
{
    QString sweepParam;
    QList<double> values;
    int repeat = 1;
    bool isExperiment() const { return !sweepParam.isEmpty() || repeat > 1; }
    int points() const { return sweepParam.isEmpty() ? 1 : int(values.size()); }
    int steps() const { return points() * repeat; } // one run of every pattern each
};

namespace Experiments {

// The parameters a sweep can vary, by their CLI names.
const QStringList &sweepParams();
// A sweep parameter that sets the bundled server (latency-ms, capacity): no sweep with --url.
bool setsServer(const QString &param);
// Sets param to value in *config; the one-line reason when the value is out of range.
QString apply(RunConfig *config, const QString &param, double value);
double valueOf(const RunConfig &config, const QString &param);
// Parses "concurrency=1,2,4" (at most MaxSweepValues distinct values, each valid).
QString parseSweep(QStringView text, QString *param, QList<double> *values);
inline constexpr int MaxSweepValues = 50;
inline constexpr int MaxRepeat = 1000;

TrialFigures figures(const PatternSummary &summary);

// The figures a repeat compares, lower better for time and p99, higher for throughput.
struct Metric
{
    const char *key; // JSON: "total_time_s"
    const char *label; // "total time"
    const char *unit; // "s"
    double TrialFigures::*member;
    bool higherIsBetter;
};
const std::array<Metric, 3> &metrics();
std::vector<double> values(const QList<TrialFigures> &trials, double TrialFigures::*member);
// The median of the trials, or the summary's figure without trials.
TrialFigures medianFigures(const PatternResult &result, const PatternSummary &summary);

struct Comparison
{
    QString a;
    QString b;
    QString metric; // Metric::key
    double medianA = 0;
    double medianB = 0;
    double pValue = 1;
    QString verdict; // "a lower", "b lower", "no clear difference"
};
// Every pair of patterns with trials (a before b in run order), per metric.
QList<Comparison> comparisons(const QList<PatternResult> &results);
// The smallest number of trials any pattern has (0 without trials).
int minTrials(const QList<PatternResult> &results);

// A sweep's fit per pattern: the knee of its p99 curve (a parameter value), and for a
// concurrency sweep the Universal Scalability Law over its throughput; neither for a pattern
// that does not use the swept parameter (usesParam).
struct Fit
{
    std::optional<ExperimentStats::UslFit> usl;
    std::optional<double> knee;
    bool usesParam = true; // false: the pattern's figures do not depend on the parameter
};
QMap<QString, Fit> fits(const Sweep &sweep);
// Whether a pattern's run used the swept parameter (its params name it, or it sets the
// server): waitgroup has no pool, so a concurrency sweep leaves it flat by design.
bool usesParam(const PatternResult &result, const QString &param);
// A USL fit this poor (R^2 below) describes noise, not scaling.
inline constexpr double PoorFitR2 = 0.8;
// One pattern's curve over a sweep's points, x ascending: (value, median figures).
QList<QPair<double, TrialFigures>> curve(const Sweep &sweep, const QString &patternId);

// Little's law for one result: the in-flight count sampled every 50 ms while it ran (note
// inflight.sampled_mean) against throughput x mean latency; nullopt without that note or for
// a run shorter than MinLittleSeconds (too few readings to average).
inline constexpr double MinLittleSeconds = 1.0;
std::optional<ExperimentStats::LittleCheck> little(const PatternResult &result, const PatternSummary &summary);

// What the class predicted against what happened: the pattern that finished first (lowest
// median total time among the finished ones) and the one with the highest peak memory.
struct PredictionOutcome
{
    QString firstToFinish;
    QString mostMemory;
};
PredictionOutcome predictionOutcome(const RunData &run);

// Saved runs side by side (--compare, File > Compare): per pattern (in first-seen order) and
// metric, each run's figure (the trials' median where it has trials), its change against the
// first run, and where both have trials the Mann-Whitney verdict ("a" the first run, "b" this).
struct RunDifference
{
    QString pattern;
    QString metric; // Metric::key
    QList<std::optional<double>> values; // per run; nullopt where that run lacks the pattern
    QList<std::optional<double>> changePercent; // against the first run
    QList<std::optional<double>> pValues;
    QStringList verdicts; // empty where either side has no trials
};
QList<RunDifference> compareRuns(const QList<RunData> &runs);
// A verdict with the runs' names for "a" and "b" ("qt lower"); others (and "") unchanged.
QString verdictNamed(const QString &verdict, const QString &nameA, const QString &nameB);

} // namespace Experiments

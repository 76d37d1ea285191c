// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/patternresult.h"
#include "model/runconfig.h"
#include "model/stats.h"

#include <QList>

// A class's prediction before a run (predict, then run): pattern ids, empty when not asked.
struct Prediction
{
    QString firstToFinish;
    QString mostMemory;
    bool isEmpty() const { return firstToFinish.isEmpty() && mostMemory.isEmpty(); }
    friend bool operator==(const Prediction &, const Prediction &) = default;
};

// One value of a sweep: the patterns' results at it (the last trial's, with every trial's
// figures) and their summaries.
struct SweepPoint
{
    double value = 0;
    QList<PatternResult> results;
    QList<PatternSummary> summaries;
};

// A parameter sweep (--sweep PARAM=V1,V2,...): the values planned and the points finished.
struct Sweep
{
    QString param; // empty: no sweep
    QList<double> values;
    QList<SweepPoint> points;
    bool isEmpty() const { return param.isEmpty(); }
};

// One run as the UI shows it: its configuration, a result per pattern and that result's
// summary. Summaries are computed once (not per paint) and may also come from a saved file
// that holds no raw samples (a `patternlab-cli --json` file).
struct RunData
{
    RunConfig config;
    QList<PatternResult> results;
    QList<PatternSummary> summaries; // one per result, same order
    Sweep sweep; // a sweep's every point; results above are its last point's
    Prediction prediction;

    // Recomputes every summary from its result's samples.
    void summarizeAll();
    // Recomputes one; index must be valid in results.
    void summarize(qsizetype index);
    qsizetype indexOf(const QString &patternId) const;
    // Patterns of the configuration that have no result (a stop came before them).
    QStringList notRun() const;
    bool isEmpty() const { return results.isEmpty(); }
};

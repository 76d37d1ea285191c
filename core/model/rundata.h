// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/patternresult.h"
#include "model/runconfig.h"
#include "model/stats.h"

#include <QList>

// One run as the UI shows it: its configuration, a result per pattern and that result's
// summary. Summaries are computed once (not per paint) and may also come from a saved file
// that holds no raw samples (a `patternlab-cli --json` file).
struct RunData
{
    RunConfig config;
    QList<PatternResult> results;
    QList<PatternSummary> summaries; // one per result, same order

    // Recomputes every summary from its result's samples.
    void summarizeAll();
    // Recomputes one; index must be valid in results.
    void summarize(qsizetype index);
    qsizetype indexOf(const QString &patternId) const;
    // Patterns of the configuration that have no result (a stop came before them).
    QStringList notRun() const;
    bool isEmpty() const { return results.isEmpty(); }
};

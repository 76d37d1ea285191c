// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/patternresult.h"
#include "model/runconfig.h"
#include "model/rundata.h"

#include <QList>
#include <QString>

// The human-readable report, in the spirit of the Go original's: per pattern average
// latency, total time, status code counts and a memory profile, plus percentiles,
// throughput and threads; then one comparison table.
namespace Report {

QString patternReport(const PatternResult &result);
QString comparisonTable(const QList<PatternResult> &results);
QString configLine(const RunConfig &config);
// After an experiment: a sweep's table per pattern (figures, Little's law), its fits (knee,
// USL); a repeat's medians with their 95% intervals and the pairwise verdicts.
QString experimentReport(const RunData &run);
// Saved runs side by side (--compare): one line per pattern and figure, labels naming the runs.
QString compareReport(const QList<RunData> &runs, const QStringList &labels);

} // namespace Report

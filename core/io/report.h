// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/patternresult.h"
#include "model/runconfig.h"

#include <QList>
#include <QString>

// The human-readable report, in the spirit of the Go original's: per pattern average
// latency, total time, status code counts and a memory profile, plus percentiles,
// throughput and threads; then one comparison table.
namespace Report {

QString patternReport(const PatternResult &result);
QString comparisonTable(const QList<PatternResult> &results);
QString configLine(const RunConfig &config);

} // namespace Report

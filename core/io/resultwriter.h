// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/patternresult.h"
#include "model/runconfig.h"
#include "model/rundata.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// Writes runs in the formats of DESIGN.md. Every file is written atomically: complete, or
// not at all with the old file untouched (a full disk, a file size limit, an I/O error).
namespace ResultWriter {

QJsonObject toJson(const RunConfig &config, const QList<PatternResult> &results);
// With the summaries at hand (results without samples: a sweep's points, an opened file).
QJsonObject toJson(const RunConfig &config, const QList<PatternResult> &results,
                   const QList<PatternSummary> &summaries);
// A whole run: the above plus, where present, the sweep (points and fits), the trials'
// comparisons and the class's prediction (DESIGN.md, "Experiments").
QJsonObject toJson(const RunData &run);
QByteArray summaryCsv(const QList<PatternResult> &results);
// An experiment, one row per sweep value (one without a sweep) and pattern: the median
// figures, their 95% intervals with trials, and Little's law check.
QByteArray experimentCsv(const RunData &run);
// Saved runs compared (--compare): {"version": 1, "compare": {"runs": [...], "rows": [...]}}.
QJsonObject compareJson(const QList<RunData> &runs, const QStringList &labels);
QByteArray compareCsv(const QList<RunData> &runs, const QStringList &labels);
QByteArray samplesCsv(const QList<PatternResult> &results);

// Returns false and sets *error to one line naming the file and the reason ("No space left
// on device"); the file at path is then exactly what it was before.
bool writeFile(const QString &path, const QByteArray &contents, QString *error);
// Checks up front that a file can be written there (its folder exists and is writable).
bool checkWritable(const QString &path, QString *error);

} // namespace ResultWriter

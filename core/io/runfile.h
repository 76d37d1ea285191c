// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/rundata.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// A saved run: the JSON contract of DESIGN.md (ResultWriter::toJson) plus extra keys per
// result so that opening it shows every chart again without running anything:
//   "total_ns":        exact total time,
//   "samples":         {"columns": ["index","worker","start_ns","end_ns","status","error",
//                                   "server_queue_us","server_service_us"],
//                       "rows": [[...], ...]}  (error by errorKindName),
//   "resource_series": {"columns": ["t_ns","rss_bytes","threads","cpu_user_s","cpu_sys_s"],
//                       "rows": [[...], ...]},
//   "server_series":   {"columns": ["t_ns","in_service","queued","shed","cpu_percent"], "rows": [...]}.
// The contract keys are untouched, so readers of the contract keep working; a contract-only
// file (from `patternlab-cli --json`) opens too, with its tables and bars but no per-request
// charts.
namespace RunFile {

// What a saved run may hold; a file past these is refused with one line naming the limit
// (docs/ARCHITECTURE.md, "Limits").
namespace Limits {
inline constexpr qint64 MaxFileBytes = qint64(512) << 20;
inline constexpr int MaxResults = 100; // one per pattern; a run has a dozen at most
inline constexpr int MaxRequests = 10'000'000; // per pattern, and samples per file
inline constexpr double MaxTimeNs = 1e14; // 27 hours
inline constexpr double MaxSeconds = 1e5;
inline constexpr double MaxBytes = 1e13; // 10 TB of RSS
inline constexpr int MaxResourcePoints = 2'000'000;
inline constexpr int MaxTrials = 1000; // per result (--repeat)
} // namespace Limits

QJsonObject toJson(const RunData &run);
QByteArray toBytes(const RunData &run);
bool save(const QString &path, const RunData &run, QString *error);

// Returns false and sets *error to one line saying what is wrong with the file and where
// ("results[1].samples.rows[7] start_ns: -1 is out of range ..."). Every value is checked:
// a saved run is input.
bool fromJson(const QJsonObject &json, RunData *run, QString *error);
bool load(const QString &path, RunData *run, QString *error);

} // namespace RunFile

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

struct RunData;

namespace ChartExport {

// PNG through QSaveFile: the file appears complete or not at all. Returns false and sets
// *error to one line naming the file and the reason.
bool savePng(const QImage &image, const QString &path, QString *error);

// Every chart of `run` as <folder>/<name>.png (live, comparison, latency, timeline,
// resources), rendered offscreen at `size`: what "Export all charts…" writes, usable
// headless (needs a QApplication, e.g. QT_QPA_PLATFORM=offscreen) by patternlab-cli --png.
// liveFocus: the pattern the live chart shows (empty: the last one).
bool renderAll(const RunData &run, const QString &folder, const QSize &size, QStringList *written, QString *error,
               const QString &liveFocus = {});

} // namespace ChartExport

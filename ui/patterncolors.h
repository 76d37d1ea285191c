// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QColor>
#include <QString>

// One colour per pattern, the same in the list, the table and every chart. Keyed by the
// pattern's id (its row in the pattern registry), not by its place in a run, so a colour
// never changes between runs or between a live run and an opened file.
namespace PatternColors {

QColor color(const QString &patternId);
// Errors are marked in this colour everywhere (timeline, live latency).
QColor errorColor();

} // namespace PatternColors

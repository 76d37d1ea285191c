// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QList>
#include <QString>

// The classroom texts for a pattern, compiled in: resources/patterns/ID.html (first line
// `<!-- summary: ... -->`, then what it does, the Go original's idea, what to look for) and
// its code, extracted at build time from core/patterns/ID.cpp between `// @lesson begin`
// and `// @lesson end` (the code that runs, never a copy).
namespace PatternInfo {

QString oneLine(const QString &patternId); // what it does, in a few words
QString html(const QString &patternId); // what it does, the Go original's idea, what to look for
QString snippet(const QString &patternId); // its lesson code; empty for an unknown id

// A step of the lesson code: a comment line `// [name] ...` starts it; it runs to the line
// before the next step (trailing blank lines dropped). The html links to steps as
// <a href="step:name">, and the pane highlights the step's lines.
struct Step
{
    QString name;
    int firstLine = 0; // 0-based lines of snippet()
    int lastLine = 0;
};
QList<Step> steps(const QString &snippet);

} // namespace PatternInfo

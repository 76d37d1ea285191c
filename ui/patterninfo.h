#pragma once

#include <QString>

// The classroom texts for a pattern, compiled in from resources/patterns/: ID.html (first
// line `<!-- summary: ... -->`, then what it does, the Go original's idea, what to look for)
// and ID.cpp.txt (its core C++). A new pattern needs just these two files.
namespace PatternInfo {

QString oneLine(const QString &patternId); // what it does, in a few words
QString html(const QString &patternId); // what it does, the Go original's idea, what to look for
QString snippet(const QString &patternId); // its core C++

} // namespace PatternInfo

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <span>

class Pattern;
struct RunConfig;

// Every pattern this build knows, in teaching order, one row each in registry.cpp. The CLI
// (--patterns, --help), the desktop app (list, colours, groups, legends), the lesson pane
// and the tests all read this table. Adding a pattern: its file pair in core/patterns/
// (the lesson between `// @lesson begin` and `// @lesson end`), its row here and its
// classroom text resources/patterns/ID.html (docs/ARCHITECTURE.md, "Adding a pattern").
namespace PatternRegistry {

// How the desktop app groups the list.
enum class Group { GoOriginal, Time, Structure };
QString groupName(Group group);

struct Entry
{
    QString id; // --patterns id, file name of its code and lesson text
    QString title; // full name: "Fan-out/Fan-in (worker pool)"
    QString shortTitle; // legends and narrow columns, unique: "Fan-out"
    Group group;
    bool inOriginal; // one of the Go original's four: the default selection
    std::unique_ptr<Pattern> (*create)();
    QStringList flags; // the CLI flags that change what it does (RunConfig::flagValue)
};

std::span<const Entry> entries();
const Entry *find(QStringView id); // nullptr for an id this build does not know

QStringList ids(); // all, in teaching order
QStringList defaultIds(); // the Go original's four
// For an unknown id (a saved run from a newer build) these return the id itself.
QString title(const QString &id);
QString shortTitle(const QString &id);
std::unique_ptr<Pattern> create(const QString &id); // nullptr for an unknown id
// The pattern's flags as this configuration sets them, keyed as in JSON ("bp_window_ms").
QJsonObject params(const QString &id, const RunConfig &config);

} // namespace PatternRegistry

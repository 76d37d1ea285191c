// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/rundata.h"

#include <QList>
#include <QString>
#include <optional>

// Runs tuned to show one lesson each, on a 2-core laptop and on a bigger machine (measured
// in docs/BENCHMARKS.md, "Presets"). The app's preset menu and `patternlab-cli --preset` use
// them; after a run, check() says whether the lesson showed, and if not, what got in the way.
namespace Presets {

struct Preset
{
    QString key; // --preset value, the saved run's config "preset"
    QString name; // menu text
    QString lesson; // one sentence a class can read
    QStringList patterns;
    RunConfig config; // requests, concurrency, timeout, server profile and parameters
};

const QList<Preset> &all();
const Preset *find(QStringView key);

// Applies the preset's sizes, server and patterns to config; where the server is (bundled or
// a URL), the engine and the seed stay what they were.
void apply(const Preset &preset, RunConfig *config);

struct Verdict
{
    bool shown = false;
    QString text; // one line: the effect with its figures, or why it did not appear
};
// For a run of a preset (run.config.preset); nullopt for Custom or an unknown preset, or when
// the patterns it compares did not both finish.
std::optional<Verdict> check(const RunData &run);

// What limited a pattern, in a few words, when something did: "the server was saturated
// (CPU 97 % of a core)" or "the client was saturated (...)"; empty when neither was.
QString saturation(const PatternResult &result);

} // namespace Presets

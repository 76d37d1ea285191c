// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/experiment.h"
#include "model/runconfig.h"

#include <QString>
#include <QStringList>

// The command line of patternlab-cli (DESIGN.md), parsed and validated into a RunConfig.
struct CliOptions
{
    RunConfig config;
    QString runOne; // internal: run this one pattern and stream events to stdout
    QString jsonPath;
    QString csvPath;
    QString samplesCsvPath;
    QString pngDir;
    bool quiet = false;
    ExperimentPlan plan; // --sweep, --repeat
    QStringList compareFiles; // --compare A.json B.json ...: no run, a comparison
};

struct CliParseResult
{
    enum class Action { Run, Help, Version, Error };
    Action action = Action::Error;
    CliOptions options;
    QString text; // the help text, or one line saying which flag is wrong and why
};

// arguments[0] is the program name, as in QCoreApplication::arguments().
CliParseResult parseCliArguments(const QStringList &arguments);

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/patternresult.h"

QString PatternResult::outcomeName() const
{
    switch (outcome) {
    case Outcome::Finished:
        return QStringLiteral("finished");
    case Outcome::Stopped:
        return QStringLiteral("stopped");
    case Outcome::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

PatternResult::Outcome PatternResult::completedOutcome() const
{
    const bool unsent = std::any_of(samples.begin(), samples.end(), [](const Sample &s) { return !s.sent(); });
    const bool byDesign = std::any_of(notes.begin(), notes.end(), [](const QPair<QString, double> &note) {
        return note.first == QLatin1String("deadline.cancelled_at_s");
    });
    return unsent && !byDesign ? Outcome::Stopped : Outcome::Finished;
}

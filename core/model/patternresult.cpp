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
    const auto unsent = std::count_if(samples.begin(), samples.end(), [](const Sample &s) { return !s.sent(); });
    // Left unsent on purpose: everything after a deadline, or what a circuit breaker rejected.
    const bool deadline = note(u"deadline.cancelled_at_s").has_value();
    const double rejected = note(u"breaker.rejected").value_or(0);
    return unsent > rejected && !deadline ? Outcome::Stopped : Outcome::Finished;
}

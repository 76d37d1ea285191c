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

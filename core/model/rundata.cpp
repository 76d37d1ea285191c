// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/rundata.h"

void RunData::summarizeAll()
{
    summaries.clear();
    summaries.reserve(results.size());
    for (const PatternResult &result : std::as_const(results))
        summaries.append(result.summary());
}

void RunData::summarize(qsizetype index)
{
    Q_ASSERT(index >= 0 && index < results.size());
    while (summaries.size() < results.size())
        summaries.append(PatternSummary {});
    summaries[index] = results.at(index).summary();
}

qsizetype RunData::indexOf(const QString &patternId) const
{
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (results.at(i).id == patternId)
            return i;
    }
    return -1;
}

QStringList RunData::notRun() const
{
    QStringList ids;
    for (const QString &id : config.patterns) {
        if (indexOf(id) < 0)
            ids << id;
    }
    return ids;
}

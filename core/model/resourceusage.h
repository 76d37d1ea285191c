// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QMetaType>
#include <array>
#include <cstdint>

// One reading of the process's own resources.
struct ResourcePoint
{
    std::int64_t tNs = 0; // relative to the run start
    std::int64_t rssBytes = 0;
    int threads = 0;
    double cpuUserS = 0; // cumulative since the pattern started
    double cpuSysS = 0;
    // The pipeline's queues (the input of fetch, parse, aggregate) at that moment; -1: none.
    static constexpr int StageCount = 3;
    std::array<std::int32_t, StageCount> stageQueues { -1, -1, -1 };
    bool hasStageQueues() const { return stageQueues[0] >= 0; }
};

// A pattern's resource figures, measured in its own process (see DESIGN.md).
struct ResourceUsage
{
    std::int64_t peakRssBytes = 0;
    std::int64_t rssDeltaBytes = 0;
    int threadsPeak = 0;
    double cpuUserS = 0;
    double cpuSysS = 0;
    std::int64_t allocations = -1; // -1: not measured (sanitizer builds)
    std::int64_t allocatedBytes = -1;
    std::int64_t ctxSwitchesVoluntary = 0;
    std::int64_t ctxSwitchesInvoluntary = 0;
    friend bool operator==(const ResourceUsage &, const ResourceUsage &) = default;
};

Q_DECLARE_METATYPE(ResourcePoint)
Q_DECLARE_METATYPE(ResourceUsage)

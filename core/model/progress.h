// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QMetaType>
#include <cstdint>

// Where a running pattern stands. The measuring child sends it every 100 ms (event "P" of
// the event stream), the Runner re-emits it, the CLI's progress line and the app's pattern
// list show it: one struct for all of them.
struct Progress
{
    int completed = 0; // requests recorded (answered, failed or cancelled)
    int total = 0; // requests planned
    int inFlight = 0;
    int maxInFlight = 0;
    std::int64_t elapsedNs = 0; // since the pattern's clock started
    friend bool operator==(const Progress &, const Progress &) = default;
};

Q_DECLARE_METATYPE(Progress)

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// The open model (RateParams): requests start on a schedule, `rate` per second, whatever the
// answers do, the way users arrive at a real service. Each sample keeps its intended start, so
// the report can show both the service time (from the send) and what someone in line waits
// (from the planned start: coordinated omission corrected, as wrk2 does). A start held back
// by --max-in-flight is late, counted with how late; nothing is dropped.
class RateLimitPattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// Go's context.Context with errgroup: a fan-out pool whose every request runs under one
// context. The context ends at the run deadline (--run-deadline-ms), after --max-errors
// failed requests, or on a stop; then requests in flight are aborted on the wire (recorded as
// `aborted`) and jobs not yet sent are never sent (recorded as cancelled). The note
// `deadline.cancelled_at_s` says when it fired.
class DeadlinePattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

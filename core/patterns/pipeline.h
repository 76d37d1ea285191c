// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// Stages chained by bounded channels, each with its own workers (the Go original's later
// generic Stage[I, O]): fetch (GET, keeps the body) -> parse (decodes the JSON: CPU work)
// -> aggregate (one worker: running totals). The slowest stage sets the pace; the buffer in
// front of it fills and the stages before it block on send. Per stage the notes say the
// time spent working, the time blocked on the next stage's full buffer and the deepest its
// input queue got (the JSON's `stages`).
class PipelinePattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

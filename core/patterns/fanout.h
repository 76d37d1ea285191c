// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// Fan-out/fan-in: a producer fans request indices out on a bounded job channel to C
// workers; each worker sends its result on a results channel; the calling thread fans them
// in and records them. The last worker to leave closes the results channel.
class FanOutPattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

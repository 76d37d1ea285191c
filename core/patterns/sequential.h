// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// The baseline: one request after another on the calling thread. Max in-flight is 1.
class SequentialPattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

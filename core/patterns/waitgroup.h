// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// Go's WaitGroup client: one thread per request, all started at once, then wait for all.
// Unbounded on purpose: with 7,500 requests it is 7,500 threads, 7,500 connections and
// 7,500 client stacks, and the figures show what that costs.
class WaitGroupPattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

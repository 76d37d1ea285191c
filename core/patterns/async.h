// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// Concurrency without threads: one event loop on the calling thread keeps up to C requests in
// flight (the way a Node.js or asyncio client does, or Go's netpoller under its goroutines).
// Its threads and memory stay flat as C grows.
class AsyncPattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

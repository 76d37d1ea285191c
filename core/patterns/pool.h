// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/sample.h"

template<typename T> class Channel;
struct RunConfig;
struct RunContext;

// The pieces the pooled patterns (fanout, backpressure, ...) share, named as in the Go
// original's fan-out/fan-in.
namespace Pool {

// C workers, but never more than there are requests, and at least one.
int size(const RunConfig &config);

// Fan out: send every request index on jobs, in order, until done or stopped; then close
// jobs ("no more work"). Returns when the last index is taken or jobs was closed.
void produce(RunContext &context, Channel<int> &jobs);

// Fan in: record every result until results is closed and drained.
void collect(RunContext &context, Channel<Sample> &results);

} // namespace Pool

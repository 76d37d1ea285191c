// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

#include <atomic>

struct BackpressureParams;
template<typename T> class Channel;

// The fan-out pool plus the Go original's backpressure signal (BackpressureParams in
// runconfig.h): before each request a worker puts a token into a pressure channel of
// capacity C; one monitor per worker drains it and counts its tokens per window. Too many
// tokens in a window make the monitors drain more slowly; the channel fills up and blocks
// the workers, which slows dispatch. Few tokens let it speed up again.
class BackpressurePattern : public Pattern
{
public:
    void run(RunContext &context) override;

private:
    void signalLoad(Channel<int> &pressure, int worker);
    void monitor(const BackpressureParams &params, Channel<int> &pressure, const RunContext &context);

    // What the brake did, reported in the run's notes ("backpressure.*").
    std::atomic<int> m_blockedSends { 0 };
    std::atomic<int> m_delayRaises { 0 };
    std::atomic<int> m_maxDelayMs { 0 };
};

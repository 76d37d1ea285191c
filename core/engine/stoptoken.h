// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <atomic>
#include <chrono>

// Cooperative stop for a pattern run: set by the user (Stop, SIGTERM) or by the run's time
// limit. Patterns check it before each request; requests already in flight end by their
// own timeout, so a stop is always reached in bounded time.
class StopToken
{
public:
    using Clock = std::chrono::steady_clock;

    void requestStop() { m_stop.store(true, std::memory_order_relaxed); }
    void setDeadline(Clock::time_point deadline) { m_deadline = deadline; }

    bool stopRequested() const { return m_stop.load(std::memory_order_relaxed) || Clock::now() >= m_deadline; }
    bool deadlineReached() const { return Clock::now() >= m_deadline; }

private:
    std::atomic<bool> m_stop { false };
    Clock::time_point m_deadline = Clock::time_point::max();
};

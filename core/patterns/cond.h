// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <utility>
#include <vector>

struct BreakerParams;
class StopToken;

// A circuit breaker built on a condition variable (Go: sync.Cond). Closed, every request
// goes; after `errors` consecutive failures it opens and workers wait on the condition
// instead of sending doomed requests; after the cool-down one worker (the prober) is let
// through; its success closes the breaker and wakes everyone at once (Broadcast:
// notify_all), its failure keeps it open for another cool-down.
class CircuitBreaker
{
public:
    enum class Turn { Send, Probe, Rejected, Stopped };
    using Clock = std::chrono::steady_clock;

    explicit CircuitBreaker(const BreakerParams &params);
    // Before each request: Send at once when closed; while open, blocks (no busy wait: a
    // condition variable, woken by the prober's verdict, the cool-down's end or, within
    // 50 ms, a stop) until closed (Send), this worker is the prober (Probe), a probe failed
    // while it waited (Rejected: a held request waits for one verdict at most) or a stop.
    // After `errors` failed probes in a row the server is down, not slow: requests are
    // rejected at once (fail fast) until a probe succeeds, so a dead server ends the run
    // after K cool-downs instead of holding it.
    Turn await(const StopToken &stop);
    // After each request (a probe's verdict with wasProbe).
    void report(bool failure, bool wasProbe);

    int opens() const;
    int heldBack() const; // requests that had to wait while the breaker was open
    double openSeconds() const; // total time open (until now if it still is)
    // When it was open (the first MaxIntervals times; the last may still be open: until now).
    static constexpr int MaxIntervals = 100;
    std::vector<std::pair<Clock::time_point, Clock::time_point>> openIntervals() const;

private:
    const int m_threshold;
    const Clock::duration m_coolDown;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = false;
    bool m_probing = false;
    int m_consecutive = 0;
    int m_failedProbes = 0;
    int m_failedInARow = 0; // probes since the last success: `errors` of them and it fails fast
    Clock::time_point m_openedAt;
    Clock::time_point m_probeAt;
    int m_opens = 0;
    int m_heldBack = 0;
    Clock::duration m_openTotal {};
    std::vector<std::pair<Clock::time_point, Clock::time_point>> m_intervals;
};

// A fan-out pool behind a CircuitBreaker: against a stalling or overloaded server it holds
// requests back instead of sending them into failure (breaker.* notes, probes as `probe`
// requests).
class CondPattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "measure/atomicmax.h"

#include <atomic>

// Counts the threads the patterns themselves run, exactly: a sampler reading
// /proc/self/status every 50 ms misses threads that live for a few milliseconds (a
// WaitGroup run against a fast server). Each pattern thread holds a Scope while it lives.
class ThreadGauge
{
public:
    class Scope
    {
    public:
        Scope() { enter(); }
        ~Scope() { leave(); }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
    };

    static void enter() { atomicMax(s_peak, s_live.fetch_add(1, std::memory_order_relaxed) + 1); }
    static void leave() { s_live.fetch_sub(1, std::memory_order_relaxed); }
    static int live() { return s_live.load(std::memory_order_relaxed); }
    static int peak() { return s_peak.load(std::memory_order_relaxed); }
    static void resetPeak() { s_peak.store(live(), std::memory_order_relaxed); }

private:
    static inline std::atomic<int> s_live { 0 };
    static inline std::atomic<int> s_peak { 0 };
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <atomic>

// Raises target to at least value (a lock-free running maximum).
template<typename T>
inline void atomicMax(std::atomic<T> &target, T value, std::memory_order order = std::memory_order_relaxed)
{
    T seen = target.load(order);
    while (value > seen && !target.compare_exchange_weak(seen, value, order)) { }
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "measure/alloccounter.h"

#include <atomic>

namespace {
std::atomic<AllocationReader> s_reader { nullptr };
}

void registerAllocationReader(AllocationReader reader)
{
    s_reader.store(reader, std::memory_order_release);
}

bool allocationCountingAvailable()
{
    return s_reader.load(std::memory_order_acquire) != nullptr;
}

AllocationStats allocationStats()
{
    const AllocationReader reader = s_reader.load(std::memory_order_acquire);
    return reader ? reader() : AllocationStats {};
}

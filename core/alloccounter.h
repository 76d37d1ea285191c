#pragma once

#include <cstdint>

// Counts heap allocations of the whole process (malloc, calloc, realloc and everything
// built on them: operator new, Qt's containers). The C++ stand-in for Go's
// runtime.MemStats Mallocs/TotalAlloc. Not available under ASan/TSan, which own malloc.
struct AllocationStats
{
    std::int64_t count = 0;
    std::int64_t bytes = 0;
};

bool allocationCountingAvailable();
AllocationStats allocationStats();

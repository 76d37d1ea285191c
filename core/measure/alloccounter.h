// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <cstdint>

// Counts heap allocations of the whole process (malloc, calloc, realloc and everything
// built on them: operator new, Qt's containers). The C++ stand-in for Go's
// runtime.MemStats Mallocs/TotalAlloc.
//
// The counting itself is the malloc interposer in mallochook.cpp, linked only into the
// measuring binary (patternlab-cli, whose --run-one child measures each pattern): the
// desktop app and the tests keep glibc's malloc untouched. The hook registers its reader
// here when the program starts; without it (or under ASan/TSan, which own malloc)
// allocationCountingAvailable() is false and the figures are reported as not measured.
struct AllocationStats
{
    std::int64_t count = 0;
    std::int64_t bytes = 0;
};

using AllocationReader = AllocationStats (*)();

bool allocationCountingAvailable();
AllocationStats allocationStats();
// Called once by the hook's static initialiser.
void registerAllocationReader(AllocationReader reader);

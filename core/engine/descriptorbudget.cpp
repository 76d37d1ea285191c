// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/descriptorbudget.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

DescriptorBudget::DescriptorBudget() : m_limit(processLimit()) { }

DescriptorBudget &DescriptorBudget::instance()
{
    static DescriptorBudget budget;
    return budget;
}

int DescriptorBudget::processLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 1 << 20;
    return int(std::clamp<rlim_t>(limit.rlim_cur, Reserve, 1 << 24)) - Reserve;
}

bool DescriptorBudget::acquire(int count)
{
    int used = m_inUse.load(std::memory_order_relaxed);
    do {
        if (used + count > limit())
            return false;
    } while (!m_inUse.compare_exchange_weak(used, used + count, std::memory_order_relaxed));
    return true;
}

void DescriptorBudget::release(int count)
{
    m_inUse.fetch_sub(count, std::memory_order_relaxed);
}

void DescriptorBudget::setLimit(int descriptors)
{
    m_limit.store(descriptors > 0 ? descriptors : processLimit(), std::memory_order_relaxed);
}

std::pair<long, long> DescriptorBudget::raiseProcessLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return { -1, -1 };
    const long before = long(limit.rlim_cur);
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    instance().setLimit(0);
    return { before, long(limit.rlim_cur) };
}

int DescriptorBudget::maxClients(bool twoThreadsPerClient)
{
    long threads = 1L << 20;
    if (FILE *file = std::fopen("/proc/sys/kernel/threads-max", "r")) {
        if (std::fscanf(file, "%ld", &threads) != 1)
            threads = 1L << 20;
        std::fclose(file);
    }
    // Room for the rest of the process and of the machine: half of threads-max at most.
    const long byThreads = threads / 2 / (twoThreadsPerClient ? 2 : 1);
    return int(std::max(1L, std::min<long>(instance().sessionCapacity(), byThreads)));
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
// The malloc interposer: linked only into patternlab-cli (see alloccounter.h).
#include "measure/alloccounter.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PATTERNLAB_NO_MALLOC_HOOK 1
#endif

#ifndef PATTERNLAB_NO_MALLOC_HOOK

namespace {
// Sharded so 15 workers allocating at once don't fight over one cache line.
constexpr int ShardCount = 64;
struct alignas(64) Shard
{
    std::atomic<std::int64_t> count { 0 };
    std::atomic<std::int64_t> bytes { 0 };
};
Shard s_shards[ShardCount];

inline Shard &shard()
{
    // The address of a thread-local is unique per thread and cheap to get.
    static thread_local char marker;
    return s_shards[(reinterpret_cast<std::uintptr_t>(&marker) >> 12) % ShardCount];
}

inline void count(std::size_t size)
{
    Shard &s = shard();
    s.count.fetch_add(1, std::memory_order_relaxed);
    s.bytes.fetch_add(std::int64_t(size), std::memory_order_relaxed);
}
} // namespace

// Interpose glibc's allocator entry points and forward to glibc's own implementation.
extern "C" {
void *__libc_malloc(std::size_t);
void *__libc_calloc(std::size_t, std::size_t);
void *__libc_realloc(void *, std::size_t);

void *malloc(std::size_t size)
{
    count(size);
    return __libc_malloc(size);
}

void *calloc(std::size_t n, std::size_t size)
{
    count(n * size);
    return __libc_calloc(n, size);
}

void *realloc(void *ptr, std::size_t size)
{
    count(size);
    return __libc_realloc(ptr, size);
}
}

namespace {
AllocationStats readShards()
{
    AllocationStats stats;
    for (const Shard &s : s_shards) {
        stats.count += s.count.load(std::memory_order_relaxed);
        stats.bytes += s.bytes.load(std::memory_order_relaxed);
    }
    return stats;
}

// Runs when the measuring binary starts; the hook is linked into nothing else.
[[maybe_unused]] const bool s_registered = (registerAllocationReader(&readShards), true);
} // namespace

#endif

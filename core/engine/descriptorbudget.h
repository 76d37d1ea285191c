// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <atomic>
#include <utility>

// The file descriptors the client's sessions may hold at once: the soft RLIMIT_NOFILE minus a
// reserve for everything else the process opens (its pipes, /proc reads, libraries). A session
// takes its share before it opens anything; when none is left, it fails each request with a
// `resource` error instead of asking the system for a descriptor it would refuse. That
// refusal is not survivable everywhere: Qt's event dispatcher (and GLib's) aborts the whole
// process when a new thread cannot get its wake-up descriptor, which used to end a
// 20,000-thread WaitGroup run with no figures at all.
class DescriptorBudget
{
public:
    // Measured here: a session in flight holds its socket, its thread's event-dispatcher
    // eventfd and (qt) the QNAM thread's, or (curl) a wake-up pair; 3 covers both engines.
    static constexpr int PerSession = 3;
    static constexpr int Reserve = 64;

    static DescriptorBudget &instance();

    bool acquire(int count = PerSession);
    void release(int count = PerSession);

    int limit() const { return m_limit.load(std::memory_order_relaxed); }
    int inUse() const { return m_inUse.load(std::memory_order_relaxed); }
    // How many sessions fit at once: what a pool larger than this cannot use.
    int sessionCapacity() const { return limit() / PerSession; }

    // Tests set a small limit; 0 goes back to the process's own.
    void setLimit(int descriptors);

    // Raises this process's soft RLIMIT_NOFILE to its hard limit (children inherit it) and
    // re-reads the budget. Returns the soft limit before and after.
    static std::pair<long, long> raiseProcessLimit();
    // The most clients a pool can run at once here: descriptors (PerSession each) and
    // threads (the system's threads-max; the qt engine runs two per client).
    static int maxClients(bool twoThreadsPerClient);

private:
    DescriptorBudget();
    static int processLimit();

    std::atomic<int> m_limit;
    std::atomic<int> m_inUse { 0 };
};

// Holds a session's share while alive.
class DescriptorShare
{
public:
    explicit DescriptorShare(int count = DescriptorBudget::PerSession)
        : m_count(count), m_held(DescriptorBudget::instance().acquire(count))
    { }
    ~DescriptorShare()
    {
        if (m_held)
            DescriptorBudget::instance().release(m_count);
    }
    DescriptorShare(const DescriptorShare &) = delete;
    DescriptorShare &operator=(const DescriptorShare &) = delete;
    bool held() const { return m_held; }

private:
    const int m_count;
    const bool m_held;
};

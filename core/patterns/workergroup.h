// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

struct RunContext;

// The threads of one role in a pattern (the producer, the workers, the monitors), so that
// a pattern file shows only what each thread does:
// - start() runs a body on a new thread. A thread the system refuses is a value, not an
//   exception: start() returns false and the refusal is counted in the run's notes
//   ("threads.not_started"). Every thread is counted by ThreadGauge while it lives.
// - whenAllDone runs exactly once, on the thread that leaves last, once doneStarting() was
//   called: Go's "the last worker closes the channel", and it also runs when no thread
//   could start at all, so whatever waits on the group is always released.
// - The destructor joins every thread (RAII): a pattern cannot leak a running thread.
class WorkerGroup
{
public:
    explicit WorkerGroup(RunContext &context, std::function<void()> whenAllDone = {});
    ~WorkerGroup();
    WorkerGroup(const WorkerGroup &) = delete;
    WorkerGroup &operator=(const WorkerGroup &) = delete;

    bool start(std::function<void()> body);
    // No more start() calls; if every thread has already left (or none started), whenAllDone
    // runs now, on the caller's thread.
    void doneStarting();
    void join();

    int started() const { return int(m_threads.size()); }

private:
    void leave();

    RunContext &m_context;
    std::function<void()> m_whenAllDone;
    // Threads running plus one held by the starter until doneStarting().
    std::atomic<int> m_live { 1 };
    bool m_doneStarting = false;
    std::vector<std::thread> m_threads;
};

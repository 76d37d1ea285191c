// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

// What a Select sleeps on: channels and contexts it watches notify() it when something
// changes. Lock order: a channel's (or context's) own lock may be held while it calls
// notify(); the Waker never calls out while holding its lock.
class Waker
{
public:
    void notify()
    {
        {
            std::lock_guard lock(m_mutex);
            m_signaled = true;
        }
        m_cv.notify_all();
    }

    // Until notified or `until` (none: until notified); clears the signal.
    void wait(std::optional<std::chrono::steady_clock::time_point> until)
    {
        std::unique_lock lock(m_mutex);
        if (until)
            m_cv.wait_until(lock, *until, [this] { return m_signaled; });
        else
            m_cv.wait(lock, [this] { return m_signaled; });
        m_signaled = false;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_signaled = false;
};

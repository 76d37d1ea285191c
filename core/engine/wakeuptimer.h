// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <chrono>

// A timer file descriptor (Linux timerfd on CLOCK_MONOTONIC, the clock of steady_clock) that
// becomes readable at a given time point, to the microsecond. The event loops of the async
// clients (curl_multi_poll, Qt's dispatcher) take their own timeouts in whole milliseconds: a
// request due in 0.3 ms would start up to 1 ms late. Polling this descriptor next to the
// sockets wakes them on time.
//
//   WakeupTimer timer;
//   timer.armAt(due);          // readable from `due` on
//   poll({timer.fd(), POLLIN}, ...);
//   timer.disarm();            // not readable any more (also clears a pending expiry)
//
// Not thread-safe: owned and used by one event-loop thread. If the kernel refuses the
// descriptor, valid() is false and the caller keeps its millisecond timeouts.
class WakeupTimer
{
public:
    WakeupTimer();
    ~WakeupTimer();
    WakeupTimer(const WakeupTimer &) = delete;
    WakeupTimer &operator=(const WakeupTimer &) = delete;

    bool valid() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    void armAt(std::chrono::steady_clock::time_point due);
    void disarm();

private:
    int m_fd = -1;
};

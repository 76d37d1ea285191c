// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/wakeuptimer.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <type_traits>

static_assert(std::is_same_v<std::chrono::steady_clock::duration, std::chrono::nanoseconds>,
              "steady_clock is CLOCK_MONOTONIC in nanoseconds here");

WakeupTimer::WakeupTimer() : m_fd(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC)) { }

WakeupTimer::~WakeupTimer()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void WakeupTimer::armAt(std::chrono::steady_clock::time_point due)
{
    if (m_fd < 0)
        return;
    const std::int64_t ns = std::max<std::int64_t>(1, due.time_since_epoch().count()); // 0 would disarm
    itimerspec spec {};
    spec.it_value.tv_sec = time_t(ns / 1'000'000'000);
    spec.it_value.tv_nsec = long(ns % 1'000'000'000);
    timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void WakeupTimer::disarm()
{
    if (m_fd < 0)
        return;
    const itimerspec off {};
    timerfd_settime(m_fd, 0, &off, nullptr);
    std::uint64_t expirations = 0;
    [[maybe_unused]] const auto n = ::read(m_fd, &expirations, sizeof expirations); // EAGAIN if none
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/resourceusage.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

// Samples this process's RSS, thread count and CPU time on its own thread while a pattern
// runs, and computes the pattern's ResourceUsage from readings before and after.
class ResourceMonitor
{
public:
    struct Reading
    {
        std::int64_t rssBytes = 0;
        std::int64_t peakRssBytes = 0; // VmHWM: the kernel's own high-water mark
        int threads = 0;
        double cpuUserS = 0;
        double cpuSysS = 0;
        std::int64_t ctxVoluntary = 0;
        std::int64_t ctxInvoluntary = 0;
    };
    static Reading read();

    ResourceMonitor() = default;
    ~ResourceMonitor();
    ResourceMonitor(const ResourceMonitor &) = delete;
    ResourceMonitor &operator=(const ResourceMonitor &) = delete;

    void start(std::chrono::steady_clock::time_point t0, std::chrono::milliseconds interval);
    // Read at every point, on the monitor's thread (the pipeline's queue depths); set before start().
    void setStageQueueSource(std::function<std::array<std::int32_t, ResourcePoint::StageCount>()> source)
    {
        m_stageQueueSource = std::move(source);
    }
    // Read at every point too (the requests in flight); meanInFlight() averages it, a
    // measurement independent of the samples that Little's law checks against (L = X W).
    void setInFlightSource(std::function<int()> source) { m_inFlightSource = std::move(source); }
    void stop();
    std::optional<double> meanInFlight() const; // nullopt before the first point

    // Points sampled since *cursor; safe while running.
    void takePoints(std::size_t *cursor, std::vector<ResourcePoint> *out) const;
    ResourceUsage usage() const; // after stop()

private:
    void loop();
    ResourcePoint pointFrom(const Reading &reading) const;

    std::chrono::steady_clock::time_point m_t0;
    std::chrono::milliseconds m_interval { 50 };
    Reading m_before;
    Reading m_after;
    std::int64_t m_allocCountBefore = 0;
    std::int64_t m_allocBytesBefore = 0;
    std::int64_t m_allocCountAfter = 0;
    std::int64_t m_allocBytesAfter = 0;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    int m_threadsPeak = 0;
    std::vector<ResourcePoint> m_points;
    std::function<std::array<std::int32_t, ResourcePoint::StageCount>()> m_stageQueueSource;
    std::function<int()> m_inFlightSource;
    double m_inFlightSum = 0;
    int m_inFlightReadings = 0;
    std::thread m_thread;
};

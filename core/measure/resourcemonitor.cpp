// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "measure/resourcemonitor.h"

#include "measure/alloccounter.h"
#include "measure/threadgauge.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace {
double seconds(const timeval &tv)
{
    return double(tv.tv_sec) + double(tv.tv_usec) / 1e6;
}
} // namespace

ResourceMonitor::Reading ResourceMonitor::read()
{
    Reading reading;
    // /proc/self/status has RSS, its high-water mark and the thread count in one read.
    if (FILE *status = std::fopen("/proc/self/status", "re")) {
        char line[256];
        while (std::fgets(line, sizeof line, status)) {
            long long value = 0;
            if (std::sscanf(line, "VmRSS: %lld kB", &value) == 1)
                reading.rssBytes = value * 1024;
            else if (std::sscanf(line, "VmHWM: %lld kB", &value) == 1)
                reading.peakRssBytes = value * 1024;
            else if (std::sscanf(line, "Threads: %lld", &value) == 1)
                reading.threads = int(value);
        }
        std::fclose(status);
    }
    rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) == 0) {
        reading.cpuUserS = seconds(usage.ru_utime);
        reading.cpuSysS = seconds(usage.ru_stime);
        reading.ctxVoluntary = usage.ru_nvcsw;
        reading.ctxInvoluntary = usage.ru_nivcsw;
    }
    return reading;
}

ResourceMonitor::~ResourceMonitor()
{
    stop();
}

void ResourceMonitor::start(std::chrono::steady_clock::time_point t0, std::chrono::milliseconds interval)
{
    m_t0 = t0;
    m_interval = interval;
    const AllocationStats allocs = allocationStats();
    m_allocCountBefore = allocs.count;
    m_allocBytesBefore = allocs.bytes;
    m_before = read();
    ThreadGauge::resetPeak();
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
        m_threadsPeak = m_before.threads;
        m_points.push_back(pointFrom(m_before));
    }
    m_thread = std::thread([this] { loop(); });
}

void ResourceMonitor::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    m_after = read();
    const AllocationStats allocs = allocationStats();
    m_allocCountAfter = allocs.count;
    m_allocBytesAfter = allocs.bytes;
    std::lock_guard lock(m_mutex);
    // The process's threads before the run plus the most pattern threads alive at once.
    m_threadsPeak = std::max({ m_threadsPeak, m_after.threads, m_before.threads + ThreadGauge::peak() });
    m_points.push_back(pointFrom(m_after));
}

void ResourceMonitor::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, m_interval, [this] { return m_stopping; })) {
        lock.unlock();
        const ResourcePoint point = pointFrom(read());
        lock.lock();
        m_threadsPeak = std::max(m_threadsPeak, point.threads);
        m_points.push_back(point);
        if (m_inFlightSource) {
            m_inFlightSum += m_inFlightSource();
            ++m_inFlightReadings;
        }
    }
}

std::optional<double> ResourceMonitor::meanInFlight() const
{
    std::lock_guard lock(m_mutex);
    if (m_inFlightReadings == 0)
        return std::nullopt;
    return m_inFlightSum / m_inFlightReadings;
}

ResourcePoint ResourceMonitor::pointFrom(const Reading &reading) const
{
    ResourcePoint point;
    point.tNs = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - m_t0).count();
    point.rssBytes = reading.rssBytes;
    point.threads = reading.threads;
    point.cpuUserS = reading.cpuUserS - m_before.cpuUserS;
    point.cpuSysS = reading.cpuSysS - m_before.cpuSysS;
    if (m_stageQueueSource)
        point.stageQueues = m_stageQueueSource();
    return point;
}

void ResourceMonitor::takePoints(std::size_t *cursor, std::vector<ResourcePoint> *out) const
{
    std::lock_guard lock(m_mutex);
    for (; *cursor < m_points.size(); ++*cursor)
        out->push_back(m_points[*cursor]);
}

ResourceUsage ResourceMonitor::usage() const
{
    ResourceUsage usage;
    usage.peakRssBytes = std::max(m_after.peakRssBytes, m_before.peakRssBytes);
    usage.rssDeltaBytes = m_after.rssBytes - m_before.rssBytes;
    {
        std::lock_guard lock(m_mutex);
        usage.threadsPeak = m_threadsPeak;
    }
    usage.cpuUserS = m_after.cpuUserS - m_before.cpuUserS;
    usage.cpuSysS = m_after.cpuSysS - m_before.cpuSysS;
    usage.ctxSwitchesVoluntary = m_after.ctxVoluntary - m_before.ctxVoluntary;
    usage.ctxSwitchesInvoluntary = m_after.ctxInvoluntary - m_before.ctxInvoluntary;
    if (allocationCountingAvailable()) {
        usage.allocations = m_allocCountAfter - m_allocCountBefore;
        usage.allocatedBytes = m_allocBytesAfter - m_allocBytesBefore;
    }
    return usage;
}

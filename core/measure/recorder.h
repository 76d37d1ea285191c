// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/resourceusage.h"
#include "model/sample.h"

#include <QString>
#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

// Collects one Sample per request for one pattern run.
//
// Slots are preallocated (one per request index) and written without locks: each index is
// owned by whichever thread performs that request. Completion order is published through
// an array of atomics (release on write, acquire on read), so a reader thread can stream
// finished samples while the run goes on, without ever seeing a half-written one.
class Recorder
{
public:
    using Clock = std::chrono::steady_clock;

    explicit Recorder(int requests);

    void startClock() { m_t0 = Clock::now(); }
    std::int64_t nowNs() const
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - m_t0).count();
    }
    Clock::time_point t0() const { return m_t0; }

    // In-flight accounting, around the blocking transport call.
    void requestStarted();
    void requestFinished();

    // Stores the sample in its slot and publishes it. Each index exactly once; a second
    // record of the same index is counted (duplicates()) and dropped.
    void record(const Sample &sample);
    // A further request for an index already (or to be) recorded: a hedge's copy, a token
    // fetch, a probe. Kept apart from the one sample per index; mutex-protected (they are few).
    void recordExtra(const Sample &sample);
    std::vector<Sample> extras() const;
    // Appends extras recorded since *cursor and advances it.
    void takeExtras(std::size_t *cursor, std::vector<Sample> *out) const;

    // Records every index that was never recorded as Cancelled (the run stopped early).
    int cancelUnrecorded();

    int requests() const { return int(m_slots.size()); }
    int completed() const { return m_published.load(std::memory_order_acquire); }
    int inFlight() const { return m_inFlight.load(std::memory_order_relaxed); }
    int maxInFlight() const { return m_maxInFlight.load(std::memory_order_relaxed); }
    int duplicates() const { return m_duplicates.load(std::memory_order_relaxed); }

    // Appends samples published since *cursor (completion order) and advances it. Safe to
    // call from one reader thread while writers run.
    void takePublished(int *cursor, std::vector<Sample> *out) const;

    // All slots by index; only meaningful once the run has finished.
    const std::vector<Sample> &samples() const { return m_slots; }

    // Pattern-specific figures ("backpressure.max_delay_ms", ...), set rarely.
    // The pipeline's queue depths, sampled with the resource points (ResourcePoint::stageQueues).
    void setStageQueue(int stage, int depth)
    {
        m_stageQueues[std::size_t(stage)].store(depth, std::memory_order_relaxed);
    }
    std::array<std::int32_t, ResourcePoint::StageCount> stageQueues() const
    {
        std::array<std::int32_t, ResourcePoint::StageCount> depths {};
        for (std::size_t i = 0; i < depths.size(); ++i)
            depths[i] = m_stageQueues[i].load(std::memory_order_relaxed);
        return depths;
    }
    void setNote(const QString &key, double value);
    void addToNote(const QString &key, double delta); // a missing note counts as 0
    std::vector<std::pair<QString, double>> notes() const;

private:
    Clock::time_point m_t0 = Clock::now();
    std::vector<Sample> m_slots;
    std::unique_ptr<std::atomic<bool>[]> m_claimed;
    std::unique_ptr<std::atomic<std::int32_t>[]> m_order; // completion order -> index, -1 unset
    std::atomic<int> m_reserved { 0 }; // next position in m_order
    std::atomic<int> m_published { 0 };
    std::atomic<int> m_inFlight { 0 };
    std::atomic<int> m_maxInFlight { 0 };
    std::atomic<int> m_duplicates { 0 };

    mutable std::mutex m_extrasMutex;
    std::array<std::atomic<std::int32_t>, ResourcePoint::StageCount> m_stageQueues { -1, -1, -1 };
    std::vector<Sample> m_extras;

    mutable std::mutex m_notesMutex;
    std::vector<std::pair<QString, double>> m_notes;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "measure/recorder.h"

#include "measure/atomicmax.h"

#include <algorithm>

Recorder::Recorder(int requests)
    : m_slots(std::size_t(std::max(requests, 0)))
    , m_claimed(new std::atomic<bool>[m_slots.size()])
    , m_order(new std::atomic<std::int32_t>[m_slots.size()])
{
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        m_claimed[i].store(false, std::memory_order_relaxed);
        m_order[i].store(-1, std::memory_order_relaxed);
    }
}

void Recorder::requestStarted()
{
    atomicMax(m_maxInFlight, m_inFlight.fetch_add(1, std::memory_order_relaxed) + 1);
}

void Recorder::requestFinished()
{
    m_inFlight.fetch_sub(1, std::memory_order_relaxed);
}

void Recorder::record(const Sample &sample)
{
    const auto index = std::size_t(sample.index);
    if (sample.index < 0 || index >= m_slots.size() || m_claimed[index].exchange(true, std::memory_order_relaxed)) {
        m_duplicates.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_slots[index] = sample;
    const int position = m_reserved.fetch_add(1, std::memory_order_relaxed);
    m_order[std::size_t(position)].store(sample.index, std::memory_order_release);
    m_published.fetch_add(1, std::memory_order_release);
}

int Recorder::cancelUnrecorded()
{
    int cancelled = 0;
    const std::int64_t now = nowNs();
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        if (m_claimed[i].load(std::memory_order_relaxed))
            continue;
        Sample sample;
        sample.index = std::int32_t(i);
        sample.startNs = sample.endNs = now;
        sample.error = ErrorKind::Cancelled;
        record(sample);
        ++cancelled;
    }
    return cancelled;
}

void Recorder::takePublished(int *cursor, std::vector<Sample> *out) const
{
    const int total = int(m_slots.size());
    Q_ASSERT(*cursor >= 0 && *cursor <= total);
    while (*cursor < total) {
        const std::int32_t index = m_order[std::size_t(*cursor)].load(std::memory_order_acquire);
        if (index < 0)
            break; // reserved but not yet published: pick it up on the next call
        out->push_back(m_slots[std::size_t(index)]);
        ++*cursor;
    }
}

void Recorder::setNote(const QString &key, double value)
{
    std::lock_guard lock(m_notesMutex);
    auto it = std::find_if(m_notes.begin(), m_notes.end(), [&](const auto &note) { return note.first == key; });
    if (it == m_notes.end())
        m_notes.emplace_back(key, value);
    else
        it->second = value;
}

void Recorder::addToNote(const QString &key, double delta)
{
    std::lock_guard lock(m_notesMutex);
    auto it = std::find_if(m_notes.begin(), m_notes.end(), [&](const auto &note) { return note.first == key; });
    if (it == m_notes.end())
        m_notes.emplace_back(key, delta);
    else
        it->second += delta;
}

std::vector<std::pair<QString, double>> Recorder::notes() const
{
    std::lock_guard lock(m_notesMutex);
    return m_notes;
}

void Recorder::recordExtra(const Sample &sample)
{
    std::lock_guard lock(m_extrasMutex);
    m_extras.push_back(sample);
}

std::vector<Sample> Recorder::extras() const
{
    std::lock_guard lock(m_extrasMutex);
    return m_extras;
}

void Recorder::takeExtras(std::size_t *cursor, std::vector<Sample> *out) const
{
    std::lock_guard lock(m_extrasMutex);
    out->insert(out->end(), m_extras.begin() + qsizetype(std::min(*cursor, m_extras.size())), m_extras.end());
    *cursor = m_extras.size();
}

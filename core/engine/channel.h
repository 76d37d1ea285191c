// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/waker.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

// A Go-like bounded, closable channel for many producers and many consumers.
//
// - send() blocks while the buffer is full; it returns false once the channel is closed
//   (like a Go send on a closed channel, but reported instead of panicking).
// - receive() blocks while the buffer is empty; it returns std::nullopt only when the channel
//   is closed *and* drained, so no value sent before close() is ever lost.
// - trySend()/tryReceive() never block (Go's select with a default branch).
// - Every blocking call has a timed variant: no wait in this project is without a way out.
//
// The two condition variables are the sync.Cond the Go plan never built: one wakes senders
// when space frees up, the other wakes receivers when a value or the close arrives.
template<typename T> class Channel
{
public:
    enum class SendResult { Sent, Full, Closed, TimedOut };

    explicit Channel(std::size_t capacity) : m_capacity(capacity == 0 ? 1 : capacity) { }
    Channel(const Channel &) = delete;
    Channel &operator=(const Channel &) = delete;

    bool send(T value)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_closed || m_buffer.size() < m_capacity; });
        return pushLocked(lock, std::move(value));
    }

    template<typename Rep, typename Period> SendResult sendFor(T value, std::chrono::duration<Rep, Period> timeout)
    {
        std::unique_lock lock(m_mutex);
        if (!m_notFull.wait_for(lock, timeout, [this] { return m_closed || m_buffer.size() < m_capacity; }))
            return SendResult::TimedOut;
        return pushLocked(lock, std::move(value)) ? SendResult::Sent : SendResult::Closed;
    }

    SendResult trySend(T value)
    {
        std::unique_lock lock(m_mutex);
        if (m_closed)
            return SendResult::Closed;
        if (m_buffer.size() >= m_capacity)
            return SendResult::Full;
        pushLocked(lock, std::move(value));
        return SendResult::Sent;
    }

    std::optional<T> receive()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return m_closed || !m_buffer.empty(); });
        return popLocked(lock);
    }

    // std::nullopt on timeout too: check isClosedAndDrained() to tell the two apart.
    template<typename Rep, typename Period> std::optional<T> receiveFor(std::chrono::duration<Rep, Period> timeout)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait_for(lock, timeout, [this] { return m_closed || !m_buffer.empty(); });
        return popLocked(lock);
    }

    std::optional<T> tryReceive()
    {
        std::unique_lock lock(m_mutex);
        return popLocked(lock);
    }

    // Wakes every blocked sender (they get false) and receiver (they drain, then get nullopt).
    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
            for (Waker *waker : m_wakers)
                waker->notify();
        }
        m_notFull.notify_all();
        m_notEmpty.notify_all();
    }

    bool isClosed() const
    {
        std::lock_guard lock(m_mutex);
        return m_closed;
    }

    bool isClosedAndDrained() const
    {
        std::lock_guard lock(m_mutex);
        return m_closed && m_buffer.empty();
    }

    std::size_t size() const
    {
        std::lock_guard lock(m_mutex);
        return m_buffer.size();
    }

    std::size_t capacity() const { return m_capacity; }

    // Select's side of the channel: a value or the close, if there is one, without waiting.
    // True when it fired: *value holds the value, or nullopt for "closed and drained".
    bool tryReceiveOrClosed(std::optional<T> *value)
    {
        std::unique_lock lock(m_mutex);
        if (m_buffer.empty() && !m_closed)
            return false;
        *value = popLocked(lock);
        return true;
    }
    // A Waker notified on every send and on close (Select subscribes while it sleeps).
    void subscribe(Waker *waker)
    {
        std::lock_guard lock(m_mutex);
        m_wakers.push_back(waker);
    }
    void unsubscribe(Waker *waker)
    {
        std::lock_guard lock(m_mutex);
        m_wakers.erase(std::remove(m_wakers.begin(), m_wakers.end(), waker), m_wakers.end());
    }

private:
    bool pushLocked(std::unique_lock<std::mutex> &lock, T &&value)
    {
        if (m_closed)
            return false;
        m_buffer.push_back(std::move(value));
        for (Waker *waker : m_wakers)
            waker->notify();
        lock.unlock();
        m_notEmpty.notify_one();
        return true;
    }

    std::optional<T> popLocked(std::unique_lock<std::mutex> &lock)
    {
        if (m_buffer.empty())
            return std::nullopt;
        std::optional<T> value(std::move(m_buffer.front()));
        m_buffer.pop_front();
        lock.unlock();
        m_notFull.notify_one();
        return value;
    }

    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<T> m_buffer;
    std::vector<Waker *> m_wakers; // Selects sleeping on this channel
    bool m_closed = false;
};

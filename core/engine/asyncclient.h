// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/transport.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <utility>

// Asynchronous, cancellable requests, several in flight from ONE thread (the thread that
// created the client, which also runs its event loop through poll()): what the async,
// ratelimit, deadline and hedged patterns need and a blocking fetch() cannot give (wait for
// whichever comes first, start on a schedule, abort on the wire).
//
//   auto client = transport.createAsyncClient(64);   // sized for 64 at once; the caller keeps within it
//   const auto id = client->start([](const FetchResult &r) { ... });  // on this thread, later
//   client->poll(10ms);     // runs callbacks of finished requests; returns after at most 10 ms
//                           // (to the microsecond: a due time is kept, not rounded to 1 ms)
//   client->cancel(id);     // aborts it on the wire: its callback gets ErrorKind::Aborted
//   client->inFlight();     // started, callback not yet called (a cancelled one until the next poll)
//
// Rules every engine keeps (tst_asyncclient checks them for qt, curl and the fake):
// - start()'s callback is called exactly once per request, always from inside poll() (never
//   from start() or cancel() themselves), with the answer, an error, a Timeout (the
//   per-request timeout) or Aborted (after cancel()).
// - cancel() of a finished or unknown id does nothing. A cancelled request's connection is
//   closed, so the server sees the client go away.
// - poll(maxWait) returns after at most maxWait (plus the time its callbacks take), early
//   when a request finishes or wake() is called. wake() is the only member that may be called
//   from another thread.
// - The destructor aborts what is still in flight, without calling callbacks.
class AsyncClient
{
public:
    using RequestId = std::uint64_t;
    using Callback = std::function<void(const FetchResult &result)>;

    virtual ~AsyncClient() = default;
    virtual RequestId start(Callback done) = 0;
    virtual void cancel(RequestId id) = 0;
    virtual void cancelAll() = 0; // cancel() of everything in flight (a stop)
    virtual void poll(std::chrono::microseconds maxWait) = 0;
    virtual void wake() = 0; // thread-safe
    virtual int inFlight() const = 0;
};

// A client that could not get its file descriptors (DescriptorBudget): every request ends
// as a `resource` error at the next poll(), without touching the network.
class UnavailableAsyncClient : public AsyncClient
{
public:
    RequestId start(Callback done) override
    {
        m_pending.emplace(++m_lastId, std::move(done));
        return m_lastId;
    }
    void cancel(RequestId id) override
    {
        if (const auto it = m_pending.find(id); it != m_pending.end())
            m_cancelled.insert(*it);
        m_pending.erase(id);
    }
    void poll(std::chrono::microseconds) override
    {
        auto pending = std::exchange(m_pending, {});
        auto cancelled = std::exchange(m_cancelled, {});
        for (auto &[id, done] : pending)
            done({ 0, ErrorKind::Resource });
        for (auto &[id, done] : cancelled)
            done({ 0, ErrorKind::Aborted });
    }
    void cancelAll() override
    {
        while (!m_pending.empty())
            cancel(m_pending.begin()->first);
    }
    void wake() override { }
    int inFlight() const override { return int(m_pending.size() + m_cancelled.size()); }

private:
    std::map<RequestId, Callback> m_pending;
    std::map<RequestId, Callback> m_cancelled;
    RequestId m_lastId = 0;
};

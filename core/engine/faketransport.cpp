// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/faketransport.h"

#include "measure/atomicmax.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

class FakeSession : public TransportSession
{
public:
    explicit FakeSession(FakeTransport &transport) : m_transport(transport) { }
    FetchResult fetch() override
    {
        FetchResult result = m_transport.fetch();
        if (m_keepBody && result.error == ErrorKind::None) // what the bundled server answers
            result.body = QByteArrayLiteral(R"({"message": "Hello, World!", "request_id": 1, "latency_ms": 0.2})");
        return result;
    }

private:
    FakeTransport &m_transport;
};

class FakeTokenSession : public TransportSession
{
public:
    explicit FakeTokenSession(FakeTransport &transport) : m_transport(transport) { }
    FetchResult fetch() override
    {
        m_transport.m_tokenFetches.fetch_add(1);
        std::this_thread::sleep_for(m_transport.m_tokenLatency);
        return { 200, ErrorKind::None };
    }

private:
    FakeTransport &m_transport;
};

FakeTransport::FakeTransport(Script script) : m_script(std::move(script)) { }

FakeTransport::Script FakeTransport::constant(std::chrono::microseconds latency, int status)
{
    return [latency, status](int) { return Reply { latency, httpResult(status) }; };
}

std::unique_ptr<TransportSession> FakeTransport::createSession(Endpoint endpoint)
{
    if (endpoint == Endpoint::Token)
        return std::make_unique<FakeTokenSession>(*this);
    m_sessions.fetch_add(1);
    return std::make_unique<FakeSession>(*this);
}

FetchResult FakeTransport::fetch()
{
    const Reply reply = begin();
    if (reply.latency.count() > 0)
        std::this_thread::sleep_for(reply.latency);
    end(false);
    return reply.result;
}

FakeTransport::Reply FakeTransport::begin()
{
    const int call = m_calls.fetch_add(1);
    atomicMax(m_maxConcurrent, m_concurrent.fetch_add(1) + 1);
    return m_script(call);
}

void FakeTransport::end(bool aborted)
{
    m_concurrent.fetch_sub(1);
    if (aborted)
        m_aborted.fetch_add(1);
}

// Requests complete at their scripted time, in poll(); nothing runs in between.
class FakeAsyncClient : public AsyncClient
{
public:
    explicit FakeAsyncClient(FakeTransport &transport) : m_transport(transport) { }
    ~FakeAsyncClient() override
    {
        for (std::size_t i = 0; i < m_inFlight.size(); ++i)
            m_transport.end(true);
    }

    RequestId start(Callback done) override
    {
        const FakeTransport::Reply reply = m_transport.begin();
        const RequestId id = ++m_lastId;
        m_inFlight.emplace(id, Request { Clock::now() + reply.latency, reply.result, std::move(done) });
        return id;
    }

    void cancel(RequestId id) override
    {
        const auto it = m_inFlight.find(id);
        if (it == m_inFlight.end())
            return;
        m_transport.end(true);
        m_ready.emplace_back(std::move(it->second.done), FetchResult { 0, ErrorKind::Aborted });
        m_inFlight.erase(it);
    }

    void cancelAll() override
    {
        while (!m_inFlight.empty())
            cancel(m_inFlight.begin()->first);
    }

    void poll(std::chrono::microseconds maxWait) override
    {
        if (m_ready.empty()) {
            auto until = Clock::now() + maxWait;
            for (const auto &[id, request] : m_inFlight)
                until = std::min(until, request.due);
            std::unique_lock lock(m_mutex);
            m_wakeCondition.wait_until(lock, until, [this] { return m_woken; });
            m_woken = false;
        }
        const auto now = Clock::now();
        for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
            if (it->second.due > now) {
                ++it;
                continue;
            }
            m_transport.end(false);
            m_ready.emplace_back(std::move(it->second.done), it->second.result);
            it = m_inFlight.erase(it);
        }
        auto ready = std::exchange(m_ready, {});
        for (auto &[done, result] : ready)
            done(result);
    }

    void wake() override
    {
        {
            std::lock_guard lock(m_mutex);
            m_woken = true;
        }
        m_wakeCondition.notify_all();
    }

    int inFlight() const override { return int(m_inFlight.size() + m_ready.size()); }

private:
    using Clock = std::chrono::steady_clock;
    struct Request
    {
        Clock::time_point due;
        FetchResult result;
        Callback done;
    };

    FakeTransport &m_transport;
    std::map<RequestId, Request> m_inFlight;
    std::vector<std::pair<Callback, FetchResult>> m_ready;
    std::mutex m_mutex; // only for wake(), the one cross-thread call
    std::condition_variable m_wakeCondition;
    bool m_woken = false;
    RequestId m_lastId = 0;
};

std::unique_ptr<AsyncClient> FakeTransport::createAsyncClient(int)
{
    m_asyncClients.fetch_add(1);
    return std::make_unique<FakeAsyncClient>(*this);
}

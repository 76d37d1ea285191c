// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/asyncclient.h"

#include <atomic>
#include <chrono>
#include <functional>

// A scripted transport for deterministic pattern tests: the k-th request (k counted across
// all sessions and async clients in call order) takes the script's latency and returns its
// result. A session's fetch() sleeps for it; an async client's request completes in the
// first poll() after it, without any thread. It also counts how many requests overlap and
// how many were aborted, independently of the Recorder under test.
class FakeTransport : public Transport
{
public:
    struct Reply
    {
        std::chrono::microseconds latency { 0 };
        FetchResult result { 200, ErrorKind::None };
    };
    using Script = std::function<Reply(int call)>;

    explicit FakeTransport(Script script);
    static Script constant(std::chrono::microseconds latency, int status = 200);

    std::unique_ptr<TransportSession> createSession(Endpoint endpoint = Endpoint::Data) override;
    std::unique_ptr<AsyncClient> createAsyncClient(int maxInFlight) override;

    int calls() const { return m_calls.load(); }
    int sessions() const { return m_sessions.load(); }
    int maxConcurrent() const { return m_maxConcurrent.load(); }
    int aborted() const { return m_aborted.load(); }
    int asyncClients() const { return m_asyncClients.load(); }
    // GET /token: sessions of Endpoint::Token take this long, answer 200, and are counted
    // here (not in calls(): the script is for /data).
    void setTokenLatency(std::chrono::microseconds latency) { m_tokenLatency = latency; }
    int tokenFetches() const { return m_tokenFetches.load(); }

private:
    friend class FakeSession;
    friend class FakeTokenSession;
    friend class FakeAsyncClient;
    FetchResult fetch();
    Reply begin(); // a request starts: its script entry, counted as in flight
    void end(bool aborted);

    const Script m_script;
    std::atomic<int> m_calls { 0 };
    std::atomic<int> m_sessions { 0 };
    std::atomic<int> m_concurrent { 0 };
    std::atomic<int> m_maxConcurrent { 0 };
    std::atomic<int> m_aborted { 0 };
    std::atomic<int> m_asyncClients { 0 };
    std::chrono::microseconds m_tokenLatency { 0 }; // set before the run starts
    std::atomic<int> m_tokenFetches { 0 };
};

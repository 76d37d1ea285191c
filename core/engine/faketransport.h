// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/transport.h"

#include <atomic>
#include <chrono>
#include <functional>

// A scripted transport for deterministic pattern tests: the k-th fetch (k counted across all
// sessions in call order) sleeps for the script's latency and returns its result. It also
// counts how many fetches overlap, independently of the Recorder under test.
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

    std::unique_ptr<TransportSession> createSession() override;

    int calls() const { return m_calls.load(); }
    int sessions() const { return m_sessions.load(); }
    int maxConcurrent() const { return m_maxConcurrent.load(); }

private:
    friend class FakeSession;
    FetchResult fetch();

    const Script m_script;
    std::atomic<int> m_calls { 0 };
    std::atomic<int> m_sessions { 0 };
    std::atomic<int> m_concurrent { 0 };
    std::atomic<int> m_maxConcurrent { 0 };
};

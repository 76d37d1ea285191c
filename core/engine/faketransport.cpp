// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/faketransport.h"

#include "measure/atomicmax.h"

#include <thread>

class FakeSession : public TransportSession
{
public:
    explicit FakeSession(FakeTransport &transport) : m_transport(transport) { }
    FetchResult fetch() override { return m_transport.fetch(); }

private:
    FakeTransport &m_transport;
};

FakeTransport::FakeTransport(Script script) : m_script(std::move(script)) { }

FakeTransport::Script FakeTransport::constant(std::chrono::microseconds latency, int status)
{
    return [latency, status](int) { return Reply { latency, httpResult(status) }; };
}

std::unique_ptr<TransportSession> FakeTransport::createSession()
{
    m_sessions.fetch_add(1);
    return std::make_unique<FakeSession>(*this);
}

FetchResult FakeTransport::fetch()
{
    const int call = m_calls.fetch_add(1);
    atomicMax(m_maxConcurrent, m_concurrent.fetch_add(1) + 1);
    const Reply reply = m_script(call);
    if (reply.latency.count() > 0)
        std::this_thread::sleep_for(reply.latency);
    m_concurrent.fetch_sub(1);
    return reply.result;
}

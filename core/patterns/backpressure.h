#pragma once

#include "patterns/fanout.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

template<typename T> class Channel;

// The fan-out pool plus the Go original's backpressure signal (see BackpressureParams):
// before each request a worker pushes a token into a pressure channel of capacity C; one
// monitor per worker drains it and counts its tokens per window. Too many tokens in a
// window make the monitors drain more slowly; the channel fills up and blocks the workers,
// which slows dispatch. Few tokens let it speed up again.
class BackpressurePattern : public FanOutPattern
{
public:
    BackpressurePattern();
    ~BackpressurePattern() override;

    QString id() const override { return QStringLiteral("backpressure"); }
    QString title() const override { return QStringLiteral("Fan-out/Fan-in + backpressure"); }

protected:
    void poolStarting(RunContext &context) override;
    void beforeRequest(RunContext &context, int worker) override;
    void workerFinished(RunContext &context, bool lastWorker) override;
    void poolFinished(RunContext &context) override;

private:
    void monitor(RunContext &context);

    std::unique_ptr<Channel<int>> m_pressure;
    std::vector<std::thread> m_monitors;
    std::atomic<int> m_maxDelayMs { 0 };
    std::atomic<int> m_blockedSends { 0 };
    std::atomic<int> m_delayRaises { 0 };
};

#include "patterns/backpressure.h"

#include "measure/atomicmax.h"
#include "engine/channel.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "engine/stoptoken.h"
#include "measure/threadgauge.h"

#include <algorithm>
#include <chrono>
#include <system_error>

BackpressurePattern::BackpressurePattern() = default;
BackpressurePattern::~BackpressurePattern() = default;

void BackpressurePattern::poolStarting(RunContext &context)
{
    const int workers = std::max(1, std::min(context.config.concurrency, context.config.requests));
    m_pressure = std::make_unique<Channel<int>>(std::size_t(workers));
    m_monitors.reserve(std::size_t(workers));
    try {
        for (int w = 0; w < workers; ++w)
            m_monitors.push_back(context.spawn([this, &context] {
                ThreadGauge::Scope alive;
                monitor(context);
            }));
    } catch (const std::system_error &) {
        // Out of threads: fewer monitors drain more slowly; none at all would block the
        // workers for good, so then the signal is switched off.
        if (m_monitors.empty())
            m_pressure->close();
    }
}

void BackpressurePattern::beforeRequest(RunContext &, int worker)
{
    // Signal load. A full channel means the monitors are draining slowly: wait for them.
    // The wait ends when a monitor takes a token or the channel is closed.
    if (m_pressure->trySend(worker) == Channel<int>::SendResult::Full) {
        m_blockedSends.fetch_add(1, std::memory_order_relaxed);
        m_pressure->send(worker);
    }
}

void BackpressurePattern::workerFinished(RunContext &, bool lastWorker)
{
    if (lastWorker)
        m_pressure->close(); // monitors drain what is left and exit
}

void BackpressurePattern::poolFinished(RunContext &context)
{
    for (auto &thread : m_monitors)
        thread.join();
    m_monitors.clear();
    context.recorder.setNote(QStringLiteral("backpressure.max_delay_ms"), m_maxDelayMs.load());
    context.recorder.setNote(QStringLiteral("backpressure.blocked_sends"), m_blockedSends.load());
    context.recorder.setNote(QStringLiteral("backpressure.delay_raises"), m_delayRaises.load());
}

void BackpressurePattern::monitor(RunContext &context)
{
    using namespace std::chrono;
    const BackpressureParams &params = context.config.backpressure;
    const auto window = milliseconds(params.windowMs);
    int delayMs = 0;
    int tokens = 0;
    auto windowStart = steady_clock::now();

    for (;;) {
        const auto remaining = std::max(windowStart + window - steady_clock::now(), steady_clock::duration::zero());
        const bool gotToken = m_pressure->receiveFor(remaining).has_value();
        if (gotToken)
            ++tokens;
        else if (m_pressure->isClosedAndDrained())
            break;
        const auto now = steady_clock::now();
        if (now >= windowStart + window) {
            if (tokens > params.highWater) {
                delayMs = std::min(delayMs + params.stepMs, params.maxDelayMs);
                m_delayRaises.fetch_add(1, std::memory_order_relaxed);
            } else if (tokens < params.lowWater) {
                delayMs = std::max(delayMs - params.stepMs, 0);
            }
            atomicMax(m_maxDelayMs, delayMs);
            tokens = 0;
            windowStart = now;
        }
        // The slow drain: bounded by maxDelayMs, and skipped once the run is stopping.
        if (gotToken && delayMs > 0 && !context.stop.stopRequested())
            std::this_thread::sleep_for(milliseconds(delayMs));
    }
}

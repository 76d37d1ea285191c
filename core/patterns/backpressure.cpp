// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/backpressure.h"

#include "engine/channel.h"
#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/atomicmax.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pool.h"
#include "patterns/workergroup.h"

#include <algorithm>
#include <chrono>

using namespace std::chrono;

// @lesson begin
void BackpressurePattern::run(RunContext &context)
{
    const int workers = Pool::size(context.config);
    Channel<int> jobs(workers);
    Channel<Sample> results(workers);
    Channel<int> pressure(workers); // the load signal: one token per request about to go out

    // [monitors] One monitor per worker drains pressure, more slowly when the pool runs hot.
    WorkerGroup monitors(context, [&] { pressure.close(); });
    for (int m = 0; m < workers; ++m)
        monitors.start([&] { monitor(context.config.backpressure, pressure, context); });
    monitors.doneStarting();

    // [producer] Fan out, as in fanout.
    WorkerGroup producer(context, [&] { jobs.close(); });
    producer.start([&] { Pool::produce(context, jobs); });
    producer.doneStarting();

    // [workers] As in fanout, but every request first signals load.
    WorkerGroup pool(context, [&] {
        jobs.close();
        pressure.close(); // the monitors drain what is left and leave
        results.close();
    });
    for (int w = 0; w < workers; ++w) {
        pool.start([&, w] {
            const auto client = context.transport.createSession();
            while (const auto job = jobs.receive()) {
                if (context.stop.stopRequested())
                    continue;
                signalLoad(pressure, w);
                results.send(measure(context, *client, *job, w));
            }
        });
    }
    pool.doneStarting();

    // [fan-in] Record every result, then report what the brake did.
    Pool::collect(context, results);
    monitors.join();
    context.recorder.setNote(QStringLiteral("backpressure.blocked_sends"), m_blockedSends);
    context.recorder.setNote(QStringLiteral("backpressure.delay_raises"), m_delayRaises);
    context.recorder.setNote(QStringLiteral("backpressure.max_delay_ms"), m_maxDelayMs);
}

// [signal] A full pressure channel means the monitors drain slowly: wait for them. This
// wait is the brake. It ends when a monitor takes a token or the channel closes.
void BackpressurePattern::signalLoad(Channel<int> &pressure, int worker)
{
    if (pressure.trySend(worker) == Channel<int>::SendResult::Full) {
        ++m_blockedSends;
        pressure.send(worker);
    }
}

// [monitor] Counts the tokens it drains per window: more than highWater raises its delay per
// token by stepMs (up to maxDelayMs), fewer than lowWater lowers it.
void BackpressurePattern::monitor(const BackpressureParams &params, Channel<int> &pressure, const RunContext &context)
{
    const auto window = milliseconds(params.windowMs);
    int delayMs = 0;
    int tokens = 0;
    auto windowStart = steady_clock::now();
    for (;;) {
        const auto left = std::max(windowStart + window - steady_clock::now(), steady_clock::duration::zero());
        const bool gotToken = pressure.receiveFor(left).has_value();
        if (gotToken)
            ++tokens;
        else if (pressure.isClosedAndDrained())
            return;
        if (steady_clock::now() >= windowStart + window) {
            if (tokens > params.highWater) {
                delayMs = std::min(delayMs + params.stepMs, params.maxDelayMs);
                ++m_delayRaises;
            } else if (tokens < params.lowWater) {
                delayMs = std::max(delayMs - params.stepMs, 0);
            }
            atomicMax(m_maxDelayMs, delayMs);
            tokens = 0;
            windowStart = steady_clock::now();
        }
        if (gotToken && delayMs > 0 && !context.stop.stopRequested())
            std::this_thread::sleep_for(milliseconds(delayMs)); // the slow drain, at most maxDelayMs
    }
}
// @lesson end

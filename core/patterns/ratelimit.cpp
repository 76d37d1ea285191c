// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/ratelimit.h"

#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/recorder.h"
#include "model/runconfig.h"

#include <algorithm>

using namespace std::chrono;

// @lesson begin
void RateLimitPattern::run(RunContext &context)
{
    const RateParams &p = context.config.rate;
    const int requests = context.config.requests;
    const auto client = context.transport.createAsyncClient(p.maxInFlight);
    Lanes lanes;

    // [schedule] Request i is due at i / rate seconds, the first `burst` of them at once: a
    // token bucket of size burst filled at `rate` per second (Go: time.Ticker, x/time/rate).
    const auto dueNs = [&](int i) { return std::int64_t(double(std::max(0, i - (p.burst - 1))) * 1e9 / p.rate); };

    int next = 0;
    while (next < requests || client->inFlight() > 0) {
        // [start] Start everything that is due. The answers do not set the pace; only the
        // in-flight cap can hold a start back, and then it is late (its intended time stays).
        while (next < requests && dueNs(next) <= context.recorder.nowNs() && client->inFlight() < p.maxInFlight
               && !context.stop.stopRequested()) {
            Sample sample;
            sample.index = next;
            sample.intendedNs = dueNs(next++);
            sample.worker = lanes.take();
            send(context, *client, sample, [&](const Sample &done) {
                lanes.give(done.worker);
                context.recorder.record(done);
            });
        }
        if (context.stop.stopRequested()) {
            client->cancelAll(); // their callbacks come in the next poll
            if (client->inFlight() == 0)
                break; // what was never started is recorded as cancelled
        }
        // [wait] Sleep in the event loop until the next one is due, or until an answer frees
        // a slot when the cap holds the next one back.
        microseconds wait = 50ms;
        if (next < requests && client->inFlight() < p.maxInFlight)
            wait = std::min(wait, ceil<microseconds>(nanoseconds(dueNs(next) - context.recorder.nowNs())));
        client->poll(std::max(wait, microseconds(0)));
    }
}
// @lesson end

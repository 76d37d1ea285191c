// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/async.h"

#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pool.h"

using namespace std::chrono_literals;

// @lesson begin
void AsyncPattern::run(RunContext &context)
{
    const int requests = context.config.requests;
    const int limit = Pool::size(context.config); // C in flight at most
    // [loop] One thread, one event loop, one client that keeps many requests on the wire.
    const auto client = context.transport.createAsyncClient(limit);
    Lanes lanes; // for the timeline: which of the C "slots" each request used
    int next = 0;

    // [start] Whenever fewer than C are in flight, start the next request. Its answer comes
    // back later, as a callback on this same thread: no worker waits for it.
    const auto startMore = [&] {
        while (client->inFlight() < limit && next < requests && !context.stop.stopRequested()) {
            Sample sample;
            sample.index = next++;
            sample.worker = lanes.take();
            send(context, *client, sample, [&](const Sample &done) {
                // [answer] The callback: record the answer; the loop then starts the next.
                lanes.give(done.worker);
                context.recorder.record(done);
            });
        }
    };

    // [wait] Run the event loop until everything has come back (or a stop: then what is in
    // flight is aborted, and what was never started is recorded as cancelled).
    while (next < requests || client->inFlight() > 0) {
        startMore();
        if (context.stop.stopRequested()) {
            client->cancelAll();
            if (client->inFlight() == 0)
                break;
        }
        client->poll(50ms);
    }
}
// @lesson end

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/waitgroup.h"

#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "model/runconfig.h"
#include "patterns/workergroup.h"

#include <latch>

// @lesson begin
void WaitGroupPattern::run(RunContext &context)
{
    const int requests = context.config.requests;
    // [waitgroup] var wg sync.WaitGroup; wg.Add(N): counted down once per request, whatever
    // happened to it. Every fetch ends within the request timeout, so wait() ends too.
    std::latch done(requests);

    // [spawn] go func(i) {...}(i) for every request at once: a thread and a client each.
    WorkerGroup threads(context);
    for (int i = 0; i < requests; ++i) {
        const bool started = threads.start([&context, &done, i] {
            if (!context.stop.stopRequested()) {
                const auto client = context.transport.createSession();
                perform(context, *client, i, i);
            }
            done.count_down(); // wg.Done()
        });
        if (!started) { // out of threads: the cost of unbounded concurrency, recorded
            recordOutOfResources(context, i, i);
            done.count_down();
        }
    }

    // [wait] wg.Wait(): block until every request has counted down.
    done.wait();
}
// @lesson end

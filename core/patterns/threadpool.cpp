// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/threadpool.h"

#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/atomicmax.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pool.h"

#include <QThreadPool>

#include <atomic>

// @lesson begin
void ThreadPoolPattern::run(RunContext &context)
{
    // [pool] The library's pool: at most C threads, started when there is work, kept for
    // the whole run (each one keeps its client and its connection).
    QThreadPool pool;
    pool.setMaxThreadCount(Pool::size(context.config));
    pool.setExpiryTimeout(-1);
    std::atomic<int> queued { 0 }, maxQueued { 0 }, lanes { 0 };

    // [submit] One task per request, all at once. Nothing ever blocks here: what the
    // threads cannot take yet waits in the pool's queue, which has no bound.
    for (int i = 0; i < context.config.requests && !context.stop.stopRequested(); ++i) {
        atomicMax(maxQueued, queued.fetch_add(1) + 1);
        pool.start([&, i] {
            queued.fetch_sub(1);
            // [task] No "worker" to give a client to: each pool thread makes its own the
            // first time it runs a task (a QNetworkAccessManager belongs to its thread).
            thread_local std::unique_ptr<TransportSession> client;
            thread_local int lane = -1;
            if (!client) {
                client = context.transport.createSession();
                lane = lanes.fetch_add(1);
            }
            if (!context.stop.stopRequested()) // stopping: send nothing (recorded as cancelled)
                perform(context, *client, i, lane);
        });
    }

    // [wait] pool.waitForDone(), with a way out: on a stop, drop the tasks still queued.
    while (!pool.waitForDone(50)) {
        if (context.stop.stopRequested())
            pool.clear();
    }
    context.recorder.setNote(QStringLiteral("threadpool.max_queued"), maxQueued.load());
}
// @lesson end

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/deadline.h"

#include "engine/channel.h"
#include "engine/context.h"
#include "engine/select.h"
#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pool.h"
#include "patterns/workergroup.h"

#include <atomic>

using namespace std::chrono;

namespace {

// How long a worker's event loop may sleep: until the context's deadline, at most 50 ms (a
// stop is seen within that; a cancel from another worker wakes it at once).
microseconds pollBudget(const Context &ctx)
{
    microseconds budget = 50ms;
    if (const auto deadline = ctx.deadline())
        budget = std::min(budget, ceil<microseconds>(*deadline - Context::Clock::now()));
    return std::max(budget, microseconds(0));
}

} // namespace

// @lesson begin
void DeadlinePattern::run(RunContext &context)
{
    const RunConfig &config = context.config;
    const int workers = Pool::size(config);

    // [context] One context for the whole run: ctx, cancel := context.WithTimeout(bg, D).
    // Everything below watches it; whoever cancels it stops everyone.
    const auto ctx = config.runDeadlineMs > 0
        ? Context::withTimeout(Context::background(), milliseconds(config.runDeadlineMs))
        : Context::withCancel(Context::background());
    const auto whenDone = ctx->onDone([&] { // the timeline's deadline line (not for a user's stop)
        if (!context.stop.stopRequested())
            context.recorder.setNote(QStringLiteral("deadline.cancelled_at_s"), double(context.recorder.nowNs()) / 1e9);
    });
    std::atomic<int> errors { 0 };

    Channel<int> jobs(workers);
    Channel<Sample> results(workers);
    WorkerGroup producer(context, [&] { jobs.close(); });
    producer.start([&] { Pool::produce(context, jobs); });
    producer.doneStarting();
    const auto stopProducing = ctx->onDone([&] { jobs.close(); }); // unsent jobs stay unsent

    // [workers] Each worker: select { case job := <-jobs: ...; case <-ctx.Done(): return }
    WorkerGroup pool(context, [&] {
        jobs.close();
        results.close();
    });
    for (int w = 0; w < workers; ++w) {
        pool.start([&, w] {
            const auto client = context.transport.createAsyncClient(1);
            const auto wakeOnCancel = ctx->onDone([&client] { client->wake(); });
            for (;;) {
                std::optional<int> job;
                Select().receive<int>(jobs, [&](std::optional<int> j) { job = j; }).done(ctx, [] {}).wait();
                if (!job || ctx->done())
                    return; // jobs closed, or the context ended: this job is never sent

                // [request] Send, then wait for the answer or the context, whichever first.
                // A cancelled context aborts the request on the wire (the server sees the
                // connection close); the sample is recorded as `aborted`.
                std::optional<Sample> answer;
                const auto id = send(context, *client, Sample { .index = *job, .worker = w },
                                     [&](const Sample &done) { answer = done; });
                while (!answer) {
                    if (context.stop.stopRequested())
                        ctx->cancel(Context::Reason::Cancelled, QStringLiteral("stopped"));
                    if (ctx->done())
                        client->cancel(id);
                    client->poll(pollBudget(*ctx));
                }
                results.send(*answer);
                // errgroup: the first failures cancel the group.
                if (answer->error != ErrorKind::None && answer->error != ErrorKind::Aborted && config.maxErrors > 0
                    && errors.fetch_add(1) + 1 >= config.maxErrors)
                    ctx->cancel(Context::Reason::Cancelled, QStringLiteral("%1 errors").arg(config.maxErrors));
            }
        });
    }
    pool.doneStarting();

    // [fan-in] Record every answer, aborted ones included, until the last worker has left.
    Pool::collect(context, results);
}
// @lesson end

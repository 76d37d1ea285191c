// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/fanout.h"

#include "engine/channel.h"
#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "patterns/pool.h"
#include "patterns/workergroup.h"

// @lesson begin
void FanOutPattern::run(RunContext &context)
{
    const int workers = Pool::size(context.config);
    Channel<int> jobs(workers); // jobs := make(chan int, C)
    Channel<Sample> results(workers); // results := make(chan Result, C)

    // [producer] Fan out: one thread sends every request index, then closes jobs.
    WorkerGroup producer(context, [&] { jobs.close(); });
    producer.start([&] { Pool::produce(context, jobs); });
    producer.doneStarting();

    // [workers] C workers, each with its own client: take a job, send its result.
    // When the last worker leaves (or none could start), results closes, which ends the
    // fan-in below, and jobs closes, which releases the producer.
    WorkerGroup pool(context, [&] {
        jobs.close();
        results.close();
    });
    for (int w = 0; w < workers; ++w) {
        pool.start([&, w] {
            const auto client = context.transport.createSession();
            while (const auto job = jobs.receive()) {
                if (!context.stop.stopRequested()) // stopping: drain the jobs, send nothing
                    results.send(measure(context, *client, *job, w));
            }
        });
    }
    pool.doneStarting();

    // [fan-in] This thread records every result until results is closed.
    Pool::collect(context, results);
}
// @lesson end

#include "patterns/fanout.h"

#include "engine/channel.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "engine/stoptoken.h"
#include "measure/threadgauge.h"
#include "engine/transport.h"

#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

// Takes count workers off the live count; whoever brings it to zero closes the results.
void FanOutPattern::finishWorker(RunContext &context, std::atomic<int> &liveWorkers, Channel<Sample> &results,
                                 int count)
{
    const bool last = liveWorkers.fetch_sub(count) == count;
    workerFinished(context, last);
    if (last)
        results.close();
}

void FanOutPattern::run(RunContext &context)
{
    const int requests = context.config.requests;
    const int workers = std::max(1, std::min(context.config.concurrency, requests));
    Channel<int> jobs { std::size_t(workers) };
    Channel<Sample> results { std::size_t(workers) };
    std::atomic<int> liveWorkers { workers };

    poolStarting(context);

    // Fan out. Stops early on a stop request; close() lets workers drain and leave.
    std::thread producer;
    try {
        producer = context.spawn([&] {
            ThreadGauge::Scope alive;
            for (int i = 0; i < requests && !context.stop.stopRequested(); ++i) {
                if (!jobs.send(i))
                    break;
            }
            jobs.close();
        });
    } catch (const std::system_error &) {
        jobs.close(); // no producer: nothing is sent, every request is recorded as cancelled
    }

    std::vector<std::thread> pool;
    pool.reserve(std::size_t(workers));
    for (int w = 0; w < workers; ++w) {
        try {
            pool.push_back(context.spawn([&, w] {
                ThreadGauge::Scope alive;
                const auto session = context.transport.createSession();
                while (const auto job = jobs.receive()) {
                    if (context.stop.stopRequested())
                        continue; // drain without sending: recorded as cancelled afterwards
                    beforeRequest(context, w);
                    results.send(measure(context, *session, *job, w));
                }
                finishWorker(context, liveWorkers, results, 1);
            }));
        } catch (const std::system_error &) {
            break; // out of threads: run with the workers we have
        }
    }
    const int missing = workers - int(pool.size());
    if (missing > 0) {
        context.recorder.setNote(QStringLiteral("pool.workers_not_started"), missing);
        if (pool.empty())
            jobs.close(); // nobody will receive: release the producer
        finishWorker(context, liveWorkers, results, missing);
    }

    // Fan in: the collector never stops receiving before close, so no worker blocks forever.
    while (const auto sample = results.receive())
        context.recorder.record(*sample);

    if (producer.joinable())
        producer.join();
    for (auto &thread : pool)
        thread.join();
    poolFinished(context);
}

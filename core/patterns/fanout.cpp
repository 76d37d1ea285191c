#include "fanout.h"

#include "../channel.h"
#include "../recorder.h"
#include "../runconfig.h"
#include "../stoptoken.h"
#include "../threadgauge.h"
#include "../transport.h"

#include <atomic>
#include <thread>
#include <vector>

void FanOutPattern::run(RunContext &context)
{
    const int requests = context.config.requests;
    const int workers = std::max(1, std::min(context.config.concurrency, requests));
    Channel<int> jobs { std::size_t(workers) };
    Channel<Sample> results { std::size_t(workers) };
    std::atomic<int> liveWorkers { workers };

    poolStarting(context);

    // Fan out. Stops early on a stop request; close() lets workers drain and leave.
    std::thread producer([&] {
        ThreadGauge::Scope alive;
        for (int i = 0; i < requests && !context.stop.stopRequested(); ++i) {
            if (!jobs.send(i))
                break;
        }
        jobs.close();
    });

    std::vector<std::thread> pool;
    pool.reserve(std::size_t(workers));
    for (int w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
            ThreadGauge::Scope alive;
            const auto session = context.transport.createSession();
            while (const auto job = jobs.receive()) {
                if (context.stop.stopRequested())
                    continue; // drain without sending: recorded as cancelled afterwards
                beforeRequest(context, w);
                results.send(measure(context, *session, *job, w));
            }
            const bool last = liveWorkers.fetch_sub(1) == 1;
            workerFinished(context, last);
            if (last)
                results.close();
        });
    }

    // Fan in: the collector never stops receiving before close, so no worker blocks forever.
    while (const auto sample = results.receive())
        context.recorder.record(*sample);

    producer.join();
    for (auto &thread : pool)
        thread.join();
    poolFinished(context);
}

#include "patterns/waitgroup.h"

#include "measure/recorder.h"
#include "model/runconfig.h"
#include "engine/stoptoken.h"
#include "measure/threadgauge.h"
#include "engine/transport.h"

#include <latch>
#include <system_error>
#include <thread>
#include <vector>

void WaitGroupPattern::run(RunContext &context)
{
    const int requests = context.config.requests;
    // The WaitGroup: counted down once per request, whatever happened to it. Every thread
    // counts down after a fetch bounded by the request timeout, so wait() is bounded too.
    std::latch done(requests);
    std::vector<std::thread> threads;
    threads.reserve(std::size_t(requests));

    for (int i = 0; i < requests; ++i) {
        try {
            threads.push_back(context.spawn([&context, &done, i] {
                ThreadGauge::Scope alive;
                if (!context.stop.stopRequested()) {
                    // Each thread its own client, like each goroutine its own http.Client.
                    const auto session = context.transport.createSession();
                    perform(context, *session, i, i);
                }
                done.count_down();
            }));
        } catch (const std::system_error &) {
            // Out of threads: the cost of unbounded concurrency, recorded, not hidden.
            Sample sample;
            sample.index = i;
            sample.worker = i;
            sample.startNs = sample.endNs = context.recorder.nowNs();
            sample.error = ErrorKind::Resource;
            context.recorder.record(sample);
            done.count_down();
        }
    }
    done.wait();
    for (auto &thread : threads)
        thread.join();
}

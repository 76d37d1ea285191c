// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/hedged.h"

#include "engine/channel.h"
#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pool.h"
#include "patterns/workergroup.h"

#include <algorithm>
#include <mutex>

using namespace std::chrono;

namespace {

// The running 95th percentile of the answers seen so far (the last Window of them), shared
// by the workers: the adaptive hedge delay. Until MinAnswers are in, there is no estimate
// and nothing is hedged (a guess would hedge everything or nothing).
class RunningP95
{
public:
    static constexpr std::size_t Window = 512;
    static constexpr std::size_t MinAnswers = 20;

    void add(std::int64_t latencyNs)
    {
        std::lock_guard lock(m_mutex);
        if (m_window.size() < Window)
            m_window.push_back(latencyNs);
        else
            m_window[m_next++ % Window] = latencyNs;
    }

    std::optional<std::int64_t> valueNs() const
    {
        std::lock_guard lock(m_mutex);
        if (m_window.size() < MinAnswers)
            return std::nullopt;
        std::vector<std::int64_t> sorted = m_window;
        const auto p95 = sorted.begin() + std::ptrdiff_t(sorted.size() * 95 / 100);
        std::nth_element(sorted.begin(), p95, sorted.end());
        return *p95;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::int64_t> m_window;
    std::size_t m_next = 0;
};

} // namespace

// @lesson begin
void HedgedPattern::run(RunContext &context)
{
    const int workers = Pool::size(context.config);
    RunningP95 p95;
    // [delay] A fixed delay, or (0) the running p95: about one request in twenty is hedged.
    const auto hedgeDelayNs = [&]() -> std::optional<std::int64_t> {
        if (context.config.hedgeMs > 0)
            return std::int64_t(context.config.hedgeMs * 1e6);
        return p95.valueNs();
    };

    Channel<int> jobs(workers);
    Channel<Sample> results(workers);
    WorkerGroup producer(context, [&] { jobs.close(); });
    producer.start([&] { Pool::produce(context, jobs); });
    producer.doneStarting();

    WorkerGroup pool(context, [&] {
        jobs.close();
        results.close();
    });
    for (int w = 0; w < workers; ++w) {
        pool.start([&, w] {
            const auto client = context.transport.createAsyncClient(2); // the request and its copy
            while (const auto job = jobs.receive()) {
                if (context.stop.stopRequested())
                    continue; // stopping: drain the jobs, send nothing

                // [primary] Send the request; remember when, to know when to hedge.
                std::optional<Sample> primary, hedge;
                const auto primaryId = send(context, *client, Sample { .index = *job, .worker = w },
                                            [&](const Sample &done) { primary = done; });
                const std::int64_t sentNs = context.recorder.nowNs();
                AsyncClient::RequestId hedgeId = 0;

                // [hedge] No answer within the delay: send a copy (select on the answer and
                // time.After(delay)).
                while (!primary && !hedge) {
                    const std::int64_t nowNs = context.recorder.nowNs();
                    const auto delayNs = hedgeDelayNs();
                    if (hedgeId == 0 && delayNs && nowNs - sentNs >= *delayNs && !context.stop.stopRequested()) {
                        hedgeId
                            = send(context, *client, Sample { .index = *job, .worker = w, .kind = SampleKind::Hedge },
                                   [&](const Sample &done) { hedge = done; });
                        continue;
                    }
                    if (context.stop.stopRequested()) { // stopping: abort both, ends at the next poll
                        client->cancel(primaryId);
                        client->cancel(hedgeId);
                    }
                    microseconds wait = 50ms;
                    if (hedgeId == 0 && delayNs)
                        wait = std::min(wait, ceil<microseconds>(nanoseconds(sentNs + *delayNs - nowNs)));
                    client->poll(std::max(wait, microseconds(0)));
                }

                // [race] The first answer wins; the other is aborted on the wire, and waited
                // for (its callback says Aborted), so nothing is left in flight.
                const bool hedgeWon = hedge && (!primary || hedge->endNs < primary->endNs);
                client->cancel(hedgeWon ? primaryId : hedgeId);
                while (!primary || (hedgeId != 0 && !hedge))
                    client->poll(milliseconds(50));

                Sample result = *primary; // the request as its caller saw it: first send to winning answer
                if (hedgeWon) {
                    result.endNs = hedge->endNs;
                    result.status = hedge->status;
                    result.error = hedge->error;
                    result.serverQueueUs = hedge->serverQueueUs;
                    result.serverServiceUs = hedge->serverServiceUs;
                    context.recorder.addToNote(QStringLiteral("hedged.hedge_wins"), 1);
                }
                if (hedge)
                    context.recorder.recordExtra(*hedge);
                if (result.ok())
                    p95.add(result.endNs - result.startNs);
                results.send(result);
            }
        });
    }
    pool.doneStarting();

    // [fan-in] Record every request as its caller saw it.
    Pool::collect(context, results);
}
// @lesson end

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/cond.h"

#include "engine/channel.h"
#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pool.h"
#include "patterns/workergroup.h"

using namespace std::chrono;

CircuitBreaker::CircuitBreaker(const BreakerParams &params)
    : m_threshold(params.errors), m_coolDown(milliseconds(params.cooldownMs))
{ }

namespace {

// What the breaker counts as a failure: no answer, or the server's 5xx (a 4xx is the
// client's own mistake, and would not get better by waiting).
bool failed(const Sample &s)
{
    return s.error == ErrorKind::Timeout || s.error == ErrorKind::Connection || s.error == ErrorKind::Reset
        || (s.error == ErrorKind::Http && s.status >= 500);
}

} // namespace

// @lesson begin
CircuitBreaker::Turn CircuitBreaker::await(const StopToken &stop)
{
    std::unique_lock lock(m_mutex);
    if (m_open)
        ++m_heldBack;
    // [wait] cond.Wait() in a loop: sleep until something changed, then look again.
    while (m_open) {
        if (stop.stopRequested())
            return Turn::Stopped;
        // [probe] Cooled down: this one worker tries; the others go on waiting.
        if (!m_probing && Clock::now() >= m_probeAt) {
            m_probing = true;
            return Turn::Probe;
        }
        const auto wakeAt = m_probing ? Clock::now() + 50ms : std::min(m_probeAt, Clock::now() + 50ms);
        m_changed.wait_until(lock, wakeAt);
    }
    return Turn::Send;
}

void CircuitBreaker::report(bool failure, bool wasProbe)
{
    std::lock_guard lock(m_mutex);
    if (wasProbe) {
        m_probing = false;
        if (failure) { // still failing: another cool-down
            m_probeAt = Clock::now() + m_coolDown;
            return;
        }
        // [broadcast] The probe came back: close and wake every waiting worker at once
        // (cond.Broadcast). cond.Signal (notify_one) would wake one, and leave the others
        // asleep until their own timeout.
        m_open = false;
        m_consecutive = 0;
        m_openTotal += Clock::now() - m_openedAt;
        m_changed.notify_all();
        return;
    }
    if (m_open)
        return; // answers of requests sent before it opened: the probe decides now
    // [open] K failures in a row: stop sending, and say when to try again.
    m_consecutive = failure ? m_consecutive + 1 : 0;
    if (m_consecutive >= m_threshold) {
        m_open = true;
        ++m_opens;
        m_openedAt = Clock::now();
        m_probeAt = m_openedAt + m_coolDown;
    }
}
void CondPattern::run(RunContext &context)
{
    const int workers = Pool::size(context.config);
    CircuitBreaker breaker(context.config.breaker);

    Channel<int> jobs(workers);
    Channel<Sample> results(workers);
    WorkerGroup producer(context, [&] { jobs.close(); });
    producer.start([&] { Pool::produce(context, jobs); });
    producer.doneStarting();

    // [workers] The fan-out pool, each request behind the breaker.
    WorkerGroup pool(context, [&] {
        jobs.close();
        results.close();
    });
    for (int w = 0; w < workers; ++w) {
        pool.start([&, w] {
            const auto client = context.transport.createSession();
            while (const auto job = jobs.receive()) {
                CircuitBreaker::Turn turn;
                while ((turn = breaker.await(context.stop)) == CircuitBreaker::Turn::Probe) {
                    Sample probe = measure(context, *client, *job, w); // one request, to see
                    probe.kind = SampleKind::Probe;
                    context.recorder.recordExtra(probe);
                    breaker.report(failed(probe), true);
                }
                if (turn == CircuitBreaker::Turn::Stopped || context.stop.stopRequested())
                    continue; // stopping: drain the jobs, send nothing
                const Sample answer = measure(context, *client, *job, w);
                breaker.report(failed(answer), false);
                results.send(answer);
            }
        });
    }
    pool.doneStarting();
    Pool::collect(context, results);

    context.recorder.setNote(QStringLiteral("breaker.opens"), breaker.opens());
    context.recorder.setNote(QStringLiteral("breaker.open_s"), breaker.openSeconds());
    context.recorder.setNote(QStringLiteral("breaker.held_back"), breaker.heldBack());
}
// @lesson end

int CircuitBreaker::opens() const
{
    std::lock_guard lock(m_mutex);
    return m_opens;
}

int CircuitBreaker::heldBack() const
{
    std::lock_guard lock(m_mutex);
    return m_heldBack;
}

double CircuitBreaker::openSeconds() const
{
    std::lock_guard lock(m_mutex);
    const auto total = m_openTotal + (m_open ? Clock::now() - m_openedAt : Clock::duration {});
    return duration<double>(total).count();
}

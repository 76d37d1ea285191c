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

#include <atomic>

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
    const int failedProbesBefore = m_failedProbes;
    // [wait] cond.Wait() in a loop: sleep until something changed, then look again. A held
    // request waits for one probe's verdict at most: if that probe fails, it is rejected
    // (fail fast) rather than held for as long as the server is down.
    while (m_open) {
        if (stop.stopRequested())
            return Turn::Stopped;
        // [probe] Cooled down: this one worker tries; the others go on waiting.
        if (!m_probing && Clock::now() >= m_probeAt) {
            m_probing = true;
            return Turn::Probe;
        }
        // K probes failed in a row: the server is down, not slow; stop holding requests.
        if (m_failedProbes != failedProbesBefore || m_failedInARow >= m_threshold)
            return Turn::Rejected;
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
        if (failure) { // still failing: another cool-down; who waited for this verdict gives up
            m_probeAt = Clock::now() + m_coolDown;
            ++m_failedProbes;
            ++m_failedInARow;
            m_changed.notify_all();
            return;
        }
        // [broadcast] The probe came back: close and wake every waiting worker at once
        // (cond.Broadcast). cond.Signal (notify_one) would wake one, and leave the others
        // asleep until their own timeout.
        m_open = false;
        m_consecutive = 0;
        m_failedInARow = 0;
        m_openTotal += Clock::now() - m_openedAt;
        if (m_intervals.size() < MaxIntervals)
            m_intervals.emplace_back(m_openedAt, Clock::now());
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
    std::atomic<int> rejected { 0 };

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
                CircuitBreaker::Turn turn = breaker.await(context.stop);
                if (turn == CircuitBreaker::Turn::Probe) { // one request, to see
                    Sample probe = measure(context, *client, *job, w);
                    probe.kind = SampleKind::Probe;
                    context.recorder.recordExtra(probe);
                    breaker.report(failed(probe), true);
                    turn = failed(probe) ? CircuitBreaker::Turn::Rejected : CircuitBreaker::Turn::Send;
                }
                if (turn == CircuitBreaker::Turn::Rejected) { // never sent: the breaker said no
                    rejected.fetch_add(1);
                    context.recorder.record(Sample { .startNs = context.recorder.nowNs(),
                                                     .endNs = context.recorder.nowNs(),
                                                     .index = *job,
                                                     .worker = w,
                                                     .error = ErrorKind::Cancelled });
                    continue;
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
    context.recorder.setNote(QStringLiteral("breaker.rejected"), rejected.load());
    int n = 0; // for the timeline: breaker.open.N.from_s / .to_s
    for (const auto &[from, to] : breaker.openIntervals()) {
        const auto seconds = [&](auto t) { return duration<double>(t - context.recorder.t0()).count(); };
        context.recorder.setNote(QStringLiteral("breaker.open.%1.from_s").arg(n), seconds(from));
        context.recorder.setNote(QStringLiteral("breaker.open.%1.to_s").arg(n++), seconds(to));
    }
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

std::vector<std::pair<CircuitBreaker::Clock::time_point, CircuitBreaker::Clock::time_point>>
CircuitBreaker::openIntervals() const
{
    std::lock_guard lock(m_mutex);
    auto intervals = m_intervals;
    if (m_open && intervals.size() < MaxIntervals)
        intervals.emplace_back(m_openedAt, Clock::now());
    return intervals;
}

double CircuitBreaker::openSeconds() const
{
    std::lock_guard lock(m_mutex);
    const auto total = m_openTotal + (m_open ? Clock::now() - m_openedAt : Clock::duration {});
    return duration<double>(total).count();
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "run/patternexecution.h"

#include "engine/transport.h"
#include "measure/threadgauge.h"
#include "patterns/pattern.h"
#include "patterns/registry.h"

PatternExecution::PatternExecution(RunConfig config, const QString &patternId, std::unique_ptr<Transport> transport)
    : m_config(std::move(config))
    , m_patternId(patternId)
    , m_pattern(PatternRegistry::create(patternId))
    , m_transport(transport ? std::move(transport) : createTransport(m_config))
    , m_recorder(m_config.requests)
{ }

PatternExecution::~PatternExecution()
{
    if (m_thread.joinable()) {
        m_stop.requestStop();
        m_thread.join(); // bounded: every request ends within its timeout
    }
}

void PatternExecution::start()
{
    m_stop.setDeadline(StopToken::Clock::now() + std::chrono::seconds(m_config.maxSeconds));
    m_recorder.startClock();
    m_monitor.setStageQueueSource([this] { return m_recorder.stageQueues(); });
    m_monitor.setInFlightSource([this] { return m_recorder.inFlight(); });
    m_monitor.start(m_recorder.t0(), std::chrono::milliseconds(50));
    m_thread = std::thread([this] { execute(); });
}

void PatternExecution::execute()
{
    ThreadGauge::Scope alive;
    RunContext context { m_config, *m_transport, m_recorder, m_stop };
    m_pattern->run(context);
    m_totalNs = m_recorder.nowNs();
    m_monitor.stop();
    m_recorder.cancelUnrecorded();
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
    }
    m_finishedCv.notify_all();
}

bool PatternExecution::waitFinished(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    if (!m_finishedCv.wait_for(lock, timeout, [this] { return m_finished; }))
        return false;
    lock.unlock();
    if (m_thread.joinable())
        m_thread.join();
    return true;
}

PatternExecution::Update PatternExecution::poll()
{
    Update update;
    update.progress = { m_recorder.completed(), m_recorder.requests(), m_recorder.inFlight(), m_recorder.maxInFlight(),
                        m_recorder.nowNs() };
    m_recorder.takePublished(&m_sampleCursor, &update.samples);
    m_recorder.takeExtras(&m_extraCursor, &update.extraSamples);
    m_monitor.takePoints(&m_resourceCursor, &update.resources);
    return update;
}

PatternResult PatternExecution::result() const
{
    PatternResult result;
    result.id = m_patternId;
    result.title = PatternRegistry::title(m_patternId);
    result.requests = m_config.requests;
    result.totalNs = m_totalNs;
    result.maxInFlight = m_recorder.maxInFlight();
    result.samples = m_recorder.samples();
    result.extraSamples = m_recorder.extras();
    result.resources = m_monitor.usage();
    for (const auto &[key, value] : m_recorder.notes())
        result.notes.append({ key, value });
    // Every 50 ms while it ran: what Little's law checks (Experiments::little).
    if (const std::optional<double> inFlight = m_monitor.meanInFlight())
        result.notes.append({ QStringLiteral("inflight.sampled_mean"), *inFlight });
    std::size_t cursor = 0;
    m_monitor.takePoints(&cursor, &result.resourceSeries);
    // Stopped by the user or by the time limit before every request was sent.
    result.outcome = result.completedOutcome();
    return result;
}

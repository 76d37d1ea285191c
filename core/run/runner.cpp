// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "run/runner.h"

#include "io/eventstream.h"
#include "patterns/registry.h"
#include "run/childprocess.h"
#include "run/patternexecution.h"
#include "run/serverprobe.h"

#include <QTimer>

namespace {

ResourceUsage usageFromSeries(const std::vector<ResourcePoint> &series)
{
    ResourceUsage usage;
    for (const ResourcePoint &p : series) {
        usage.peakRssBytes = std::max(usage.peakRssBytes, p.rssBytes);
        usage.threadsPeak = std::max(usage.threadsPeak, p.threads);
        usage.cpuUserS = std::max(usage.cpuUserS, p.cpuUserS);
        usage.cpuSysS = std::max(usage.cpuSysS, p.cpuSysS);
    }
    if (!series.empty())
        usage.rssDeltaBytes = series.back().rssBytes - series.front().rssBytes;
    return usage;
}
} // namespace

Runner::Runner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Progress>();
}

// m_child (a ChildProcess) kills and reaps a running child when destroyed; m_execution's
// destructor stops and joins its pattern thread.
Runner::~Runner() = default;

void Runner::start(RunData *run)
{
    Q_ASSERT(run);
    if (m_running)
        return;
    m_run = run;
    m_run->results.clear();
    m_run->summaries.clear();
    m_next = 0;
    m_running = true;
    m_stopping = false;
    ++m_runId;
    startNext();
}

void Runner::stopAfterServerDeath()
{
    if (!m_running)
        return;
    // Where the pattern's clock stood when the server died: its last progress event plus
    // the time since (the child's clock and ours run at the same rate).
    if (m_execution)
        m_serverDeathNs = m_execution->elapsedNs();
    else if (m_child && m_lastProgressAt.isValid())
        m_serverDeathNs = m_lastProgressNs + m_lastProgressAt.nsecsElapsed();
    else if (m_child)
        m_serverDeathNs = 0;
    stop();
}

void Runner::stop()
{
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    // SIGTERM asks the child to stop dispatching and hand in what it has; the grace period
    // bounds how long we wait for that before the child is killed.
    if (m_child)
        m_child->stop(m_stopGraceMs);
    if (m_execution)
        m_execution->requestStop();
}

void Runner::startNext()
{
    const RunConfig &config = m_run->config;
    if (m_stopping || m_next >= config.patterns.size()) {
        m_running = false;
        Q_EMIT runFinished();
        return;
    }
    const QString id = config.patterns.at(m_next++);
    PatternResult result;
    result.id = id;
    result.title = PatternRegistry::title(id);
    result.requests = config.requests;
    result.params = PatternRegistry::params(id, config);
    m_run->results.append(result);
    m_run->summaries.append(PatternSummary {});
    Q_EMIT patternStarted(currentIndex());
    resetServerThen([this] {
        if (m_stopping) { // stopped while the server was being reset
            finishCurrent(PatternResult::Outcome::Stopped, {});
            return;
        }
        m_patternClock.start();
        if (m_probe) {
            if (!m_statsTimer) {
                m_statsTimer = new QTimer(this);
                m_statsTimer->setInterval(StatsIntervalMs);
                connect(m_statsTimer, &QTimer::timeout, this, &Runner::onStatsTick);
            }
            m_statsTimer->start();
        }
        if (m_mode == Mode::ChildProcess)
            launchChild();
        else
            launchInProcess();
    });
}

void Runner::setServerUrl(const QUrl &base)
{
    if (base.isEmpty()) {
        delete m_probe;
        m_probe = nullptr;
        return;
    }
    if (!m_probe)
        m_probe = new ServerProbe(this);
    m_probe->setBaseUrl(base);
}

void Runner::resetServerThen(std::function<void()> next)
{
    m_busyAtStart = 0;
    if (!m_probe) {
        next();
        return;
    }
    // The reset waits until the previous pattern's backlog is worked off (a WaitGroup leaves
    // thousands of abandoned requests): the next pattern must not measure that.
    m_probe->reset(ResetWaitMs, [this, next = std::move(next)](const ServerProbe::ResetReply &reply) {
        // A failed reset is not fatal: the pattern's own requests will show a dead server.
        if (reply.answered && !reply.idle)
            m_busyAtStart = std::max(reply.busy, 1);
        next();
    });
}

void Runner::onStatsTick()
{
    if (!m_probe || !m_running)
        return;
    const int index = currentIndex();
    m_probe->stats([this, index](std::optional<QJsonObject> stats) {
        if (stats && index == currentIndex() && m_running)
            recordStats(*stats, false);
    });
}

void Runner::recordStats(const QJsonObject &stats, bool final)
{
    PatternResult &result = current();
    const ServerPoint point = ServerStats::pointFromStatsJson(stats, m_patternClock.nsecsElapsed());
    if (!final) {
        result.serverSeries.push_back(point);
        Q_EMIT resultUpdated(currentIndex());
    }
    ServerStats summary = ServerStats::fromStatsJson(stats);
    if (!summary.valid)
        return;
    for (const ServerPoint &p : result.serverSeries)
        summary.cpuPercentPeak = std::max(summary.cpuPercentPeak, p.cpuPercent);
    summary.busyAtStart = m_busyAtStart;
    result.server = summary;
    // The saved run says what the server really used, so that running it again repeats it.
    ServerParams &params = m_run->config.server;
    if (params.capacity <= 0 && summary.capacity > 0)
        params.capacity = summary.capacity;
    if (params.maxQueue < 0 && summary.maxQueue >= 0)
        params.maxQueue = summary.maxQueue;
    if (final)
        Q_EMIT resultUpdated(currentIndex());
}

void Runner::launchChild()
{
    m_parser = std::make_unique<EventStream::Parser>();
    m_streamErrors.clear();
    m_lastProgressNs = 0;
    m_lastProgressAt.invalidate();
    m_child = new ChildProcess(this);
    m_child->setProgram(m_childProgram);
    // Qt's own event dispatcher, not GLib's: GLib aborts the process when a thread cannot
    // get its wake-up pipe, and a thread-per-request pattern measures exactly that limit.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1"));
    m_child->setProcessEnvironment(env);
    m_child->setArguments(m_run->config.childArguments(current().id));
    connect(m_child, &QProcess::readyReadStandardOutput, this, &Runner::onChildOutput);
    connect(m_child, &QProcess::finished, this, &Runner::onChildFinished);
    connect(m_child, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finishCurrent(PatternResult::Outcome::Failed,
                          QStringLiteral("could not start %1: %2").arg(m_childProgram, m_child->errorString()));
    });

    // A healthy child reports progress every 100 ms whatever its requests do, so silence
    // means it hangs (or was stopped with SIGSTOP): kill it and say so.
    m_childWatchdog = new QTimer(m_child);
    m_childWatchdog->setSingleShot(true);
    connect(m_childWatchdog, &QTimer::timeout, this, [this] {
        m_childSilent = true;
        m_child->kill();
    });
    m_childSilent = false;
    m_childWatchdog->start(ChildSilenceLimitMs);
    m_child->start();
}

void Runner::onChildOutput()
{
    if (!m_child)
        return;
    m_childWatchdog->start(ChildSilenceLimitMs);
    EventStream::Parser::Batch batch = m_parser->feed(m_child->readAllStandardOutput());
    PatternResult &result = current();
    result.samples.insert(result.samples.end(), batch.samples.begin(), batch.samples.end());
    result.extraSamples.insert(result.extraSamples.end(), batch.extraSamples.begin(), batch.extraSamples.end());
    result.resourceSeries.insert(result.resourceSeries.end(), batch.resources.begin(), batch.resources.end());
    result.notes.append(batch.notes);
    if (!batch.samples.empty() || !batch.resources.empty())
        Q_EMIT resultUpdated(currentIndex());
    if (batch.progress) {
        result.maxInFlight = batch.progress->maxInFlight;
        result.totalNs = batch.progress->elapsedNs;
        m_lastProgressNs = batch.progress->elapsedNs;
        m_lastProgressAt.start();
        Q_EMIT progressChanged(currentIndex(), *batch.progress);
    }
    for (const QString &error : std::as_const(batch.errors))
        m_streamErrors.append(error + QLatin1Char('\n'));
}

void Runner::onChildFinished(int exitCode, QProcess::ExitStatus status)
{
    onChildOutput();
    if (m_parser->doneSeen()) {
        PatternResult &result = current();
        result.totalNs = m_parser->totalNs();
        result.maxInFlight = m_parser->maxInFlight();
        result.resources = m_parser->usage();
        finishCurrent(result.completedOutcome(), {});
        return;
    }
    // No DONE: the child died or was stopped before it could hand in its figures. What it
    // streamed is kept, and the resources come from the points it sampled so far.
    current().resources = usageFromSeries(current().resourceSeries);
    if (m_stopping) {
        finishCurrent(PatternResult::Outcome::Stopped, {});
        return;
    }
    const QString lastLine
        = m_child->stderrTail().isEmpty() ? m_streamErrors.lastLine() : m_child->stderrTail().lastLine();
    QString reason = m_childSilent ? QStringLiteral("the pattern's process stopped responding for %1 s and was killed")
                                         .arg(ChildSilenceLimitMs / 1000)
        : status == QProcess::CrashExit
        ? QStringLiteral("the pattern's process crashed or was killed")
        : QStringLiteral("the pattern's process exited with code %1 before finishing").arg(exitCode);
    if (!lastLine.isEmpty())
        reason += QStringLiteral(": ") + lastLine;
    finishCurrent(PatternResult::Outcome::Failed, reason);
}

void Runner::launchInProcess()
{
    std::unique_ptr<Transport> transport = m_transportFactory ? m_transportFactory(m_run->config) : nullptr;
    m_execution = std::make_unique<PatternExecution>(m_run->config, current().id, std::move(transport));
    if (!m_execution->isValid()) {
        m_execution.reset();
        finishCurrent(PatternResult::Outcome::Failed, QStringLiteral("unknown pattern: ") + current().id);
        return;
    }
    m_execution->start();
    if (!m_tick) {
        m_tick = new QTimer(this);
        m_tick->setInterval(50);
        connect(m_tick, &QTimer::timeout, this, &Runner::onInProcessTick);
    }
    m_tick->start();
}

void Runner::onInProcessTick()
{
    const bool finished = m_execution->waitFinished(std::chrono::milliseconds(0));
    PatternExecution::Update update = m_execution->poll();
    PatternResult &result = current();
    result.samples.insert(result.samples.end(), update.samples.begin(), update.samples.end());
    result.extraSamples.insert(result.extraSamples.end(), update.extraSamples.begin(), update.extraSamples.end());
    result.resourceSeries.insert(result.resourceSeries.end(), update.resources.begin(), update.resources.end());
    if (!update.samples.empty() || !update.resources.empty())
        Q_EMIT resultUpdated(currentIndex());
    Q_EMIT progressChanged(currentIndex(), update.progress);
    if (!finished)
        return;
    m_tick->stop();
    // The execution's result has the pattern's figures; what the Runner added (the flags as
    // used, the server's series) stays.
    PatternResult done = m_execution->result();
    done.params = result.params;
    done.server = result.server;
    done.serverSeries = std::move(result.serverSeries);
    result = std::move(done);
    m_execution.reset();
    finishCurrent(result.outcome, {});
}

void Runner::finishCurrent(PatternResult::Outcome outcome, const QString &failure)
{
    if (m_statsTimer)
        m_statsTimer->stop();
    if (m_child) {
        m_child->disconnect(this);
        m_child->deleteLater(); // the child has finished (or never started): nothing to wait for
        m_child = nullptr;
    }
    PatternResult &result = current();
    result.outcome = outcome;
    result.failure = failure;
    if (m_serverDeathNs >= 0) {
        // Requests sent to a dead server only measure its absence (refused in 0.1 ms): they
        // are not counted as answers or errors of the pattern, but as never sent.
        int dropped = 0;
        for (Sample &s : result.samples) {
            if (s.sent() && s.startNs > m_serverDeathNs) {
                s = Sample { s.startNs, s.startNs, s.index, -1, 0, ErrorKind::Cancelled };
                ++dropped;
            }
        }
        result.notes.append({ QStringLiteral("server.died_at_s"), double(m_serverDeathNs) / 1e9 });
        result.notes.append({ QStringLiteral("server.requests_after_death"), double(dropped) });
        if (result.outcome == PatternResult::Outcome::Finished)
            result.outcome = PatternResult::Outcome::Stopped;
        m_serverDeathNs = -1;
    }
    if (m_busyAtStart > 0)
        result.notes.append({ QStringLiteral("server.busy_at_start"), double(m_busyAtStart) });
    m_run->summarize(currentIndex());
    if (!m_probe) {
        completeCurrent();
        return;
    }
    // The server's counters for this pattern, read before the next reset zeroes them.
    m_probe->stats([this](std::optional<QJsonObject> stats) {
        if (stats)
            recordStats(*stats, true);
        completeCurrent();
    });
}

void Runner::completeCurrent()
{
    Q_EMIT patternFinished(currentIndex());
    QTimer::singleShot(0, this, &Runner::startNext);
}

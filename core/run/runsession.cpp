// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "run/runsession.h"

#include "engine/descriptorbudget.h"
#include "model/presets.h"
#include "model/stats.h"

#include <QTimer>

RunSession::RunSession(QObject *parent)
    : QObject(parent), m_server(new ServerController(this)), m_runner(new Runner(this))
{
    connect(m_runner, &Runner::patternStarted, this, &RunSession::patternStarted);
    connect(m_runner, &Runner::progressChanged, this, &RunSession::progressChanged);
    connect(m_runner, &Runner::resultUpdated, this, &RunSession::resultUpdated);
    connect(m_runner, &Runner::patternFinished, this, &RunSession::onPatternFinished);
    connect(m_runner, &Runner::runFinished, this, &RunSession::onRunnerFinished);
    connect(m_server, &ServerController::stateChanged, this, &RunSession::onServerStateChanged);
    connect(m_server, &ServerController::logLineAvailable, this, &RunSession::logLineAvailable);
}

RunSession::~RunSession()
{
    // The Runner kills a running child and the ServerController its server when destroyed;
    // nothing may reach our handlers (or our listeners) on the way.
    m_runner->disconnect(this);
    m_server->disconnect(this);
}

bool RunSession::setRun(RunData run)
{
    if (isRunning())
        return false;
    m_run = std::move(run);
    return true;
}

void RunSession::start(RunConfig config)
{
    if (isRunning())
        return;
    m_serverDied = false;
    // A pool larger than the machine can hold would only fail its extra workers: cap it and
    // say so. (Thread per request ignores the pool size: running out is its lesson.)
    const int maxClients = DescriptorBudget::maxClients(config.engine == Engine::Qt);
    if (config.concurrency > maxClients) {
        Q_EMIT warningAvailable(tr("concurrency %1 is more clients than this machine holds at once (%2 file "
                                   "descriptors, %3 per client; threads-max); using %4")
                                    .arg(config.concurrency)
                                    .arg(DescriptorBudget::instance().limit() + DescriptorBudget::Reserve)
                                    .arg(DescriptorBudget::PerSession)
                                    .arg(maxClients));
        config.concurrency = maxClients;
    }
    if (!config.bundledServer) {
        begin(std::move(config));
        return;
    }
    const std::optional<quint64> running = m_restartWith ? std::optional(m_restartWith->second) : m_serverSeed;
    config.seed = resolveSeed(config.seed, running);
    const auto state = m_server->state();
    const bool sameServer = m_serverParams == config.server && m_serverSeed == config.seed && !m_restartWith;
    if (state == ServerController::State::Ready && sameServer) {
        begin(std::move(config));
        return;
    }
    m_pending = config;
    Q_EMIT waitingForServer(config.server, *config.seed);
    // Already starting with these settings (the app starts it at launch): just wait for it.
    if (!(sameServer && state == ServerController::State::Starting))
        launchServer(config.server, *config.seed);
}

void RunSession::stop()
{
    if (m_pending) {
        m_pending.reset();
        Q_EMIT runNotStarted(tr("the run was cancelled before it started"));
        return;
    }
    m_runner->stop();
}

void RunSession::startServer(const ServerParams &params, std::optional<quint64> seed)
{
    if (isRunning())
        return;
    const quint64 resolved = resolveSeed(seed, m_serverSeed);
    const auto state = m_server->state();
    const bool up = state == ServerController::State::Ready || state == ServerController::State::Starting;
    if (up && m_serverParams == params && m_serverSeed == resolved && !m_restartWith)
        return;
    launchServer(params, resolved);
}

void RunSession::restartServer(const ServerParams &params, std::optional<quint64> seed)
{
    if (isRunning())
        return;
    launchServer(params, resolveSeed(seed, m_serverSeed));
}

void RunSession::stopServer()
{
    if (isRunning())
        return;
    m_restartWith.reset();
    m_server->stop(1000);
}

void RunSession::launchServer(const ServerParams &params, quint64 seed)
{
    const auto state = m_server->state();
    if (state == ServerController::State::Ready || state == ServerController::State::Starting
        || m_server->processId() != 0) {
        // Running (or still going away): stop it, start again once it has stopped.
        m_restartWith = std::pair { params, seed };
        if (state == ServerController::State::Ready || state == ServerController::State::Starting)
            m_server->stop(1000);
        else
            QTimer::singleShot(100, this, [this] {
                if (m_restartWith) {
                    const auto [p, s] = *m_restartWith;
                    m_restartWith.reset();
                    launchServer(p, s);
                }
            });
        return;
    }
    m_serverParams = params;
    m_serverSeed = seed;
    Q_EMIT logLineAvailable(tr("Starting the bundled server: profile %1, seed %2").arg(params.profile).arg(seed));
    m_server->start(params, seed);
}

void RunSession::onServerStateChanged(ServerController::State state)
{
    switch (state) {
    case ServerController::State::Ready:
        Q_EMIT logLineAvailable(tr("Server ready at %1").arg(m_server->baseUrl().toString()));
        if (m_pending) {
            RunConfig config = *m_pending;
            begin(std::move(config));
        }
        break;
    case ServerController::State::Failed:
        Q_EMIT logLineAvailable(tr("Server failed: %1").arg(m_server->failureReason()));
        if (m_pending) {
            m_pending.reset();
            Q_EMIT runNotStarted(tr("the bundled server could not start: %1").arg(m_server->failureReason()));
        } else if (m_runner->isRunning() && m_run.config.bundledServer) {
            // The remaining patterns would only measure a dead server: stop, keep what ran.
            m_serverDied = true;
            m_runner->stopAfterServerDeath();
        }
        break;
    case ServerController::State::Stopped:
        if (m_restartWith) {
            const auto [params, seed] = *m_restartWith;
            m_restartWith.reset();
            launchServer(params, seed);
        } else if (m_pending) {
            m_pending.reset();
            Q_EMIT runNotStarted(tr("the bundled server stopped before the run began"));
        }
        break;
    case ServerController::State::Starting:
        break;
    }
    Q_EMIT serverStateChanged(state);
}

void RunSession::begin(RunConfig config)
{
    if (config.bundledServer) {
        config.url = m_server->dataUrl();
        m_runner->setServerUrl(m_server->baseUrl());
    } else {
        m_runner->setServerUrl(QUrl());
    }
    m_pending.reset();
    m_run = RunData {};
    m_run.config = std::move(config);
    const RunConfig &c = m_run.config;
    Q_EMIT logLineAvailable(tr("Run: %1 × %2 requests, concurrency %3, engine %4, %5")
                                .arg(c.patterns.join(QStringLiteral(", ")))
                                .arg(c.requests)
                                .arg(c.concurrency)
                                .arg(engineName(c.engine), c.url.toString()));
    Q_EMIT runStarted();
    m_runner->start(&m_run);
}

void RunSession::onPatternFinished(int index)
{
    const PatternResult &result = m_run.results.at(index);
    const PatternSummary &summary = m_run.summaries.at(index);
    QString line = tr("%1: %2, %3 requests, %4 errors, %5 s")
                       .arg(result.id, result.outcomeName())
                       .arg(summary.requests)
                       .arg(summary.errors)
                       .arg(summary.totalTimeS, 0, 'f', 2);
    if (result.outcome == PatternResult::Outcome::Failed)
        line += QStringLiteral(": ") + result.failure;
    Q_EMIT logLineAvailable(line);
    Q_EMIT patternFinished(index);
}

void RunSession::onRunnerFinished()
{
    if (const auto verdict = Presets::check(m_run)) {
        Q_EMIT logLineAvailable(verdict->text);
        Q_EMIT lessonChecked(verdict->shown, verdict->text);
    }
    Q_EMIT runFinished();
}

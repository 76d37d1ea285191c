// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "run/experimentrunner.h"

#include "engine/descriptorbudget.h"
#include "patterns/registry.h"
#include "run/runsession.h"

#include <QTimer>

ExperimentRunner::ExperimentRunner(RunSession *session, QObject *parent) : QObject(parent), m_session(session)
{
    connect(m_session, &RunSession::runFinished, this, [this] {
        if (m_running)
            onRunFinished();
    });
    connect(m_session, &RunSession::runNotStarted, this, [this](const QString &reason) {
        if (m_running)
            onRunNotStarted(reason);
    });
    connect(m_session, &RunSession::progressChanged, this, [this](int index, const Progress &progress) {
        if (m_running)
            onProgress(index, progress);
    });
}

void ExperimentRunner::start(RunConfig base, const ExperimentPlan &plan)
{
    if (m_running || m_session->isRunning())
        return;
    m_base = std::move(base);
    m_plan = plan;
    m_plan.repeat = std::max(1, m_plan.repeat);
    // One seed for the whole experiment, then S + i per trial: the runs can be repeated.
    m_seed = resolveSeed(m_base.seed, m_session->serverSeed());
    m_base.seed = m_seed;
    m_result = RunData {};
    m_result.config = m_base;
    m_result.sweep.param = m_plan.sweepParam;
    m_result.sweep.values = m_plan.values;
    m_trials.clear();
    m_lastRun = RunData {};
    m_step = 0;
    m_fraction = 0;
    m_etaMs = -1;
    m_running = true;
    m_stopping = false;
    m_clock.start();
    if (const QString why = checkPlan(m_base, m_plan); !why.isEmpty()) {
        Q_EMIT notStarted(why);
        finish();
        return;
    }
    startStep();
}

QString ExperimentRunner::checkPlan(const RunConfig &config, const ExperimentPlan &plan)
{
    const QString &param = plan.sweepParam;
    if (param.isEmpty())
        return {};
    if (Experiments::setsServer(param) && !config.bundledServer)
        return tr("sweep: %1 sets the bundled server, which an external URL does not use").arg(param);
    if (param == u"latency-ms" && config.server.profile == u"zero")
        return tr("sweep: the zero profile answers at once whatever latency-ms says; use the fixed profile");
    const bool used = Experiments::setsServer(param)
        || std::any_of(config.patterns.begin(), config.patterns.end(), [&](const QString &id) {
                          return PatternRegistry::params(id, config).contains(RunConfig::flagKey(param));
                      });
    if (!used)
        return tr("sweep: none of the patterns (%1) uses %2; add one that does")
            .arg(config.patterns.join(QStringLiteral(", ")), param);
    // More clients than the machine holds would be capped by the session, and the sweep's
    // points would not be the values asked for.
    if (param == u"concurrency") {
        const int most = DescriptorBudget::maxClients(config.engine == Engine::Qt);
        for (double v : plan.values) {
            if (v > most)
                return tr("sweep: concurrency=%1 is more clients than this machine holds at once (%2); sweep up to %2")
                    .arg(v)
                    .arg(most);
        }
    }
    return {};
}

void ExperimentRunner::stop()
{
    if (!m_running)
        return;
    m_stopping = true;
    if (m_session->isRunning()) {
        m_session->stop(); // its runFinished (or runNotStarted) ends the experiment
        return;
    }
    // Between two steps: nothing to wait for.
    finishStopped();
}

void ExperimentRunner::finishStopped()
{
    if (m_step % m_plan.repeat != 0)
        closePoint(); // a point with some of its trials: kept, its trials say how many
    finish();
}

double ExperimentRunner::pointValue() const
{
    const int point = m_step / m_plan.repeat;
    return m_plan.sweepParam.isEmpty() ? 0 : m_plan.values.value(point);
}

void ExperimentRunner::startStep()
{
    if (m_stopping) { // stopped from a stepStarted or stepFinished handler
        finishStopped();
        return;
    }
    const int trial = m_step % m_plan.repeat;
    RunConfig config = m_base;
    if (!m_plan.sweepParam.isEmpty())
        Experiments::apply(&config, m_plan.sweepParam, pointValue()); // values were checked when parsed
    config.seed = m_seed + quint64(trial);
    Q_EMIT stepStarted(m_step, m_plan.steps(), pointValue(), trial);
    if (m_stopping) {
        finishStopped();
        return;
    }
    m_session->start(config);
}

void ExperimentRunner::onProgress(int index, const Progress &progress)
{
    const int patterns = std::max<int>(1, int(m_session->run().config.patterns.size()));
    const double inRun = (index + (progress.total ? double(progress.completed) / progress.total : 0)) / patterns;
    m_fraction = std::clamp((m_step + inRun) / m_plan.steps(), 0.0, 1.0);
    const qint64 elapsed = m_clock.elapsed();
    m_etaMs = m_fraction > 0.01 ? qint64(double(elapsed) * (1 - m_fraction) / m_fraction) : -1;
    Q_EMIT progressChanged(m_fraction, m_etaMs);
}

void ExperimentRunner::onRunFinished()
{
    const RunData &run = m_session->run();
    // A step counts when every pattern ran to its end: a stopped or failed one measured
    // something else than its trial.
    const bool complete = run.notRun().isEmpty()
        && std::all_of(run.results.begin(), run.results.end(),
                       [](const PatternResult &r) { return r.outcome == PatternResult::Outcome::Finished; });
    if (complete || !m_stopping) {
        for (qsizetype i = 0; i < run.results.size() && i < run.summaries.size(); ++i) {
            if (run.results.at(i).outcome == PatternResult::Outcome::Finished)
                m_trials[run.results.at(i).id].append(Experiments::figures(run.summaries.at(i)));
        }
        m_lastRun = run;
        ++m_step;
        Q_EMIT stepFinished(m_step - 1);
        if (m_step % m_plan.repeat == 0)
            closePoint();
    }
    if (m_stopping || m_step >= m_plan.steps() || m_session->serverDiedDuringRun()) {
        finishStopped();
        return;
    }
    // The next step once the session has finished delivering this one's end; a stop in
    // between ends the experiment in stop() itself.
    QTimer::singleShot(0, this, [this] {
        if (m_running && !m_stopping)
            startStep();
    });
}

void ExperimentRunner::onRunNotStarted(const QString &reason)
{
    if (!m_stopping)
        Q_EMIT notStarted(reason);
    finishStopped();
}

void ExperimentRunner::closePoint()
{
    if (m_lastRun.results.isEmpty())
        return;
    RunData point = m_lastRun;
    if (m_plan.repeat > 1) {
        for (PatternResult &r : point.results)
            r.trials = m_trials.value(r.id);
    }
    if (!m_plan.sweepParam.isEmpty()) {
        SweepPoint stored;
        stored.value = Experiments::valueOf(point.config, m_plan.sweepParam); // as run (checked in start)
        stored.summaries = point.summaries;
        // Figures only: a sweep of many points keeps no samples but its last point's.
        for (PatternResult r : point.results) {
            r.dropSeries();
            stored.results.append(std::move(r));
        }
        m_result.sweep.points.append(std::move(stored));
    }
    m_result.config = point.config;
    m_result.config.seed = m_seed; // S; trial i met S + i
    m_result.results = point.results;
    m_result.summaries = point.summaries;
    m_trials.clear();
    m_lastRun = RunData {};
}

void ExperimentRunner::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_fraction = 1;
    m_etaMs = 0;
    Q_EMIT finished();
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/experiment.h"
#include "model/progress.h"
#include "model/rundata.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

class RunSession;

// Runs an experiment through a RunSession: one run of every selected pattern per step, for
// each sweep value (outer) and each trial (inner). A trial is a run of all the patterns in
// their order, so trials interleave them (A B C, A B C, ...); trial i meets the bundled
// server seeded S + i (the same for every pattern within it: paired), and every sweep value
// meets seed S. A stop ends the step under way and keeps every step that finished.
class ExperimentRunner : public QObject
{
    Q_OBJECT
public:
    explicit ExperimentRunner(RunSession *session, QObject *parent = nullptr);

    // Empty when the plan can run with this configuration, else one line saying why: no
    // selected pattern uses the swept parameter, the profile ignores it (latency-ms with
    // zero), or a value is more clients than this machine holds (the session would cap it).
    static QString checkPlan(const RunConfig &config, const ExperimentPlan &plan);

    // Refused (notStarted, then finished) when checkPlan() says why.
    void start(RunConfig base, const ExperimentPlan &plan);
    void stop();
    bool isRunning() const { return m_running; }
    // What finished so far: the last finished step's run, its results carrying the trials
    // of their point, and the sweep's finished points. Final after finished().
    const RunData &result() const { return m_result; }
    const ExperimentPlan &plan() const { return m_plan; }
    int stepsDone() const { return m_step; }
    // The time left, estimated from the time so far and the requests done; -1 unknown.
    qint64 etaMs() const { return m_etaMs; }
    double fraction() const { return m_fraction; }

Q_SIGNALS:
    void stepStarted(int step, int steps, double value, int trial); // 0-based step and trial
    void progressChanged(double fraction, qint64 etaMs);
    void stepFinished(int step);
    void finished(); // ran out of steps, stopped, or a step could not start (notStarted before)
    // A step could not start (the server), or the plan cannot run here; finished() follows.
    void notStarted(const QString &reason);

private:
    void startStep();
    void onRunFinished();
    void onRunNotStarted(const QString &reason);
    void onProgress(int index, const Progress &progress);
    void closePoint();
    void finishStopped(); // keeps a point with some of its trials, then finish()
    void finish();
    double pointValue() const;

    RunSession *m_session;
    RunConfig m_base;
    ExperimentPlan m_plan;
    quint64 m_seed = 0;
    bool m_running = false;
    bool m_stopping = false;
    int m_step = 0; // steps finished
    QHash<QString, QList<TrialFigures>> m_trials; // the current point's, per pattern
    RunData m_lastRun; // the current point's last finished trial
    RunData m_result;
    QElapsedTimer m_clock;
    double m_fraction = 0;
    qint64 m_etaMs = -1;
};

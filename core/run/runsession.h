// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/progress.h"
#include "model/rundata.h"
#include "run/runner.h"
#include "run/servercontroller.h"

#include <QObject>
#include <optional>

// One owner for running: the run's configuration and its live RunData, the bundled server
// (started, reused, restarted when the run needs another profile or seed), the seed rule
// (resolveSeed), and a run waiting for the server. The desktop app's window and
// patternlab-cli both drive a RunSession and only show what it reports; tests drive it
// without any window.
class RunSession : public QObject
{
    Q_OBJECT
public:
    explicit RunSession(QObject *parent = nullptr);
    ~RunSession() override;

    Runner *runner() const { return m_runner; } // mode, child program, transports (tests)
    ServerController *server() const { return m_server; }

    // The run on screen: live while running, then final; or one set with setRun().
    const RunData &run() const { return m_run; }
    // Replaces the run on screen (an opened file); refused while running.
    bool setRun(RunData run);

    // Running, or waiting for the bundled server to start for a run.
    bool isRunning() const { return m_runner->isRunning() || m_pending.has_value(); }
    bool isWaitingForServer() const { return m_pending.has_value(); }

    // Runs config.patterns. With the bundled server the seed is resolved first and the
    // server (re)started when its profile or seed differ; the run begins once it is ready.
    void start(RunConfig config);
    // Ends a run (partial results kept) or cancels one waiting for the server.
    void stop();

    // The bundled server outside a run (the Server menu, the app's start-up). Refused while
    // running: a pattern never has its server swapped under it.
    void startServer(const ServerParams &params, std::optional<quint64> seed);
    void restartServer(const ServerParams &params, std::optional<quint64> seed);
    void stopServer();
    ServerParams serverParams() const { return m_serverParams; }
    std::optional<quint64> serverSeed() const { return m_serverSeed; }

    // The bundled server failed while a run used it (the run was stopped).
    bool serverDiedDuringRun() const { return m_serverDied; }

Q_SIGNALS:
    void waitingForServer(const ServerParams &params, quint64 seed);
    void runNotStarted(const QString &reason);
    void runStarted();
    void patternStarted(int index);
    void progressChanged(int index, const Progress &progress);
    void resultUpdated(int index);
    void patternFinished(int index);
    void runFinished();
    // After a preset's run: whether its lesson showed (Presets::check), before runFinished.
    void lessonChecked(bool shown, const QString &text);
    void serverStateChanged(ServerController::State state);
    void logLineAvailable(const QString &line);
    // Something the user should know that does not stop the run (a capped pool).
    void warningAvailable(const QString &line);

private:
    void begin(RunConfig config);
    void launchServer(const ServerParams &params, quint64 seed);
    void onServerStateChanged(ServerController::State state);
    void onPatternFinished(int index);
    void onRunnerFinished();

    ServerController *m_server = nullptr;
    Runner *m_runner = nullptr;
    RunData m_run;
    std::optional<RunConfig> m_pending; // waiting for the server
    ServerParams m_serverParams; // what the server was last started with
    std::optional<quint64> m_serverSeed;
    std::optional<std::pair<ServerParams, quint64>> m_restartWith; // start again once stopped
    bool m_serverDied = false;
};

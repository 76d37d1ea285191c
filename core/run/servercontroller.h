// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/runconfig.h"

#include <QObject>
#include <QProcess>
#include <QString>
#include <QUrl>

class ChildProcess;
class QNetworkAccessManager;
class QTimer;

// Starts, watches and stops the bundled Flask simulation server (server/server.py).
//
// Stopped -> Starting -> Ready, or -> Failed(reason). Ready means the server printed its
// READY line *and* answered /health: QProcess::started() only says exec worked. The server
// never outlives us (PR_SET_PDEATHSIG) and is stopped with SIGTERM, then SIGKILL after a
// grace period.
class ServerController : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Ready, Failed };
    Q_ENUM(State)

    explicit ServerController(QObject *parent = nullptr);
    ~ServerController() override;

    // PATTERNLAB_PYTHON, else python3 from PATH.
    static QString defaultPython();
    // PATTERNLAB_SERVER_SCRIPT, else server/server.py beside or above the executable, else
    // the source tree this was built from.
    static QString defaultScript();

    void setPython(const QString &python) { m_python = python; }
    void setScript(const QString &script) { m_script = script; }
    void setStartTimeoutMs(int ms) { m_startTimeoutMs = ms; }

    void start(const ServerParams &params, quint64 seed, int port = 0);
    void stop(int graceMs = 3000);
    // Blocking helpers for the headless CLI (runs a local event loop, bounded by timeouts).
    bool startAndWait(const ServerParams &params, quint64 seed, int port = 0);
    void stopAndWait(int graceMs = 3000);

    State state() const { return m_state; }
    QString failureReason() const { return m_failure; }
    QUrl baseUrl() const { return m_baseUrl; } // http://127.0.0.1:PORT
    QUrl dataUrl() const;
    QUrl resetUrl() const;
    int port() const { return m_baseUrl.port(); }
    QString profile() const { return m_params.profile; }
    qint64 processId() const;

Q_SIGNALS:
    void stateChanged(ServerController::State state);
    void ready(const QUrl &baseUrl);
    void failed(const QString &reason);
    void stopped();
    void logLineAvailable(const QString &line);

private:
    QStringList serverArguments(int port) const;
    QString resolvedPython() const;
    bool checkFiles(QString *reason) const;
    void launchServer();
    void onStdout();
    void onStderr(const QString &text);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void checkHealth();
    void fail(const QString &reason);
    void setState(State state);

    QString m_python;
    QString m_script;
    int m_startTimeoutMs = 15000;
    ServerParams m_params;
    quint64 m_seed = 0;
    State m_state = State::Stopped;
    QString m_failure;
    QUrl m_baseUrl;
    QByteArray m_stdoutBuffer;
    bool m_stopRequested = false;

    int m_port = 0;
    ChildProcess *m_probe = nullptr; // `python -c "import flask"`, before the server starts
    bool m_probeTimedOut = false;
    ChildProcess *m_process = nullptr;
    QTimer *m_startTimer = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
};

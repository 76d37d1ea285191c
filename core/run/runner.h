// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/progress.h"
#include "model/rundata.h"
#include "run/outputtail.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QUrl>
#include <functional>
#include <memory>

class ChildProcess;
class PatternExecution;
class ServerProbe;
class QTimer;
class Transport;
namespace EventStream {
class Parser;
}

// Runs the configured patterns one after another and fills a RunData live.
//
// ChildProcess mode (the product): each pattern runs in a fresh `patternlab-cli --run-one`
// process, so its memory, thread and CPU figures are its own; the Runner reads the child's
// event stream. InProcess mode (tests): the same PatternExecution runs on a thread here.
// Before each pattern the Runner can POST the server's /reset, so every pattern meets the
// same sequence of latencies and errors.
//
// The RunData belongs to the caller (RunSession, a test); the Runner only writes into it
// while running: a result is appended when its pattern starts and grows as samples arrive.
class Runner : public QObject
{
    Q_OBJECT
public:
    enum class Mode { ChildProcess, InProcess };
    using TransportFactory = std::function<std::unique_ptr<Transport>(const RunConfig &)>;

    explicit Runner(QObject *parent = nullptr);
    ~Runner() override;

    void setMode(Mode mode) { m_mode = mode; }
    void setChildProgram(const QString &program) { m_childProgram = program; }
    void setTransportFactory(TransportFactory factory) { m_transportFactory = std::move(factory); }
    // The bundled server (empty: an external one, left alone). Before each pattern the
    // Runner POSTs its /reset, which waits until it is idle; while the pattern runs and at
    // its end it reads /stats into the result (server, serverSeries).
    void setServerUrl(const QUrl &base);
    // How long Stop waits for a child to hand in its partial results before killing it.
    void setStopGraceMs(int ms) { m_stopGraceMs = ms; }

    // Runs run->config.patterns into run->results (cleared first). *run must stay alive
    // and untouched by others until runFinished().
    void start(RunData *run);
    void stop();
    // The bundled server died: stop, and do not count the current pattern's requests sent
    // after the death (they measure only its absence).
    void stopAfterServerDeath();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void patternStarted(int index); // run->results[index] exists from now on
    void progressChanged(int index, const Progress &progress);
    void resultUpdated(int index); // new samples or resource points arrived
    void patternFinished(int index); // final: outcome (failure in its text), figures, summary
    void runFinished();

private:
    void startNext();
    void resetServerThen(std::function<void()> next);
    void launchChild();
    void launchInProcess();
    void onChildOutput();
    void onChildFinished(int exitCode, QProcess::ExitStatus status);
    void onInProcessTick();
    void finishCurrent(PatternResult::Outcome outcome, const QString &failure);
    void completeCurrent();
    void onStatsTick();
    void recordStats(const QJsonObject &stats, bool final);
    int currentIndex() const { return int(m_run->results.size()) - 1; }
    PatternResult &current()
    {
        Q_ASSERT(m_run && !m_run->results.isEmpty());
        return m_run->results.last();
    }

    Mode m_mode = Mode::ChildProcess;
    QString m_childProgram;
    TransportFactory m_transportFactory;
    ServerProbe *m_probe = nullptr; // null without a bundled server
    QTimer *m_statsTimer = nullptr;
    QElapsedTimer m_patternClock; // parent-side stand-in for the pattern's clock
    int m_busyAtStart = 0;
    int m_stopGraceMs = 1000;
    static constexpr int ChildSilenceLimitMs = 20000;
    static constexpr int ResetWaitMs = 10000; // how long a reset waits for the server to go idle
    static constexpr int StatsIntervalMs = 250;
    bool m_childSilent = false;

    RunData *m_run = nullptr;
    int m_next = 0;
    bool m_running = false;
    bool m_stopping = false;
    int m_runId = 0;

    ChildProcess *m_child = nullptr;
    QTimer *m_childWatchdog = nullptr;
    std::int64_t m_lastProgressNs = 0; // the child's clock at its last progress event
    QElapsedTimer m_lastProgressAt;
    std::int64_t m_serverDeathNs = -1; // on the child's clock; -1: the server is alive
    std::unique_ptr<EventStream::Parser> m_parser;
    OutputTail m_streamErrors { 2000 }; // ERR lines and lines that did not parse
    std::unique_ptr<PatternExecution> m_execution;
    QTimer *m_tick = nullptr;
};

#pragma once

#include "run/outputtail.h"
#include "model/patternresult.h"
#include "model/runconfig.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QUrl>
#include <functional>
#include <memory>

class PatternExecution;
class QNetworkAccessManager;
class QTimer;
class Transport;
namespace EventStream {
class Parser;
}

// Runs the configured patterns one after another and reports them live.
//
// ChildProcess mode (the product): each pattern runs in a fresh `patternlab-cli --run-one`
// process, so its memory, thread and CPU figures are its own; the Runner reads the child's
// event stream. InProcess mode (tests): the same PatternExecution runs on a thread here.
// Before each pattern the Runner can POST the server's /reset, so every pattern meets the
// same sequence of latencies and errors.
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
    void setResetUrl(const QUrl &url) { m_resetUrl = url; }
    // How long Stop waits for a child to hand in its partial results before killing it.
    void setStopGraceMs(int ms) { m_stopGraceMs = ms; }

    void start(const RunConfig &config);
    void stop();
    bool isRunning() const { return m_running; }
    const QList<PatternResult> &results() const { return m_results; }

Q_SIGNALS:
    void patternStarted(const QString &id, int position, int count);
    void progressChanged(const QString &id, int completed, int total, int inFlight);
    void samplesAvailable(const QString &id, const std::vector<Sample> &samples);
    void resourcesAvailable(const QString &id, const std::vector<ResourcePoint> &points);
    void patternFinished(const PatternResult &result);
    void patternFailed(const QString &id, const QString &reason);
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
    PatternResult &current() { return m_results.last(); }

    Mode m_mode = Mode::ChildProcess;
    QString m_childProgram;
    TransportFactory m_transportFactory;
    QUrl m_resetUrl;
    int m_stopGraceMs = 1000;
    static constexpr int ChildSilenceLimitMs = 20000;
    bool m_childSilent = false;

    RunConfig m_config;
    QList<PatternResult> m_results;
    int m_next = 0;
    bool m_running = false;
    bool m_stopping = false;
    int m_runId = 0;

    QNetworkAccessManager *m_nam = nullptr;
    QProcess *m_child = nullptr;
    QTimer *m_childWatchdog = nullptr;
    std::unique_ptr<EventStream::Parser> m_parser;
    OutputTail m_childStderr { 2000 };
    std::unique_ptr<PatternExecution> m_execution;
    QTimer *m_tick = nullptr;
};

#include "run/runner.h"

#include "io/eventstream.h"
#include "run/patternexecution.h"
#include "patterns/registry.h"
#include "engine/transport.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

#include <signal.h>
#include <sys/prctl.h>

namespace {
bool hasCancelled(const std::vector<Sample> &samples)
{
    return std::any_of(samples.begin(), samples.end(), [](const Sample &s) { return !s.sent(); });
}
} // namespace

Runner::Runner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<PatternResult>();
    qRegisterMetaType<std::vector<Sample>>();
    qRegisterMetaType<std::vector<ResourcePoint>>();
}

Runner::~Runner()
{
    if (m_child) {
        m_child->disconnect(this);
        m_child->kill();
        m_child->waitForFinished(2000);
    }
    // m_execution's destructor stops and joins its pattern thread.
}

void Runner::start(const RunConfig &config)
{
    if (m_running)
        return;
    m_config = config;
    m_results.clear();
    m_next = 0;
    m_running = true;
    m_stopping = false;
    ++m_runId;
    startNext();
}

void Runner::stop()
{
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    if (m_child) {
        // SIGTERM asks the child to stop dispatching and hand in what it has; the grace
        // timer bounds how long we wait for that before the child is killed.
        m_child->terminate();
        QTimer::singleShot(m_stopGraceMs, m_child, [child = QPointer<QProcess>(m_child)] {
            if (child)
                child->kill();
        });
    }
    if (m_execution)
        m_execution->requestStop();
}

void Runner::startNext()
{
    if (m_stopping || m_next >= m_config.patterns.size()) {
        m_running = false;
        Q_EMIT runFinished();
        return;
    }
    const QString id = m_config.patterns.at(m_next++);
    PatternResult result;
    result.id = id;
    result.title = PatternRegistry::title(id);
    result.requests = m_config.requests;
    m_results.append(result);
    Q_EMIT patternStarted(id, m_next - 1, int(m_config.patterns.size()));
    resetServerThen([this] {
        if (m_stopping) { // stopped while the server was being reset
            finishCurrent(PatternResult::Outcome::Stopped, {});
            return;
        }
        if (m_mode == Mode::ChildProcess)
            launchChild();
        else
            launchInProcess();
    });
}

void Runner::resetServerThen(std::function<void()> next)
{
    if (m_resetUrl.isEmpty()) {
        next();
        return;
    }
    if (!m_nam) {
        m_nam = new QNetworkAccessManager(this);
        m_nam->setProxy(QNetworkProxy::NoProxy);
    }
    QNetworkRequest request(m_resetUrl);
    request.setTransferTimeout(5000);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_nam->post(request, QByteArray());
    // A failed reset is not fatal: the pattern's own requests will show a dead server.
    connect(reply, &QNetworkReply::finished, this, [reply, next = std::move(next), runId = m_runId, this] {
        reply->deleteLater();
        if (runId == m_runId)
            next();
    });
}

void Runner::launchChild()
{
    m_parser = std::make_unique<EventStream::Parser>();
    m_childStderr.clear();
    m_child = new QProcess(this);
    m_child->setProgram(m_childProgram);
    m_child->setArguments(m_config.childArguments(current().id));
    m_child->setProcessChannelMode(QProcess::SeparateChannels);
    m_child->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    connect(m_child, &QProcess::readyReadStandardOutput, this, &Runner::onChildOutput);
    connect(m_child, &QProcess::readyReadStandardError, this,
            [this] { m_childStderr.append(QString::fromUtf8(m_child->readAllStandardError())); });
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
    if (!batch.samples.empty()) {
        result.samples.insert(result.samples.end(), batch.samples.begin(), batch.samples.end());
        Q_EMIT samplesAvailable(result.id, batch.samples);
    }
    if (!batch.resources.empty()) {
        result.resourceSeries.insert(result.resourceSeries.end(), batch.resources.begin(), batch.resources.end());
        Q_EMIT resourcesAvailable(result.id, batch.resources);
    }
    result.notes.append(batch.notes);
    if (batch.progress) {
        const auto &p = *batch.progress;
        result.maxInFlight = int(p[2]);
        result.totalNs = p[3];
        Q_EMIT progressChanged(result.id, int(p[0]), result.requests, int(p[1]));
    }
    for (const QString &error : std::as_const(batch.errors))
        m_childStderr.append(error + QLatin1Char('\n'));
}

void Runner::onChildFinished(int exitCode, QProcess::ExitStatus status)
{
    onChildOutput();
    if (m_parser->doneSeen()) {
        PatternResult &result = current();
        result.totalNs = m_parser->totalNs();
        result.maxInFlight = m_parser->maxInFlight();
        result.resources = m_parser->usage();
        finishCurrent(hasCancelled(result.samples) ? PatternResult::Outcome::Stopped : PatternResult::Outcome::Finished,
                      {});
        return;
    }
    if (m_stopping) {
        finishCurrent(PatternResult::Outcome::Stopped, {});
        return;
    }
    const QString lastLine = m_childStderr.lastLine();
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
    std::unique_ptr<Transport> transport = m_transportFactory ? m_transportFactory(m_config) : nullptr;
    m_execution = std::make_unique<PatternExecution>(m_config, current().id, std::move(transport));
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
    const QString id = current().id;
    if (!update.samples.empty())
        Q_EMIT samplesAvailable(id, update.samples);
    if (!update.resources.empty())
        Q_EMIT resourcesAvailable(id, update.resources);
    Q_EMIT progressChanged(id, update.completed, current().requests, update.inFlight);
    if (!finished)
        return;
    m_tick->stop();
    PatternResult result = m_execution->result();
    m_execution.reset();
    current() = std::move(result);
    finishCurrent(current().outcome, {});
}

void Runner::finishCurrent(PatternResult::Outcome outcome, const QString &failure)
{
    if (m_child) {
        m_child->disconnect(this);
        m_child->deleteLater(); // the child has finished (or never started): nothing to wait for
        m_child = nullptr;
    }
    PatternResult &result = current();
    result.outcome = outcome;
    result.failure = failure;
    if (outcome == PatternResult::Outcome::Failed)
        Q_EMIT patternFailed(result.id, failure);
    Q_EMIT patternFinished(result);
    QTimer::singleShot(0, this, &Runner::startNext);
}

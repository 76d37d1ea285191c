// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "run/servercontroller.h"

#include "run/childprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTimer>

#ifndef PATTERNLAB_SOURCE_DIR
#define PATTERNLAB_SOURCE_DIR ""
#endif

ServerController::ServerController(QObject *parent)
    : QObject(parent), m_python(defaultPython()), m_script(defaultScript())
{ }

// m_probe and m_process are ChildProcesses: destroyed with us, they kill and reap what runs.
ServerController::~ServerController() = default;

QString ServerController::defaultPython()
{
    const QString fromEnv = qEnvironmentVariable("PATTERNLAB_PYTHON");
    return fromEnv.isEmpty() ? QStringLiteral("python3") : fromEnv;
}

QString ServerController::defaultScript()
{
    const QString fromEnv = qEnvironmentVariable("PATTERNLAB_SERVER_SCRIPT");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString appDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    QStringList candidates;
    if (!appDir.isEmpty()) {
        for (const char *relative : { "server/server.py", "../server/server.py", "../../server/server.py",
                                      "../share/patternlab/server/server.py" })
            candidates << QDir(appDir).filePath(QString::fromLatin1(relative));
    }
    candidates << QString::fromUtf8(PATTERNLAB_SOURCE_DIR "/server/server.py");
    for (const QString &candidate : std::as_const(candidates)) {
        if (QFileInfo(candidate).isFile())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return candidates.constLast();
}

QUrl ServerController::dataUrl() const
{
    QUrl url = m_baseUrl;
    url.setPath(QStringLiteral("/data"));
    return url;
}

QUrl ServerController::resetUrl() const
{
    QUrl url = m_baseUrl;
    url.setPath(QStringLiteral("/reset"));
    return url;
}

qint64 ServerController::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QStringList ServerController::serverArguments(int port) const
{
    QStringList args = { QStringLiteral("-u"),        m_script,
                         QStringLiteral("--host"),    QStringLiteral("127.0.0.1"),
                         QStringLiteral("--port"),    QString::number(port),
                         QStringLiteral("--profile"), m_params.profile,
                         QStringLiteral("--seed"),    QString::number(m_seed) };
    if (m_params.latencyMs >= 0)
        args << QStringLiteral("--latency-ms") << QString::number(m_params.latencyMs);
    if (m_params.errorRate >= 0)
        args << QStringLiteral("--error-rate") << QString::number(m_params.errorRate);
    if (m_params.capacity > 0)
        args << QStringLiteral("--capacity") << QString::number(m_params.capacity);
    if (m_params.maxQueue >= 0)
        args << QStringLiteral("--max-queue") << QString::number(m_params.maxQueue);
    for (const auto &[flag, value] :
         { std::pair { "--stall-every-s", m_params.stallEverySeconds }, std::pair { "--stall-ms", m_params.stallMs },
           std::pair { "--tail-ms", m_params.tailMs }, std::pair { "--tail-rate", m_params.tailRate },
           std::pair { "--token-ms", m_params.tokenMs } }) {
        if (value >= 0)
            args << QString::fromLatin1(flag) << QString::number(value, 'g', 12);
    }
    return args;
}

QString ServerController::resolvedPython() const
{
    return QFileInfo(m_python).isAbsolute() ? m_python : QStandardPaths::findExecutable(m_python);
}

bool ServerController::checkFiles(QString *reason) const
{
    const QString python = resolvedPython();
    if (python.isEmpty() || !QFileInfo(python).isExecutable()) {
        *reason = QStringLiteral("Python was not found ('%1'): apt-get install python3, or set PATTERNLAB_PYTHON")
                      .arg(m_python);
        return false;
    }
    if (!QFileInfo(m_script).isFile()) {
        *reason = QStringLiteral("the server script %1 is missing: set PATTERNLAB_SERVER_SCRIPT to server/server.py")
                      .arg(m_script);
        return false;
    }
    return true;
}

void ServerController::start(const ServerParams &params, quint64 seed, int port)
{
    if (m_process || m_probe)
        return; // starting or running already
    m_params = params;
    m_seed = seed;
    m_port = port;
    m_failure.clear();
    m_baseUrl.clear();
    m_stdoutBuffer.clear();
    m_stopRequested = false;
    setState(State::Starting);

    QString reason;
    if (!checkFiles(&reason)) {
        fail(reason);
        return;
    }
    // Does Flask import? Asked asynchronously: the interpreter takes ~0.3 s to answer, which
    // would freeze a window.
    const QString python = resolvedPython();
    m_probe = new ChildProcess(this);
    connect(m_probe, &QProcess::finished, this, [this, python](int exitCode, QProcess::ExitStatus status) {
        m_probe->deleteLater();
        m_probe = nullptr;
        if (m_state != State::Starting || m_stopRequested)
            return;
        if (status == QProcess::NormalExit && exitCode == 0)
            launchServer();
        else if (m_probeTimedOut)
            fail(QStringLiteral("%1 did not answer within 15 s (checking for Flask)").arg(python));
        else
            fail(QStringLiteral("Flask is not installed for %1: apt-get install python3-flask").arg(python));
    });
    connect(m_probe, &QProcess::errorOccurred, this, [this, python](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_probe->deleteLater();
        m_probe = nullptr;
        fail(QStringLiteral("could not run %1 (%2): apt-get install python3, or set PATTERNLAB_PYTHON")
                 .arg(python, QStringLiteral("failed to start")));
    });
    m_probeTimedOut = false;
    QTimer::singleShot(15000, m_probe, [this] {
        m_probeTimedOut = true;
        m_probe->kill();
    });
    m_probe->start(python, { QStringLiteral("-c"), QStringLiteral("import flask") });
}

void ServerController::launchServer()
{
    // Its own process group: a Ctrl+C in the terminal reaches us, and we stop the server in
    // order, instead of it dying under the patterns still running.
    m_process = new ChildProcess(this, ChildProcess::Group::Own);
    m_process->setProgram(m_python);
    m_process->setArguments(serverArguments(m_port));
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ServerController::onStdout);
    connect(m_process, &ChildProcess::stderrAvailable, this, &ServerController::onStderr);
    connect(m_process, &QProcess::finished, this, &ServerController::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        fail(QStringLiteral("could not run %1: %2").arg(m_python, m_process->errorString()));
        // No finished() follows a failed start: forget the process here so start() works again.
        m_process->deleteLater();
        m_process = nullptr;
        m_startTimer = nullptr;
    });

    m_startTimer = new QTimer(m_process);
    m_startTimer->setSingleShot(true);
    connect(m_startTimer, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("the server did not become ready within %1 s%2")
                 .arg(m_startTimeoutMs / 1000)
                 .arg(m_process->stderrTail().isEmpty() ? QString()
                                                        : QStringLiteral(": ") + m_process->stderrTail().lastLine()));
    });
    m_startTimer->start(m_startTimeoutMs);
    m_process->start();
}

void ServerController::onStdout()
{
    m_stdoutBuffer += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_stdoutBuffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_stdoutBuffer.left(newline)).trimmed();
        m_stdoutBuffer.remove(0, newline + 1);
        Q_EMIT logLineAvailable(line);
        if (m_state == State::Starting && line.startsWith(QLatin1String("READY "))) {
            const QUrl url(line.mid(6), QUrl::StrictMode);
            if (!url.isValid() || url.port() <= 0) {
                fail(QStringLiteral("the server printed a READY line without a usable URL: ") + line);
                return;
            }
            m_baseUrl = url.adjusted(QUrl::RemovePath);
            checkHealth();
        }
    }
}

void ServerController::onStderr(const QString &text)
{
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        Q_EMIT logLineAvailable(line);
}

void ServerController::checkHealth()
{
    if (!m_nam) {
        m_nam = new QNetworkAccessManager(this);
        m_nam->setProxy(QNetworkProxy::NoProxy);
    }
    QUrl health = m_baseUrl;
    health.setPath(QStringLiteral("/health"));
    QNetworkRequest request(health);
    request.setTransferTimeout(3000);
    QNetworkReply *reply = m_nam->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (m_state != State::Starting)
            return;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
            m_startTimer->stop();
            setState(State::Ready);
            Q_EMIT ready(m_baseUrl);
        } else {
            // Not answering yet: try again shortly; the start timer bounds the retries.
            QTimer::singleShot(100, this, [this] {
                if (m_state == State::Starting)
                    checkHealth();
            });
        }
    });
}

void ServerController::onFinished(int exitCode, QProcess::ExitStatus status)
{
    const QString detail = m_process->stderrTail().lastLine();
    m_process->deleteLater();
    m_process = nullptr;
    m_startTimer = nullptr; // a child of the process
    if (m_stopRequested) {
        if (m_state != State::Failed) {
            setState(State::Stopped);
            Q_EMIT stopped();
        }
        return;
    }
    const QString how = status == QProcess::CrashExit ? QStringLiteral("crashed")
                                                      : QStringLiteral("exited with code %1").arg(exitCode);
    const QString when = m_state == State::Starting ? QStringLiteral("while starting") : QStringLiteral("unexpectedly");
    fail(QStringLiteral("the server %1 %2%3")
             .arg(how, when, detail.isEmpty() ? QString() : QStringLiteral(": ") + detail));
}

void ServerController::fail(const QString &reason)
{
    if (m_state == State::Failed)
        return;
    m_failure = reason;
    if (m_probe)
        m_probe->kill(); // its finished() sees the state and does nothing
    if (m_process) {
        m_stopRequested = true;
        m_process->kill();
    }
    setState(State::Failed);
    Q_EMIT failed(reason);
}

void ServerController::stop(int graceMs)
{
    if (m_probe) { // still checking for Flask: nothing runs yet
        m_stopRequested = true;
        m_probe->kill();
        setState(State::Stopped);
        Q_EMIT stopped();
        return;
    }
    if (!m_process) {
        if (m_state != State::Failed)
            setState(State::Stopped);
        return;
    }
    m_stopRequested = true;
    m_process->stop(graceMs);
}

bool ServerController::startAndWait(const ServerParams &params, quint64 seed, int port)
{
    start(params, seed, port);
    if (m_state == State::Starting) {
        QEventLoop loop;
        connect(this, &ServerController::stateChanged, &loop, [&loop](State state) {
            if (state != State::Starting)
                loop.quit();
        });
        loop.exec(); // bounded by the start timer
    }
    return m_state == State::Ready;
}

void ServerController::stopAndWait(int graceMs)
{
    if (m_probe)
        stop(graceMs);
    if (!m_process)
        return;
    m_stopRequested = true;
    m_process->stopAndWait(graceMs);
}

void ServerController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

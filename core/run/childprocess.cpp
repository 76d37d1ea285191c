// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "run/childprocess.h"

#include <QTimer>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

ChildProcess::ChildProcess(QObject *parent, Group group) : QProcess(parent)
{
    setProcessChannelMode(QProcess::SeparateChannels);
    if (group == Group::Own) {
        setChildProcessModifier([] {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            ::setpgid(0, 0);
        });
    } else {
        setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    }
    connect(this, &QProcess::readyReadStandardError, this, &ChildProcess::readStderr);
    // Connected first, so whoever handles finished() finds the last words in stderrTail().
    connect(this, &QProcess::finished, this, &ChildProcess::readStderr);
}

ChildProcess::~ChildProcess()
{
    if (state() != QProcess::NotRunning) {
        disconnect(this, nullptr, nullptr, nullptr); // nobody hears about a child we reap here
        kill();
        waitForFinished(2000);
    }
}

void ChildProcess::stop(int graceMs)
{
    if (state() == QProcess::NotRunning)
        return;
    terminate();
    QTimer::singleShot(graceMs, this, [this] {
        if (state() != QProcess::NotRunning)
            kill();
    });
}

void ChildProcess::stopAndWait(int graceMs)
{
    if (state() == QProcess::NotRunning)
        return;
    terminate();
    if (!waitForFinished(graceMs)) {
        kill();
        waitForFinished(2000);
    }
}

void ChildProcess::readStderr()
{
    const QString text = QString::fromUtf8(readAllStandardError());
    if (text.isEmpty())
        return;
    m_stderr.append(text);
    Q_EMIT stderrAvailable(text);
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "run/outputtail.h"

#include <QProcess>

// A child process of ours (a pattern's measuring child, the bundled server, the chart
// renderer), with the rules every one of them needs:
// - it never outlives us: PR_SET_PDEATHSIG kills it if we die, even by SIGKILL;
// - optionally in its own process group, so a Ctrl+C in the terminal reaches only us and we
//   stop it in order;
// - stop() asks politely (SIGTERM) and kills (SIGKILL) after a grace period; the destructor
//   kills and reaps a child still running;
// - the tail of its stderr is kept to explain a failure in one line.
class ChildProcess : public QProcess
{
    Q_OBJECT
public:
    enum class Group { Ours, Own };

    explicit ChildProcess(QObject *parent = nullptr, Group group = Group::Ours);
    ~ChildProcess() override;

    // SIGTERM now, SIGKILL after graceMs if it is still running. Returns at once.
    void stop(int graceMs);
    // The same, waiting for the end (bounded: graceMs plus 2 s for the kill).
    void stopAndWait(int graceMs);

    const OutputTail &stderrTail() const { return m_stderr; }

Q_SIGNALS:
    // What the child wrote to stderr since the last time (also kept in stderrTail()).
    void stderrAvailable(const QString &text);

private:
    void readStderr();

    OutputTail m_stderr { 4000 };
};

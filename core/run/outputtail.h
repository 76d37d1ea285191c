// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QString>
#include <QStringList>

// The last few KB of a child process's diagnostics, kept to explain why it failed.
class OutputTail
{
public:
    explicit OutputTail(qsizetype capacity = 4000) : m_capacity(capacity) { }

    void append(const QString &text) { m_text = QString(m_text + text).right(m_capacity); }
    void clear() { m_text.clear(); }
    bool isEmpty() const { return m_text.trimmed().isEmpty(); }
    const QString &text() const { return m_text; }

    // The last non-empty line, trimmed; empty if there is none.
    static QString lastLine(const QString &text)
    {
        const QStringList lines = text.trimmed().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return lines.isEmpty() ? QString() : lines.constLast().trimmed();
    }
    QString lastLine() const { return lastLine(m_text); }

private:
    qsizetype m_capacity;
    QString m_text;
};

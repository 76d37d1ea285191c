// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterninfo.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTextBrowser;
class QUrl;

// The classroom pane for one pattern: what it does, the Go original's idea, what to look for
// in the charts (resources/patterns/ID.html) and the code that runs, extracted from
// core/patterns/ID.cpp at build time. Links <a href="step:NAME"> in the text highlight that
// step's lines in the code.
class PatternPane : public QWidget
{
    Q_OBJECT
public:
    explicit PatternPane(QWidget *parent = nullptr);

    void setPattern(const QString &patternId);
    QString pattern() const { return m_id; }

    // Highlights and scrolls to a step of the code; false if the code has no such step.
    bool showStep(const QString &name);
    QString shownStep() const { return m_step; }
    const QList<PatternInfo::Step> &steps() const { return m_steps; }

private:
    void onLinkClicked(const QUrl &url);

    QString m_id;
    QString m_step;
    QList<PatternInfo::Step> m_steps;
    QLabel *m_title = nullptr;
    QTextBrowser *m_text = nullptr;
    QPlainTextEdit *m_code = nullptr;
};

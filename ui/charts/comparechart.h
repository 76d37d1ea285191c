// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/rundata.h"
#include "paintedchart.h"

// Saved runs overlaid (File > Compare): per pattern one bar per run for total time,
// throughput and p99 (medians with 95% error bars where the run has trials), and the latency
// percentile curves of every run and pattern on one log axis (colour: the pattern; line
// style: the run). Typical use: engine qt against curl, a pool of 15 against 50, before and
// after a server change.
class CompareChart : public PaintedChart
{
    Q_OBJECT
public:
    explicit CompareChart(QWidget *parent = nullptr);

    QString title() const override { return tr("Compared runs"); }
    QString exportName() const override { return QStringLiteral("compare"); }
    void setRun(const RunData &run) override { setRuns({ run }, { QStringLiteral("run") }); }
    void setRuns(const QList<RunData> &runs, const QStringList &labels);
    QImage renderImage(const RunData &run, const QSize &size) const override;
    // The compared runs at exactly `size` pixels (an offscreen copy).
    QImage renderRuns(const QSize &size) const;

    static QColor runColor(int index);
    static Qt::PenStyle runPenStyle(int index);

protected:
    void paintChart(QPainter &painter, const QRect &area) override;

private:
    void paintBars(QPainter &painter, const QRect &cell, int metric);
    void paintPercentiles(QPainter &painter, const QRect &cell);
    QStringList patternIds() const;

    QList<RunData> m_runs; // figures only (no samples)
    QStringList m_labels;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/rundata.h"
#include "paintedchart.h"

// Where the time went: for each pattern, the mean latency of its answered requests split into
// what the server said it spent (waiting for a capacity slot, in service; its Server-Timing
// header) and the rest (the client and the network), as shares of one bar; with the server's
// own view below (busiest moment, shed, CPU) and a plain warning when the server or the
// client was saturated, so a class knows whose limit it is looking at.
class TimeChart : public PaintedChart
{
    Q_OBJECT
public:
    explicit TimeChart(QWidget *parent = nullptr);

    QString title() const override { return tr("Where the time went"); }
    QString exportName() const override { return QStringLiteral("time"); }
    void setRun(const RunData &run) override;
    QImage renderImage(const RunData &run, const QSize &size) const override
    {
        return renderCopy<TimeChart>(run, size, font());
    }

    // Mean milliseconds per answered request that reported the server's timing.
    struct Split
    {
        int requests = 0; // answers with Server-Timing
        double totalMs = 0;
        double queueMs = 0;
        double serviceMs = 0;
        double clientMs() const { return std::max(0.0, totalMs - queueMs - serviceMs); }
    };
    static Split split(const PatternResult &result);

protected:
    void paintChart(QPainter &painter, const QRect &area) override;

private:
    struct Row
    {
        QString id;
        Split split;
        QString serverLine; // the server's view, one line
        QString warning; // Presets::saturation, empty when none
        bool failed = false;
    };
    QList<Row> m_rows;
};

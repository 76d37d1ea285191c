// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/experimentstats.h"
#include "model/rundata.h"
#include "paintedchart.h"

// The patterns side by side, one cell per figure and one row per pattern in every cell, so a
// value label never meets another: total time (with the ideal time for the pattern's
// concurrency), throughput (with the server's ceiling), latency p50/p95/p99 on a log axis,
// errors split by kind, peak memory and peak threads (log when one pattern dwarfs the rest).
// Each cell says whether lower or higher is better. With repeated trials the bars are the
// medians, with their 95% intervals as error bars.
class ComparisonChart : public PaintedChart
{
    Q_OBJECT
public:
    explicit ComparisonChart(QWidget *parent = nullptr);

    QString title() const override { return tr("Comparison"); }
    QString exportName() const override { return QStringLiteral("comparison"); }
    void setRun(const RunData &run) override;
    QImage renderImage(const RunData &run, const QSize &size) const override
    {
        return renderCopy<ComparisonChart>(run, size, font());
    }

    // The kinds of error the Errors cell tells apart, in its stacking order.
    enum class ErrorClass { ServerError, Shed, Timeout, Connection, Client, Cancelled, Count };
    static QString errorClassName(ErrorClass kind);
    static QColor errorClassColor(ErrorClass kind);
    // Requests of one pattern per class, from its summary (works for contract-only files).
    static std::array<int, int(ErrorClass::Count)> errorsByClass(const PatternSummary &summary);
    // The server's mean service time over the answers that reported it (Server-Timing), else
    // the fixed profile's latency; -1 when unknown.
    static double serviceMs(const RunData &run);
    // The time the pattern would take if only the server's service time counted: N x
    // service / the requests it can have in service at once; 0 when unknown.
    static double idealTimeS(const RunData &run, qsizetype index, double serviceMs);
    // The server's throughput ceiling: capacity / service time; 0 when unknown.
    static double serverCeilingRps(const RunData &run, double serviceMs);

protected:
    void paintChart(QPainter &painter, const QRect &area) override;

private:
    enum Metric { TotalTime, Throughput, Latency, Errors, PeakRss, PeakThreads, MetricCount };
    void paintCell(QPainter &painter, const QRect &cell, Metric metric);
    static QString tickLabel(double value);
    // The 95% interval of a repeated pattern's median (2 or more trials) for a metric with one.
    std::optional<ExperimentStats::Interval> interval(qsizetype index, Metric metric) const;

    RunData m_run; // figures only: the samples are dropped once serviceMs is known
    double m_serviceMs = -1;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "chartpanel.h"

class QChartView;
class QGridLayout;
class QLabel;

// Side-by-side bars, one colour per pattern: total time, throughput, p50/p95/p99 latency,
// error %, peak RSS and peak threads.
class ComparisonChart : public ChartPanel
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

private:
    enum Metric { TotalTime, Throughput, Latency, ErrorPercent, PeakRss, PeakThreads, MetricCount };
    QLabel *m_legend = nullptr;
    QChartView *m_views[MetricCount] = {};
};

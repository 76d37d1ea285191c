// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "chartpanel.h"

class QAbstractSeries;
class QChart;

// The latency distribution of every pattern, overlaid: a histogram on log-spaced bins
// (share of requests per bin) and the percentile curve (latency at 50%, 90%, 99%, 99.9% ...
// on a log "nines" scale). Percentiles are nearest rank, as everywhere.
class LatencyChart : public ChartPanel
{
    Q_OBJECT
public:
    explicit LatencyChart(QWidget *parent = nullptr);

    QString title() const override { return tr("Latency distribution"); }
    QString exportName() const override { return QStringLiteral("latency"); }
    void setRun(const RunData &run) override;
    QImage renderImage(const RunData &run, const QSize &size) const override
    {
        return renderCopy<LatencyChart>(run, size, font());
    }

private:
    QChart *m_histogram = nullptr;
    QChart *m_percentiles = nullptr;
    QList<QAbstractSeries *> m_gaps; // built in setRun, handed to m_percentiles there
};

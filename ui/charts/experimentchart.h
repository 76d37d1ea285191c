// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/experiment.h"
#include "paintedchart.h"

// A sweep's answer to "where does it stop scaling": throughput against the swept parameter
// with the Universal Scalability Law fitted over it (concurrency sweeps), and p99 against
// throughput (the hockey stick), one colour per pattern, the knee marked on both. Under the
// cells, per pattern, the fit and its quality, and every point where Little's law does not
// hold (in flight as sampled vs throughput x mean latency, > 10% apart). Repeated trials
// give the points 95% error bars.
class ExperimentChart : public PaintedChart
{
    Q_OBJECT
public:
    explicit ExperimentChart(QWidget *parent = nullptr);

    QString title() const override { return tr("Experiments"); }
    QString exportName() const override { return QStringLiteral("experiments"); }
    void setRun(const RunData &run) override;
    QImage renderImage(const RunData &run, const QSize &size) const override
    {
        return renderCopy<ExperimentChart>(run, size, font());
    }

    // One line per pattern: knee, USL fit (or why none), Little's law.
    QStringList fitLines() const;

protected:
    void paintChart(QPainter &painter, const QRect &area) override;

private:
    struct Curve
    {
        QString id;
        QList<double> x; // the parameter
        QList<TrialFigures> median;
        QList<std::optional<ExperimentStats::Interval>> throughputCi;
        QList<std::optional<ExperimentStats::Interval>> p99Ci;
        QList<std::optional<ExperimentStats::LittleCheck>> little;
        Experiments::Fit fit;
        bool usesParam = true;
    };
    enum class Plot { ThroughputByParam, P99ByThroughput };
    void paintPlot(QPainter &painter, const QRect &cell, Plot plot);

    Sweep m_sweep;
    QList<Curve> m_curves;
};

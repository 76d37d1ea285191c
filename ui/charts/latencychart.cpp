// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "latencychart.h"

#include "model/rundata.h"
#include "patterncolors.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <cmath>

namespace {
constexpr double kMinMs = 1e-3; // log axes need > 0; 1 µs is below anything we measure

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

QPen patternPen(const QString &id)
{
    QPen pen(PatternColors::color(id));
    pen.setWidthF(2.2);
    return pen;
}

double decadeFloor(double v)
{
    return std::pow(10.0, std::floor(std::log10(std::max(v, kMinMs))));
}

double decadeCeil(double v)
{
    return std::pow(10.0, std::ceil(std::log10(std::max(v, kMinMs * 10))));
}
} // namespace

LatencyChart::LatencyChart(QWidget *parent) : ChartPanel(parent)
{
    m_histogram = makeChart(tr("Latency histogram"));
    m_percentiles = makeChart(tr("Latency by percentile"));
    // Room for the last percentile label, which sits on the right edge.
    m_percentiles->setMargins(QMargins(6, 6, 28, 6));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(makeView(m_histogram));
    layout->addWidget(makeView(m_percentiles));
    applyFonts();
}

void LatencyChart::setRun(const RunData &run)
{
    clearChart(m_histogram);
    clearChart(m_percentiles);

    // Histogram: each pattern's own log bins, drawn as a step line so they overlay.
    double xMin = std::numeric_limits<double>::max();
    double xMax = 0;
    double shareMax = 0;
    QList<QLineSeries *> histogramSeries;
    for (const PatternResult &r : run.results) {
        const Stats::Histogram h = Stats::latencyHistogram(r.samples, 40);
        if (h.counts.isEmpty())
            continue;
        int total = 0;
        for (int c : h.counts)
            total += c;
        auto *series = new QLineSeries;
        series->setName(seriesName(r));
        series->setPen(patternPen(r.id));
        QList<QPointF> points;
        points.reserve(h.counts.size() * 2 + 2);
        points.append({ std::max(h.edgesMs.first(), kMinMs), 0 });
        for (qsizetype i = 0; i < h.counts.size(); ++i) {
            const double share = total ? 100.0 * h.counts.at(i) / total : 0;
            points.append({ std::max(h.edgesMs.at(i), kMinMs), share });
            points.append({ std::max(h.edgesMs.at(i + 1), kMinMs), share });
            shareMax = std::max(shareMax, share);
        }
        points.append({ std::max(h.edgesMs.last(), kMinMs), 0 });
        series->replace(points);
        xMin = std::min(xMin, std::max(h.edgesMs.first(), kMinMs));
        xMax = std::max(xMax, h.edgesMs.last());
        histogramSeries.append(series);
    }
    auto *hx = new QLogValueAxis;
    hx->setTitleText(tr("latency (ms, log scale)"));
    hx->setLabelFormat(QStringLiteral("%g"));
    hx->setRange(histogramSeries.isEmpty() ? 0.01 : decadeFloor(xMin),
                 histogramSeries.isEmpty() ? 1000 : decadeCeil(xMax));
    auto *hy = new QValueAxis;
    hy->setTitleText(tr("% of requests"));
    hy->setRange(0, shareMax > 0 ? shareMax * 1.1 : 1);
    hy->applyNiceNumbers();
    if (hy->max() > 100) { // a share: never above all of them
        hy->setRange(0, 100);
        hy->setTickCount(5);
    }
    m_histogram->addAxis(hx, Qt::AlignBottom);
    m_histogram->addAxis(hy, Qt::AlignLeft);
    for (QLineSeries *series : std::as_const(histogramSeries)) {
        m_histogram->addSeries(series);
        series->attachAxis(hx);
        series->attachAxis(hy);
    }

    // Percentile curve on a "nines" axis: x = -log10(1 - p/100), so 90% is 1, 99% is 2.
    double yMin = std::numeric_limits<double>::max();
    double yMax = 0;
    double ninesMax = 1;
    QList<QLineSeries *> curveSeries;
    for (const PatternResult &r : run.results) {
        std::size_t sent = 0;
        for (const Sample &s : r.samples)
            sent += s.sent() ? 1 : 0;
        if (sent == 0)
            continue;
        // Beyond 1/n the curve only repeats the maximum.
        const double nines = std::clamp(std::log10(double(sent)), 1.0, 5.0);
        ninesMax = std::max(ninesMax, nines);
        QList<double> percentiles;
        constexpr int steps = 200;
        for (int k = 0; k <= steps; ++k) {
            const double x = nines * k / steps;
            percentiles.append(std::clamp(100.0 * (1.0 - std::pow(10.0, -x)), 0.01, 100.0));
        }
        const QList<QPair<double, double>> curve = Stats::percentileCurve(r.samples, percentiles);
        QList<QPointF> points;
        points.reserve(curve.size());
        for (const auto &[p, latency] : curve) {
            const double x = p >= 100.0 ? nines : -std::log10(1.0 - p / 100.0);
            const double y = std::max(latency, kMinMs);
            points.append({ x, y });
            yMin = std::min(yMin, y);
            yMax = std::max(yMax, y);
        }
        auto *series = new QLineSeries;
        series->setName(seriesName(r));
        series->setPen(patternPen(r.id));
        series->replace(points);
        curveSeries.append(series);

        // The open model: the same requests measured from their planned start, what a user in
        // line waits. The shaded gap between the two curves is the wait the schedule caused.
        if (Stats::hasIntendedStarts(r.samples)) {
            QList<QPointF> intended;
            const auto fromIntended = Stats::percentileCurve(r.samples, percentiles, Stats::Latency::FromIntendedStart);
            for (qsizetype k = 0; k < fromIntended.size(); ++k) {
                const double y = std::max(fromIntended[k].second, kMinMs);
                intended.append({ points[k].x(), y });
                yMax = std::max(yMax, y);
            }
            auto *upper = new QLineSeries;
            upper->setName(seriesName(r) + tr(" + wait in line")); // from the planned start
            QPen dashed = patternPen(r.id);
            dashed.setStyle(Qt::DashLine);
            upper->setPen(dashed);
            upper->replace(intended);
            auto *lowerCopy = new QLineSeries;
            lowerCopy->replace(points);
            auto *upperCopy = new QLineSeries;
            upperCopy->replace(intended);
            auto *gap = new QAreaSeries(upperCopy, lowerCopy);
            gap->setName(tr("waiting caused by the schedule"));
            QColor fill = PatternColors::color(r.id);
            fill.setAlpha(60);
            gap->setBrush(fill);
            gap->setPen(Qt::NoPen);
            curveSeries.append(upper);
            m_gaps.append(gap);
        }
    }
    auto *px = new QCategoryAxis;
    px->setTitleText(tr("percentile"));
    px->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const QStringList labels = { QStringLiteral("0%"),    QStringLiteral("90%"),    QStringLiteral("99%"),
                                 QStringLiteral("99.9%"), QStringLiteral("99.99%"), QStringLiteral("99.999%") };
    const int maxLabel = int(std::ceil(ninesMax));
    for (int i = 0; i <= maxLabel && i < labels.size(); ++i)
        px->append(labels.at(i), i);
    px->setRange(0, maxLabel);
    auto *py = new QLogValueAxis;
    py->setTitleText(tr("latency (ms, log scale)"));
    py->setLabelFormat(QStringLiteral("%g"));
    py->setRange(curveSeries.isEmpty() ? 0.01 : decadeFloor(yMin), curveSeries.isEmpty() ? 1000 : decadeCeil(yMax));
    m_percentiles->addAxis(px, Qt::AlignBottom);
    m_percentiles->addAxis(py, Qt::AlignLeft);
    for (QAbstractSeries *series : std::as_const(m_gaps)) {
        m_percentiles->addSeries(series);
        series->attachAxis(px);
        series->attachAxis(py);
    }
    for (QAbstractSeries *series : std::as_const(m_gaps)) {
        for (QLegendMarker *marker : m_percentiles->legend()->markers(series))
            marker->setVisible(false); // the dashed curve's legend says it; the shade needs none
    }
    m_gaps.clear(); // owned by the chart now
    for (QLineSeries *series : std::as_const(curveSeries)) {
        m_percentiles->addSeries(series);
        series->attachAxis(px);
        series->attachAxis(py);
    }
    applyFonts();
}

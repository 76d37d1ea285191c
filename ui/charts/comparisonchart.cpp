// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "comparisonchart.h"

#include "model/rundata.h"
#include "patterncolors.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLabel>
#include <QLegend>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

ComparisonChart::ComparisonChart(QWidget *parent) : ChartPanel(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_legend = new QLabel(this);
    m_legend->setAlignment(Qt::AlignCenter);
    m_legend->setTextFormat(Qt::RichText);
    layout->addWidget(m_legend);
    auto *grid = new QGridLayout;
    grid->setSpacing(2);
    for (int m = 0; m < MetricCount; ++m) {
        m_views[m] = makeView(makeChart(QString()));
        grid->addWidget(m_views[m], m / 3, m % 3);
    }
    layout->addLayout(grid, 1);
    setRun(RunData {});
}

namespace {
// Three significant digits for the value labels (Qt's precision would switch to 1.01e+03).
double labelValue(double v)
{
    if (v == 0 || std::abs(v) >= 100)
        return std::round(v);
    const double scale = std::pow(10.0, 2 - std::floor(std::log10(std::abs(v))));
    return std::round(v * scale) / scale;
}
} // namespace

void ComparisonChart::setRun(const RunData &run)
{
    QStringList legend;
    for (const PatternResult &r : run.results) {
        legend << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                      .arg(PatternColors::color(r.id).name(), (r.title.isEmpty() ? r.id : r.title).toHtmlEscaped());
    }
    m_legend->setText(legend.join(QStringLiteral("&nbsp;&nbsp;&nbsp;")));

    const QString titles[MetricCount]
        = { tr("Total time (s)"),         tr("Throughput (req/s)"),     tr("Latency percentiles (ms)"),
            tr("Errors (% of requests)"), tr("Peak memory, RSS (MiB)"), tr("Peak threads") };
    for (int m = 0; m < MetricCount; ++m) {
        // A fresh chart each time: re-filling a chart whose legend is hidden leaves stray
        // legend items behind in Qt Charts 6.4.
        QChart *chart = makeChart(titles[m]);
        chart->legend()->hide();
        QChart *old = m_views[m]->chart();
        m_views[m]->setChart(chart);
        delete old;
        auto *series = new QBarSeries;
        // Value labels, unless grouped bars would make them overlap.
        series->setLabelsVisible(m != Latency || run.results.size() <= 2);
        series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
        series->setLabelsPrecision(6);
        QStringList categories;
        if (m == Latency)
            categories = { QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("p99") };
        else
            categories = { QStringLiteral(" ") };
        double maxValue = 0;
        for (qsizetype i = 0; i < run.results.size(); ++i) {
            const PatternResult &r = run.results.at(i);
            const PatternSummary &s = run.summaries.at(i);
            auto *set = new QBarSet(r.title.isEmpty() ? r.id : r.title);
            set->setColor(PatternColors::color(r.id));
            set->setBorderColor(PatternColors::color(r.id).darker(130));
            set->setLabelColor(QColor(0x20, 0x20, 0x20));
            QList<double> values;
            switch (Metric(m)) {
            case TotalTime:
                values = { s.totalTimeS };
                break;
            case Throughput:
                values = { s.throughputRps };
                break;
            case Latency:
                values = { s.latencyMs.p50, s.latencyMs.p95, s.latencyMs.p99 };
                break;
            case ErrorPercent:
                values = { s.errorPercent() };
                break;
            case PeakRss:
                values = { double(r.resources.peakRssBytes) / (1024.0 * 1024.0) };
                break;
            case PeakThreads:
                values = { double(r.resources.threadsPeak) };
                break;
            case MetricCount:
                break;
            }
            for (double v : std::as_const(values)) {
                set->append(labelValue(v));
                maxValue = std::max(maxValue, v);
            }
            series->append(set);
        }
        chart->addSeries(series);
        auto *x = new QBarCategoryAxis;
        x->append(categories);
        auto *y = new QValueAxis;
        // Head room for the value labels above the bars.
        y->setRange(0, maxValue > 0 ? maxValue * 1.18 : 1);
        y->applyNiceNumbers();
        y->setLabelFormat(maxValue >= 100 ? QStringLiteral("%.0f") : QStringLiteral("%.3g"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    applyFonts();
}

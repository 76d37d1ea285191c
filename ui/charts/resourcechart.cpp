// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "resourcechart.h"

#include "decimate.h"
#include "model/rundata.h"
#include "patterncolors.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QVBoxLayout>

#include <QValueAxis>
#include <cmath>

namespace {
void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}
} // namespace

ResourceChart::ResourceChart(QWidget *parent) : ChartPanel(parent)
{
    m_rss = makeChart(tr("Memory (RSS, MiB)"));
    m_threads = makeChart(tr("Threads"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(makeView(m_rss));
    layout->addWidget(makeView(m_threads));
    applyFonts();
}

void ResourceChart::setRun(const RunData &run)
{
    clearChart(m_rss);
    clearChart(m_threads);
    const int buckets = std::max(400, width() * 2);
    double tMax = 0.001;
    double rssMax = 1;
    double threadsMax = 1;
    double rssMin = 1e300; // each pattern's peak: a log axis when one dwarfs the others
    double threadsMin = 1e300;
    QList<QLineSeries *> rssSeries;
    QList<QLineSeries *> threadSeries;
    for (const PatternResult &r : run.results) {
        if (r.resourceSeries.empty())
            continue;
        QList<QPointF> rss;
        QList<QPointF> threads;
        rss.reserve(qsizetype(r.resourceSeries.size()));
        threads.reserve(qsizetype(r.resourceSeries.size()));
        for (const ResourcePoint &p : r.resourceSeries) {
            const double t = double(p.tNs) / 1e9;
            rss.append({ t, double(p.rssBytes) / (1024.0 * 1024.0) });
            threads.append({ t, double(p.threads) });
            tMax = std::max(tMax, t);
            rssMax = std::max(rssMax, rss.last().y());
            threadsMax = std::max(threadsMax, threads.last().y());
        }
        double rssPeak = 0, threadsPeak = 0;
        for (const QPointF &p : std::as_const(rss))
            rssPeak = std::max(rssPeak, p.y());
        for (const QPointF &p : std::as_const(threads))
            threadsPeak = std::max(threadsPeak, p.y());
        rssMin = std::min(rssMin, std::max(rssPeak, 1.0));
        threadsMin = std::min(threadsMin, std::max(threadsPeak, 1.0));
        const auto sortByX = [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); };
        std::sort(rss.begin(), rss.end(), sortByX);
        std::sort(threads.begin(), threads.end(), sortByX);
        QPen pen(PatternColors::color(r.id));
        pen.setWidthF(2);
        const QString name = seriesName(r);
        auto *a = new QLineSeries;
        a->setName(name);
        a->setPen(pen);
        a->replace(Decimate::minMax(rss, buckets));
        rssSeries.append(a);
        auto *b = new QLineSeries;
        b->setName(name);
        b->setPen(pen);
        b->replace(Decimate::minMax(threads, buckets));
        threadSeries.append(b);
    }
    const auto addAxes
        = [&](QChart *chart, const QList<QLineSeries *> &series, double yMin, double yMax, const QString &yTitle) {
              auto *x = new QValueAxis;
              x->setTitleText(tr("time since the pattern started (s), one scale for all"));
              x->setRange(0, tMax);
              QAbstractAxis *y = nullptr;
              if (yMin < 1e300 && yMax / yMin > 30) {
                  // One pattern dwarfs the rest (thousands of threads against a few): log scale.
                  auto *log = new QLogValueAxis;
                  log->setBase(10);
                  log->setRange(std::pow(10.0, std::floor(std::log10(std::max(0.5, yMin / 2)))),
                                std::pow(10.0, std::ceil(std::log10(yMax * 1.1))));
                  log->setLabelFormat(QStringLiteral("%g"));
                  log->setTitleText(yTitle + tr(" (log scale)"));
                  y = log;
                  for (QLineSeries *s : series) { // a log axis cannot show 0
                      QList<QPointF> points = s->points();
                      for (QPointF &p : points)
                          p.setY(std::max(p.y(), 0.5));
                      s->replace(points);
                  }
              } else {
                  auto *linear = new QValueAxis;
                  linear->setTitleText(yTitle);
                  linear->setRange(0, yMax * 1.1);
                  linear->applyNiceNumbers();
                  y = linear;
              }
              chart->addAxis(x, Qt::AlignBottom);
              chart->addAxis(y, Qt::AlignLeft);
              for (QLineSeries *s : series) {
                  chart->addSeries(s);
                  s->attachAxis(x);
                  s->attachAxis(y);
              }
          };
    addAxes(m_rss, rssSeries, rssMin, rssMax, tr("MiB"));
    addAxes(m_threads, threadSeries, threadsMin, threadsMax, tr("threads"));
    applyFonts();
}

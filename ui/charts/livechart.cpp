// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "livechart.h"

#include "decimate.h"
#include "model/rundata.h"
#include "patterncolors.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace {
// Scatter points as "light markers": one image blitted per point. The default markers are a
// QGraphicsItem each, which costs tens of ms per refresh at a few thousand points.
QImage dot(const QColor &color, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
    return image;
}
} // namespace

LiveChart::LiveChart(QWidget *parent) : ChartPanel(parent)
{
    m_latencyChart = makeChart(tr("Latency per request"));
    m_okSeries = new QScatterSeries;
    m_okSeries->setName(tr("answered"));
    m_okSeries->setMarkerSize(4);
    m_okSeries->setPen(Qt::NoPen);
    m_errorSeries = new QScatterSeries;
    m_errorSeries->setName(tr("errors"));
    m_errorSeries->setMarkerSize(5);
    m_errorSeries->setPen(Qt::NoPen);
    m_errorSeries->setColor(PatternColors::errorColor());
    m_errorSeries->setLightMarker(dot(PatternColors::errorColor(), 6));
    m_meanSeries = new QLineSeries;
    m_meanSeries->setName(tr("mean"));
    m_latencyChart->addSeries(m_okSeries);
    m_latencyChart->addSeries(m_errorSeries);
    m_latencyChart->addSeries(m_meanSeries);
    m_latencyX = new QValueAxis;
    m_latencyX->setTitleText(tr("time since the pattern started (s)"));
    m_latencyY = new QValueAxis;
    m_latencyY->setTitleText(tr("latency (ms)"));
    m_latencyChart->addAxis(m_latencyX, Qt::AlignBottom);
    m_latencyChart->addAxis(m_latencyY, Qt::AlignLeft);
    for (QXYSeries *s : { static_cast<QXYSeries *>(m_okSeries), static_cast<QXYSeries *>(m_errorSeries),
                          static_cast<QXYSeries *>(m_meanSeries) }) {
        s->attachAxis(m_latencyX);
        s->attachAxis(m_latencyY);
    }

    m_rateChart = makeChart(tr("Requests per second and in flight"));
    m_rateSeries = new QLineSeries;
    m_rateSeries->setName(tr("completed / s"));
    m_inFlightSeries = new QLineSeries;
    m_inFlightSeries->setName(tr("in flight"));
    QPen inFlightPen(QColor(0x55, 0x55, 0x55));
    inFlightPen.setStyle(Qt::DashLine);
    inFlightPen.setWidthF(1.5);
    m_inFlightSeries->setPen(inFlightPen);
    m_rateChart->addSeries(m_rateSeries);
    m_rateChart->addSeries(m_inFlightSeries);
    m_rateX = new QValueAxis; // the same time as the latency chart's: its title says it once
    m_rateY = new QValueAxis;
    m_rateY->setTitleText(tr("req/s"));
    m_inFlightY = new QValueAxis;
    m_inFlightY->setTitleText(tr("in flight"));
    m_rateChart->addAxis(m_rateX, Qt::AlignBottom);
    m_rateChart->addAxis(m_rateY, Qt::AlignLeft);
    m_rateChart->addAxis(m_inFlightY, Qt::AlignRight);
    m_rateSeries->attachAxis(m_rateX);
    m_rateSeries->attachAxis(m_rateY);
    m_inFlightSeries->attachAxis(m_rateX);
    m_inFlightSeries->attachAxis(m_inFlightY);
    // Short names: a projector's legend elides long ones. Widest first, so a full queue under
    // another full queue still shows.
    const QString stageNames[] = { tr("fetch q."), tr("parse q."), tr("aggr. q.") };
    const QColor stageColors[] = { QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x9e, 0x9e, 0x9e) };
    const qreal stageWidths[] = { 5, 2, 2 };
    for (std::size_t i = 0; i < m_queueSeries.size(); ++i) {
        m_queueSeries[i] = new QLineSeries;
        m_queueSeries[i]->setName(stageNames[i]);
        m_queueSeries[i]->setPen(QPen(stageColors[i], stageWidths[i]));
        m_rateChart->addSeries(m_queueSeries[i]);
        m_queueSeries[i]->attachAxis(m_rateX);
        m_queueSeries[i]->attachAxis(m_inFlightY);
        m_queueSeries[i]->setVisible(false);
    }

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    // The server's own view while the pattern runs (polled from its /stats).
    m_serverLine = new QLabel(this);
    m_serverLine->setObjectName(QStringLiteral("liveServerLine"));
    m_serverLine->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_serverLine->setContentsMargins(8, 2, 8, 2);
    outer->addWidget(m_serverLine);
    m_charts = new QBoxLayout(QBoxLayout::TopToBottom);
    m_charts->setContentsMargins(0, 0, 0, 0);
    m_charts->addWidget(makeView(m_latencyChart), 3);
    m_charts->addWidget(makeView(m_rateChart), 2);
    outer->addLayout(m_charts, 1);
    applyFonts();
    clear();
}

int LiveChart::plotWidth() const
{
    const int width = int(m_latencyChart->plotArea().width());
    return std::clamp(width > 0 ? width : this->width(), 200, 4000);
}

void LiveChart::resizeEvent(QResizeEvent *event)
{
    // Side by side on a wide, short screen (a projector, presenter mode): each chart keeps
    // the height its axis titles and labels need.
    const bool wide = width() > 1.7 * height();
    m_charts->setDirection(wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    m_charts->setStretch(0, wide ? 1 : 3);
    m_charts->setStretch(1, wide ? 1 : 2);
    ChartPanel::resizeEvent(event);
}

void LiveChart::clear()
{
    m_serverLine->clear();
    m_styledId.clear();
    m_okSeries->clear();
    m_errorSeries->clear();
    m_meanSeries->clear();
    m_rateSeries->clear();
    m_inFlightSeries->clear();
    for (QLineSeries *series : m_queueSeries) {
        series->clear();
        series->setVisible(false);
    }
    m_latencyX->setRange(0, 1);
    m_latencyY->setRange(0, 1);
    m_rateX->setRange(0, 1);
    m_rateY->setRange(0, 1);
    m_inFlightY->setRange(0, 1);
    m_latencyChart->setTitle(tr("Latency per request"));
}

void LiveChart::showResult(const PatternResult &result, bool running)
{
    // Styling re-renders every point of a series: only when the pattern changes, not per refresh.
    if (m_styledId != result.id) {
        m_styledId = result.id;
        const QColor color = PatternColors::color(result.id);
        m_okSeries->setColor(color);
        m_okSeries->setLightMarker(dot(color, 5));
        QPen meanPen(color.darker(160));
        meanPen.setWidthF(2);
        m_meanSeries->setPen(meanPen);
        QPen ratePen(color);
        ratePen.setWidthF(2);
        m_rateSeries->setPen(ratePen);
        m_latencyChart->setTitle(tr("%1: latency per request").arg(seriesName(result)));
    }

    // Build everything first, then hand each series its points in one replace() call. Two
    // passes over the samples (range, then envelope), no list of every point.
    double tMax = double(result.totalNs) / 1e9;
    double latencyMax = 0;
    for (const Sample &s : result.samples) {
        if (!s.sent())
            continue;
        tMax = std::max(tMax, double(s.endNs) / 1e9);
        latencyMax = std::max(latencyMax, s.latencyMs());
    }
    const int buckets = plotWidth();
    Decimate::Envelope ok(0, tMax, buckets);
    Decimate::Envelope errors(0, tMax, buckets);
    for (const Sample &s : result.samples) {
        if (s.sent())
            (s.ok() ? ok : errors).add(QPointF(double(s.endNs) / 1e9, s.latencyMs()));
    }
    m_okSeries->replace(ok.points());
    m_errorSeries->replace(errors.points());

    // About 200 intervals over the run so far, never finer than 20 ms.
    const std::int64_t intervalNs = std::max<std::int64_t>(20'000'000, std::int64_t(tMax * 1e9 / 200));
    const QList<Stats::IntervalPoint> series = Stats::timeSeries(result.samples, intervalNs);
    QList<QPointF> mean;
    QList<QPointF> rate;
    QList<QPointF> inFlight;
    double rateMax = 0;
    int inFlightMax = 0;
    // While running, the last two intervals are still filling up: leave them out rather than
    // draw a drop that is not there.
    const double complete = running ? tMax - 2.0 * double(intervalNs) / 1e9 : tMax + 1;
    for (const Stats::IntervalPoint &p : series) {
        if (p.tS > complete)
            break;
        if (p.meanLatencyMs > 0)
            mean.append({ p.tS, p.meanLatencyMs });
        rate.append({ p.tS, p.completedPerS });
        inFlight.append({ p.tS, double(p.inFlight) });
        rateMax = std::max(rateMax, p.completedPerS);
        inFlightMax = std::max(inFlightMax, p.inFlight);
    }
    m_meanSeries->replace(Decimate::minMax(mean, buckets));
    m_rateSeries->replace(Decimate::minMax(rate, buckets));
    m_inFlightSeries->replace(Decimate::minMax(inFlight, buckets));
    // A pipeline: each stage's input queue over time (from the resource points).
    std::array<QList<QPointF>, 3> queues;
    for (const ResourcePoint &p : result.resourceSeries) {
        if (!p.hasStageQueues())
            continue;
        for (std::size_t i = 0; i < queues.size(); ++i) {
            queues[i].append({ double(p.tNs) / 1e9, double(p.stageQueues[i]) });
            inFlightMax = std::max(inFlightMax, int(p.stageQueues[i]));
        }
    }
    for (std::size_t i = 0; i < queues.size(); ++i) {
        m_queueSeries[i]->replace(Decimate::minMax(queues[i], buckets));
        m_queueSeries[i]->setVisible(!queues[i].isEmpty());
    }
    m_inFlightY->setTitleText(queues[0].isEmpty() ? tr("in flight") : tr("in flight, queued"));

    // Qt picks round ticks for these ranges (applyNiceNumbers), so labels read 0, 0.5, 1 ...
    // A new range relayouts the whole chart: while running, change it only when the data
    // outgrows it or shrinks to less than half of it; a finished result gets its exact range.
    const auto setRange = [running](QValueAxis *axis, double max) {
        max = max > 0 ? max : 1;
        if (running && max <= axis->max() && max > axis->max() / 2)
            return;
        axis->setRange(0, max);
        axis->applyNiceNumbers();
        axis->setLabelFormat(QStringLiteral("%g"));
    };
    const double xMax = std::max(tMax, 0.001);
    setRange(m_latencyX, xMax);
    setRange(m_latencyY, latencyMax * 1.05);
    setRange(m_rateX, xMax);
    setRange(m_rateY, rateMax * 1.05);
    setRange(m_inFlightY, std::max(1, inFlightMax) * 1.05);

    if (result.serverSeries.empty()) {
        m_serverLine->setText(result.server.valid ? QString() : tr("Server: no view of it (an external server)"));
    } else {
        const ServerPoint &p = result.serverSeries.back();
        QString text = tr("Server now: %1 in service · %2 queued · %3 shed · CPU %4 % of a core")
                           .arg(p.inService)
                           .arg(p.queued)
                           .arg(p.shed)
                           .arg(p.cpuPercent, 0, 'f', 0);
        if (p.cpuPercent >= 90)
            text += tr(" · saturated: its limit sets the pace");
        m_serverLine->setText(text);
        m_serverLine->setStyleSheet(p.cpuPercent >= 90 ? QStringLiteral("color: #B00000; font-weight: bold;")
                                                       : QString());
    }
}

void LiveChart::setRun(const RunData &run)
{
    qsizetype index = run.indexOf(m_focusId);
    if (index < 0)
        index = run.results.size() - 1;
    if (index < 0) {
        clear();
        return;
    }
    showResult(run.results.at(index));
}

QImage LiveChart::renderImage(const RunData &run, const QSize &size) const
{
    LiveChart copy;
    copy.setFont(font());
    copy.setFocusPattern(m_focusId);
    return renderWidget(&copy, run, size);
}

int LiveChart::latencyPointCount() const
{
    return int(m_okSeries->count() + m_errorSeries->count());
}

QList<QPointF> LiveChart::queuePoints(int stage) const
{
    return m_queueSeries[std::size_t(stage)]->points();
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "timelinewidget.h"

#include "model/rundata.h"
#include "patterncolors.h"

#include <QMenu>
#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <unordered_map>

TimelineWidget::TimelineWidget(QWidget *parent) : ChartPanel(parent)
{
    setMinimumSize(300, 200);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void TimelineWidget::setRun(const RunData &run)
{
    m_bands.clear();
    for (const PatternResult &r : run.results) {
        Band band;
        band.id = r.id;
        band.title = r.title.isEmpty() ? r.id : r.title;
        band.totalNs = r.totalNs;
        band.samples.reserve(r.samples.size());
        for (const Sample &s : r.samples) {
            if (s.sent() && s.worker >= 0) {
                band.samples.push_back(s);
                band.totalNs = std::max(band.totalNs, s.endNs);
            }
        }
        for (const Sample &s : r.extraSamples) {
            if (s.sent() && s.worker >= 0)
                band.extras.push_back(s);
        }
        for (const auto &[key, value] : r.notes) {
            if (key == QLatin1String("deadline.cancelled_at_s"))
                band.deadlineNs = std::int64_t(value * 1e9);
        }
        m_bands.append(std::move(band));
    }
    m_cache = QImage();
    update();
}

void TimelineWidget::setZoomEachBand(bool on)
{
    m_zoomEach = on;
    m_cache = QImage();
    update();
}

void TimelineWidget::addContextActions(QMenu *menu)
{
    QAction *zoom = menu->addAction(tr("Stretch each pattern to its own duration"));
    zoom->setCheckable(true);
    zoom->setChecked(m_zoomEach);
    connect(zoom, &QAction::toggled, this, &TimelineWidget::setZoomEachBand);
}

void TimelineWidget::resizeEvent(QResizeEvent *event)
{
    m_cache = QImage();
    ChartPanel::resizeEvent(event);
}

void TimelineWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        m_cache = QImage();
        update();
    }
    ChartPanel::changeEvent(event);
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    const qreal dpr = devicePixelRatioF();
    if (m_cache.isNull() || m_cache.size() != size() * dpr) {
        m_cache = QImage(size() * dpr, QImage::Format_ARGB32_Premultiplied);
        m_cache.setDevicePixelRatio(dpr);
        m_cache.fill(Qt::white);
        QPainter cachePainter(&m_cache);
        cachePainter.setFont(font());
        paintBands(cachePainter, rect());
    }
    QPainter painter(this);
    painter.drawImage(0, 0, m_cache);
}

void TimelineWidget::paintBands(QPainter &painter, const QRect &area)
{
    m_info.clear();
    const QFontMetrics fm(font());
    const int lineHeight = fm.height();
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(font().pointSizeF() * 1.15);

    painter.setFont(titleFont);
    painter.setPen(Qt::black);
    const QRect titleRect(area.left(), area.top() + 4, area.width(), QFontMetrics(titleFont).height());
    painter.drawText(titleRect, Qt::AlignCenter,
                     tr("Worker timeline: one lane per worker, a bar per request (errors in red)"));
    painter.setFont(font());

    if (m_bands.isEmpty()) {
        painter.setPen(Qt::gray);
        painter.drawText(area, Qt::AlignCenter, tr("Run patterns or open a saved run to see their workers."));
        return;
    }

    const int margin = 8;
    const int labelWidth = fm.horizontalAdvance(QStringLiteral("000000")) + margin;
    const int top = titleRect.bottom() + margin;
    const int bandCount = int(m_bands.size());
    const int bandHeight = std::max(lineHeight * 4, (area.bottom() - top) / bandCount);
    // One scale for all bands, so durations compare at a glance.
    std::int64_t sharedNs = 1;
    for (const Band &band : std::as_const(m_bands))
        sharedNs = std::max(sharedNs, band.totalNs);

    for (int b = 0; b < bandCount; ++b) {
        const Band &band = m_bands.at(b);
        const int bandTop = top + b * bandHeight;
        const QRect plot(area.left() + labelWidth, bandTop + lineHeight + 2, area.width() - labelWidth - margin,
                         bandHeight - 2 * lineHeight - 10);

        // Lanes: the distinct workers, in worker order.
        std::vector<int> workers;
        workers.reserve(band.samples.size());
        for (const Sample &s : band.samples)
            workers.push_back(s.worker);
        std::sort(workers.begin(), workers.end());
        workers.erase(std::unique(workers.begin(), workers.end()), workers.end());
        const int lanes = int(workers.size());
        const int rows = std::max(1, plot.height());
        // One pixel row per lane at least; more lanes than that: every k-th lane.
        const int step = lanes > rows ? int(std::ceil(double(lanes) / rows)) : 1;
        const int shown = (lanes + step - 1) / std::max(1, step);
        const std::int64_t scaleNs = m_zoomEach ? std::max<std::int64_t>(1, band.totalNs) : sharedNs;
        m_info.append({ lanes, shown, scaleNs, plot.width() });

        const QColor color = PatternColors::color(band.id);
        painter.setPen(Qt::black);
        QString header
            = (lanes == 1 ? tr("%1 — 1 lane").arg(band.title) : tr("%1 — %2 lanes").arg(band.title).arg(lanes));
        if (step > 1)
            header += tr(" (1 in %1 shown)").arg(step);
        painter.fillRect(QRect(plot.left(), bandTop + 3, lineHeight - 6, lineHeight - 6), color);
        painter.drawText(QRect(plot.left() + lineHeight, bandTop, plot.width(), lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, header);
        painter.fillRect(plot, QColor(0xF4, 0xF4, 0xF4));

        if (lanes == 0 || plot.height() <= 0)
            continue;
        std::unordered_map<int, int> laneOf;
        laneOf.reserve(workers.size());
        for (int i = 0; i < lanes; ++i) {
            if (i % step == 0)
                laneOf.emplace(workers[std::size_t(i)], i / step);
        }
        // A few lanes do not need to fill the band: capped, they still read as lanes.
        const double laneHeight = std::min(double(plot.height()) / shown, 3.0 * lineHeight);
        const double nsToPx = plot.width() / double(scaleNs);
        const double barHeight = laneHeight >= 3 ? laneHeight * 0.8 : laneHeight;
        const QColor errorColor = PatternColors::errorColor();
        // Two passes so errors are on top of the bars around them. An aborted request (a
        // deadline, a hedge's loser) is hatched: cut off by the client, not answered.
        const bool withExtras = !band.extras.empty();
        const double mainHeight = withExtras ? barHeight * 0.6 : barHeight;
        const auto bar = [&](const Sample &s, double top, double height, const QColor &fill) {
            const auto it = laneOf.find(s.worker);
            if (it == laneOf.end())
                return;
            const double x0 = plot.left() + s.startNs * nsToPx;
            const double w = std::max(1.0, (s.endNs - s.startNs) * nsToPx);
            const double y = plot.top() + it->second * laneHeight + top;
            const QRectF rect(x0, y, w, std::max(1.0, height));
            if (s.aborted())
                painter.fillRect(rect, QBrush(fill, Qt::BDiagPattern));
            else
                painter.fillRect(rect, fill);
            // The open model: a thin line from the planned start to the real one (a late start).
            if (s.intendedNs >= 0 && s.startNs - s.intendedNs > 1'000'000 && laneHeight >= 3) {
                painter.setPen(QPen(QColor(0x55, 0x55, 0x55), 1));
                const double xi = plot.left() + s.intendedNs * nsToPx;
                painter.drawLine(QPointF(xi, y + height / 2), QPointF(x0, y + height / 2));
                painter.drawLine(QPointF(xi, y), QPointF(xi, y + height));
            }
        };
        for (int pass = 0; pass < 2; ++pass) {
            for (const Sample &s : band.samples) {
                if (s.ok() != (pass == 0))
                    continue;
                bar(s, 0, mainHeight, pass == 0 ? color : errorColor);
            }
        }
        for (const Sample &s : band.extras) // hedges below their primary, lighter
            bar(s, mainHeight, barHeight - mainHeight, s.ok() ? color.lighter(140) : errorColor.lighter(130));
        if (band.deadlineNs >= 0) {
            const double x = plot.left() + band.deadlineNs * nsToPx;
            painter.setPen(QPen(errorColor, 2));
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            painter.setPen(errorColor);
            painter.drawText(QRectF(x + 3, plot.top(), fm.horizontalAdvance(tr("cancelled")) + 4, lineHeight),
                             Qt::AlignLeft, tr("cancelled"));
        }

        // Lane labels: first and last lane shown.
        painter.setPen(Qt::darkGray);
        painter.drawText(QRect(area.left(), plot.top(), labelWidth - 4, lineHeight), Qt::AlignRight | Qt::AlignTop,
                         QString::number(workers.front()));
        if (lanes > 1)
            painter.drawText(
                QRect(area.left(), int(plot.top() + shown * laneHeight) - lineHeight, labelWidth - 4, lineHeight),
                Qt::AlignRight | Qt::AlignBottom, QString::number(workers[std::size_t((shown - 1) * step)]));

        // Time axis: round ticks over the scale (shared, or this pattern's own), and where
        // this pattern ended when the scale is shared.
        painter.setPen(Qt::black);
        painter.drawLine(plot.bottomLeft(), plot.bottomRight());
        const double scaleS = double(scaleNs) / 1e9;
        const double magnitude = std::pow(10.0, std::floor(std::log10(scaleS / 4)));
        double tick = magnitude;
        for (double f : { 1.0, 2.0, 5.0, 10.0 }) {
            tick = f * magnitude;
            if (scaleS / tick <= 6)
                break;
        }
        int lastRight = -1000;
        for (double t = 0; t <= scaleS * 1.0001; t += tick) {
            const int x = plot.left() + int(t / scaleS * plot.width());
            painter.drawLine(x, plot.bottom(), x, plot.bottom() + 3);
            const QString label = QString::number(t, 'g', 3) + QStringLiteral(" s");
            const int w = fm.horizontalAdvance(label);
            const int left = std::clamp(x - w / 2, plot.left(), plot.right() - w);
            if (left < lastRight + fm.averageCharWidth())
                continue;
            painter.drawText(QRect(left, plot.bottom() + 3, w + 2, lineHeight), Qt::AlignLeft, label);
            lastRight = left + w;
        }
        if (!m_zoomEach && band.totalNs < scaleNs) {
            const int endX = plot.left() + int(double(band.totalNs) / double(scaleNs) * plot.width());
            painter.setPen(QPen(color.darker(150), 2, Qt::DashLine));
            painter.drawLine(endX, plot.top(), endX, plot.bottom());
            painter.setPen(Qt::black);
            const QString done = tr("done at %1 s").arg(double(band.totalNs) / 1e9, 0, 'g', 3);
            const int w = fm.horizontalAdvance(done) + 4;
            painter.drawText(QRect(std::min(endX + 4, plot.right() - w), plot.top(), w, lineHeight), Qt::AlignLeft,
                             done);
        }
    }
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "timelinewidget.h"

#include "model/rundata.h"
#include "patterncolors.h"

#include <QMenu>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <map>
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
        std::vector<Sample> steps; // a pipeline's parse and aggregate work
        for (const Sample &s : r.extraSamples) {
            if (!s.sent() || s.worker < 0)
                continue;
            (isRequestKind(s.kind) ? band.extras : steps).push_back(s);
        }
        if (!steps.empty()) {
            int fetchLanes = 0, parseLanes = 0;
            for (const Sample &s : band.samples)
                fetchLanes = std::max(fetchLanes, s.worker + 1);
            for (const Sample &s : steps) {
                if (s.kind == SampleKind::Parse)
                    parseLanes = std::max(parseLanes, s.worker + 1);
            }
            band.stageGroups
                = { { tr("fetch"), 0 }, { tr("parse"), fetchLanes }, { tr("aggr."), fetchLanes + parseLanes } };
            for (Sample s : steps) {
                s.worker += s.kind == SampleKind::Parse ? fetchLanes : fetchLanes + parseLanes;
                band.samples.push_back(s);
            }
        }
        std::map<int, std::pair<double, double>> open; // breaker.open.N.from_s / .to_s
        for (const auto &[key, value] : r.notes) {
            if (key == QLatin1String("deadline.cancelled_at_s"))
                band.deadlineNs = std::int64_t(value * 1e9);
            if (key.startsWith(QLatin1String("breaker.open."))) {
                const int n = key.section(QLatin1Char('.'), 2, 2).toInt();
                (key.endsWith(QLatin1String(".from_s")) ? open[n].first : open[n].second) = value;
            }
        }
        for (const auto &[n, span] : open) {
            if (std::isfinite(span.first) && std::isfinite(span.second) && span.second >= span.first && span.first >= 0)
                band.openSpans.emplace_back(std::int64_t(span.first * 1e9), std::int64_t(span.second * 1e9));
        }
        m_bands.append(std::move(band));
    }
    m_windowStartNs = 0; // a new run is shown whole
    m_windowSpanNs = 0;
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
    QAction *whole = menu->addAction(tr("Show the whole run (wheel: zoom, drag: pan)"));
    whole->setEnabled(m_windowSpanNs > 0);
    connect(whole, &QAction::triggered, this, [this] { setTimeWindow(0, 0); });
}

std::int64_t TimelineWidget::fullSpanNs() const
{
    std::int64_t span = 1;
    for (const Band &band : m_bands)
        span = std::max(span, band.totalNs);
    return span;
}

void TimelineWidget::setTimeWindow(std::int64_t startNs, std::int64_t spanNs)
{
    const std::int64_t full = fullSpanNs();
    // At least 1 ms, at most the whole run, never past its ends; the whole run is span 0.
    spanNs = std::clamp<std::int64_t>(spanNs, 0, full);
    if (spanNs > 0 && spanNs < 1'000'000)
        spanNs = std::min<std::int64_t>(1'000'000, full);
    if (spanNs >= full)
        spanNs = 0;
    m_windowSpanNs = spanNs;
    m_windowStartNs = spanNs > 0 ? std::clamp<std::int64_t>(startNs, 0, full - spanNs) : 0;
    m_cache = QImage();
    update();
}

std::int64_t TimelineWidget::timeAt(double x) const
{
    const std::int64_t span = m_windowSpanNs > 0 ? m_windowSpanNs : fullSpanNs();
    const double f = std::clamp((x - m_plotLeft) / std::max(1, m_plotWidth), 0.0, 1.0);
    return m_windowStartNs + std::int64_t(f * double(span));
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0 || m_bands.isEmpty())
        return ChartPanel::wheelEvent(event);
    const double x = event->position().x();
    const std::int64_t anchor = timeAt(x);
    const std::int64_t span = m_windowSpanNs > 0 ? m_windowSpanNs : fullSpanNs();
    const auto newSpan = std::int64_t(double(span) * std::pow(0.8, notches));
    // Keep the time under the pointer where it is.
    const double f = std::clamp((x - m_plotLeft) / std::max(1, m_plotWidth), 0.0, 1.0);
    setTimeWindow(anchor - std::int64_t(f * double(newSpan)), newSpan);
    event->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragX = event->position().x();
        m_dragStartNs = m_windowStartNs;
    }
    ChartPanel::mousePressEvent(event);
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    if ((event->buttons() & Qt::LeftButton) && m_windowSpanNs > 0) {
        const double dx = event->position().x() - m_dragX;
        setTimeWindow(m_dragStartNs - std::int64_t(dx / std::max(1, m_plotWidth) * double(m_windowSpanNs)),
                      m_windowSpanNs);
    }
    ChartPanel::mouseMoveEvent(event);
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    setTimeWindow(0, 0);
    ChartPanel::mouseDoubleClickEvent(event);
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
        const bool windowed = m_windowSpanNs > 0;
        const std::int64_t scaleNs = windowed ? m_windowSpanNs
            : m_zoomEach                      ? std::max<std::int64_t>(1, band.totalNs)
                                              : sharedNs;
        const std::int64_t originNs = windowed ? m_windowStartNs : 0;
        m_info.append({ lanes, shown, scaleNs, plot.width() });
        m_plotLeft = plot.left();
        m_plotWidth = plot.width();

        const QColor color = PatternColors::color(band.id);
        painter.setPen(Qt::black);
        QString header
            = (lanes == 1 ? tr("%1 — 1 lane").arg(band.title) : tr("%1 — %2 lanes").arg(band.title).arg(lanes));
        if (step > 1)
            header += tr(" (1 in %1 shown)").arg(step);
        if (!band.extras.empty()) {
            switch (band.extras.front().kind) {
            case SampleKind::Token:
                header += tr(" — the login below");
                break;
            case SampleKind::Probe:
                header += tr(" — probes below");
                break;
            default:
                header += tr(" — hedge below, tick: loser cut off");
            }
        }
        if (!band.openSpans.empty())
            header += tr(" — shaded: breaker open");
        if (!band.stageGroups.empty())
            header += tr(" — lanes per stage: fetch, parse, aggregate");
        if (windowed)
            header += tr(" — %1–%2 s")
                          .arg(double(originNs) / 1e9, 0, 'f', 3)
                          .arg(double(originNs + scaleNs) / 1e9, 0, 'f', 3);
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
        painter.save();
        painter.setClipRect(plot); // a zoomed window cuts bars at its edges
        // The circuit breaker's open intervals, across every lane, under the bars.
        for (const auto &[from, to] : band.openSpans) {
            const double x0 = plot.left() + double(from - originNs) * nsToPx;
            const double x1 = plot.left() + double(to - originNs) * nsToPx;
            painter.fillRect(QRectF(x0, plot.top(), std::max(1.0, x1 - x0), plot.height()), QColor(0xF2, 0xC6, 0xC2));
        }
        const auto bar = [&](const Sample &s, double top, double height, const QColor &fill) {
            const auto it = laneOf.find(s.worker);
            if (it == laneOf.end() || s.endNs < originNs || s.startNs > originNs + scaleNs)
                return;
            const double x0 = plot.left() + double(s.startNs - originNs) * nsToPx;
            double w = std::max(1.0, (s.endNs - s.startNs) * nsToPx);
            if (w >= 4)
                w -= 1; // a hairline between one request and the next in its lane
            const double y = plot.top() + it->second * laneHeight + top;
            const QRectF rect(x0, y, w, std::max(1.0, height));
            if (s.aborted())
                painter.fillRect(rect, QBrush(fill, Qt::BDiagPattern));
            else
                painter.fillRect(rect, fill);
            // The open model: a thin line from the planned start to the real one (a late start).
            if (s.intendedNs >= 0 && s.startNs - s.intendedNs > 1'000'000 && laneHeight >= 3) {
                painter.setPen(QPen(QColor(0x55, 0x55, 0x55), 1));
                const double xi = plot.left() + double(s.intendedNs - originNs) * nsToPx;
                painter.drawLine(QPointF(xi, y + height / 2), QPointF(x0, y + height / 2));
                painter.drawLine(QPointF(xi, y), QPointF(xi, y + height));
            }
        };
        for (int pass = 0; pass < 2; ++pass) {
            for (const Sample &s : band.samples) {
                if (s.ok() != (pass == 0))
                    continue;
                const QColor fill = s.kind == SampleKind::Parse ? color.darker(140)
                    : s.kind == SampleKind::Aggregate           ? color.darker(190)
                                                                : color;
                bar(s, 0, mainHeight, pass == 0 ? fill : errorColor);
            }
        }
        // Hedges below their primary, lighter; a hedge that lost the race is hatched in the
        // pattern's colour (cut off, not failed).
        for (const Sample &s : band.extras)
            bar(s, mainHeight, barHeight - mainHeight,
                s.ok() || s.aborted() ? color.darker(115) : errorColor.lighter(130));
        // Where the race's loser was cut off: a dark tick at its end (the primary's, when its
        // copy answered first; the copy's, hatched as aborted, when the primary did).
        if (withExtras && laneHeight >= 3 && band.extras.front().kind == SampleKind::Hedge) {
            std::unordered_map<int, const Sample *> primaryOf;
            for (const Sample &s : band.samples)
                primaryOf.emplace(s.index, &s);
            painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 2));
            for (const Sample &hedge : band.extras) {
                const auto it = primaryOf.find(hedge.index);
                const auto lane = laneOf.find(hedge.worker);
                if (it == primaryOf.end() || lane == laneOf.end())
                    continue;
                const bool hedgeWon = !hedge.aborted() && hedge.endNs == it->second->endNs;
                const double x = plot.left() + double(hedge.endNs - originNs) * nsToPx;
                const double y = plot.top() + lane->second * laneHeight;
                if (hedgeWon)
                    painter.drawLine(QPointF(x, y), QPointF(x, y + mainHeight));
                else
                    painter.drawLine(QPointF(x, y + mainHeight), QPointF(x, y + barHeight));
            }
        }
        if (band.deadlineNs >= 0) {
            const double x = plot.left() + double(band.deadlineNs - originNs) * nsToPx;
            painter.setPen(QPen(errorColor, 2));
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            painter.setPen(errorColor);
            painter.drawText(QRectF(x + 3, plot.top(), fm.horizontalAdvance(tr("cancelled")) + 4, lineHeight),
                             Qt::AlignLeft, tr("cancelled"));
        }

        painter.restore();

        // Lane labels: first and last lane shown; a pipeline's stage names at their first lane.
        painter.setPen(Qt::darkGray);
        for (const auto &[name, firstLane] : band.stageGroups) {
            const auto it = laneOf.find(firstLane);
            if (it == laneOf.end())
                continue;
            painter.drawText(QRect(area.left(), int(plot.top() + it->second * laneHeight), labelWidth - 4, lineHeight),
                             Qt::AlignRight | Qt::AlignTop, name);
        }
        if (!band.stageGroups.empty()) {
            // separator lines between the stages' lane groups
            painter.save();
            painter.setPen(QPen(Qt::darkGray, 1, Qt::DashLine));
            for (std::size_t g = 1; g < band.stageGroups.size(); ++g) {
                const auto it = laneOf.find(band.stageGroups[g].second);
                if (it != laneOf.end()) {
                    const double y = plot.top() + it->second * laneHeight - 1;
                    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
                }
            }
            painter.restore();
        }
        if (band.stageGroups.empty()) {
            painter.drawText(QRect(area.left(), plot.top(), labelWidth - 4, lineHeight), Qt::AlignRight | Qt::AlignTop,
                             QString::number(workers.front()));
            if (lanes > 1)
                painter.drawText(
                    QRect(area.left(), int(plot.top() + shown * laneHeight) - lineHeight, labelWidth - 4, lineHeight),
                    Qt::AlignRight | Qt::AlignBottom, QString::number(workers[std::size_t((shown - 1) * step)]));
        }

        // Time axis: round ticks over the scale (shared, or this pattern's own), and where
        // this pattern ended when the scale is shared.
        painter.setPen(Qt::black);
        painter.drawLine(plot.bottomLeft(), plot.bottomRight());
        const double scaleS = double(scaleNs) / 1e9;
        const double originS = double(originNs) / 1e9;
        const double magnitude = std::pow(10.0, std::floor(std::log10(scaleS / 4)));
        double tick = magnitude;
        for (double f : { 1.0, 2.0, 5.0, 10.0 }) {
            tick = f * magnitude;
            if (scaleS / tick <= 6)
                break;
        }
        int lastRight = -1000;
        for (double t = std::ceil(originS / tick) * tick; t <= originS + scaleS * 1.0001; t += tick) {
            const int x = plot.left() + int((t - originS) / scaleS * plot.width());
            painter.drawLine(x, plot.bottom(), x, plot.bottom() + 3);
            const QString label = QString::number(t, 'g', 4) + QStringLiteral(" s");
            const int w = fm.horizontalAdvance(label);
            const int left = std::clamp(x - w / 2, plot.left(), plot.right() - w);
            if (left < lastRight + fm.averageCharWidth())
                continue;
            painter.drawText(QRect(left, plot.bottom() + 3, w + 2, lineHeight), Qt::AlignLeft, label);
            lastRight = left + w;
        }
        if (!m_zoomEach && !windowed && band.totalNs < scaleNs) {
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

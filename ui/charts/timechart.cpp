// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "timechart.h"

#include "model/presets.h"
#include "patterncolors.h"
#include "patterns/registry.h"

#include <QPainter>

namespace {
const QColor kQueue(0xF2, 0x8E, 0x2B);
const QColor kService(0x33, 0x6E, 0xA8);
const QColor kClient(0x9A, 0x9A, 0x9A);
} // namespace

TimeChart::TimeChart(QWidget *parent) : PaintedChart(parent)
{
    setMinimumSize(300, 200);
}

TimeChart::Split TimeChart::split(const PatternResult &result)
{
    Split s;
    double total = 0, queue = 0, service = 0;
    for (const Sample &sample : result.samples) {
        // A 503 was shed at once, without service: it would dilute what served requests cost.
        if (!sample.hasServerTiming() || sample.status <= 0 || sample.status == 503)
            continue;
        ++s.requests;
        total += sample.latencyMs();
        queue += sample.serverQueueUs / 1000.0;
        service += sample.serverServiceUs / 1000.0;
    }
    if (s.requests > 0) {
        s.totalMs = total / s.requests;
        s.queueMs = queue / s.requests;
        s.serviceMs = service / s.requests;
    }
    return s;
}

void TimeChart::setRun(const RunData &run)
{
    m_rows.clear();
    for (const PatternResult &r : run.results) {
        Row row;
        row.id = r.id;
        row.split = split(r);
        row.failed = r.outcome == PatternResult::Outcome::Failed;
        row.warning = Presets::saturation(r);
        if (r.server.valid) {
            const int capacity = r.server.capacity;
            row.serverLine
                = tr("server: busiest %1 of %2 in service, %3 of %4 queued · %5 shed · %6 abandoned · CPU peak "
                     "%7 %")
                      .arg(r.server.maxInService)
                      .arg(capacity)
                      .arg(r.server.maxQueued)
                      .arg(r.server.maxQueue)
                      .arg(r.server.shed)
                      .arg(r.server.abandoned)
                      .arg(r.server.cpuPercentPeak, 0, 'f', 0);
            if (r.server.busyAtStart > 0)
                row.serverLine
                    += tr(" · still busy with %1 requests when this pattern began").arg(r.server.busyAtStart);
        }
        m_rows.append(row);
    }
    update();
}

void TimeChart::paintChart(QPainter &painter, const QRect &area)
{
    const QFontMetrics fm(painter.font());
    const int line = fm.height();
    int top = area.top()
        + drawTitle(painter, area, tr("Where the time went"),
                    tr("mean of the served requests (503s left out): the server's own account and the rest"));
    top += line / 2;
    if (m_rows.isEmpty()) {
        painter.setPen(Qt::gray);
        drawText(painter, area, Qt::AlignCenter, tr("Run patterns or open a saved run to see where their time went."));
        return;
    }
    // Legend.
    int x = area.left();
    for (const auto &[color, name] :
         { std::pair { kQueue, tr("waiting in the server's queue") },
           std::pair { kService, tr("in service at the server") },
           std::pair { kClient, tr("outside the server's app: backlog, network, client") } }) {
        painter.fillRect(QRect(x, top + line / 4, line / 2, line / 2), color);
        painter.setPen(Qt::black);
        const int w = fm.horizontalAdvance(name) + line;
        drawText(painter, QRect(x + line * 3 / 4, top, w, line), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += w + line;
    }
    top += line + line / 2;

    int labelWidth = 0;
    for (const Row &row : std::as_const(m_rows))
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(PatternRegistry::shortTitle(row.id)));
    labelWidth = std::min(labelWidth + line, area.width() / 4);
    const int barHeight = line * 3 / 2;
    const int rowLines = 5; // the bar (1.5), its figures, the server's line, a warning
    const int rowHeight
        = std::max(rowLines * line + line / 2,
                   std::min((area.bottom() - top) / int(std::max<qsizetype>(1, m_rows.size())), 6 * line));
    const int barLeft = area.left() + labelWidth;
    const int barWidth = std::max(40, area.right() - barLeft);

    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        const int y = top + int(i) * rowHeight;
        if (y + line > area.bottom())
            break;
        painter.fillRect(QRect(area.left(), y + line / 4, line / 2, line / 2), PatternColors::color(row.id));
        painter.setPen(Qt::black);
        drawText(painter, QRect(area.left() + line * 3 / 4, y, labelWidth - line, line),
                 Qt::AlignLeft | Qt::AlignVCenter, PatternRegistry::shortTitle(row.id));
        const Split &s = row.split;
        if (row.failed) {
            painter.setPen(PatternColors::errorColor());
            drawText(painter, QRect(barLeft, y, area.right() - barLeft, line), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("failed"));
            continue;
        }
        if (s.requests == 0 || s.totalMs <= 0) {
            painter.setPen(Qt::gray);
            drawText(painter, QRect(barLeft, y, area.right() - barLeft, line), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("the server did not report its timing (an external server, or no answer)"));
        } else {
            // One bar per pattern, as shares: the point is whose time it was, at any scale.
            double bx = barLeft;
            for (const auto &[ms, color] : { std::pair { s.queueMs, kQueue }, std::pair { s.serviceMs, kService },
                                             std::pair { s.clientMs(), kClient } }) {
                const double w = barWidth * std::min(1.0, ms / s.totalMs);
                painter.fillRect(QRectF(bx, y, w, barHeight), color);
                bx += w;
            }
            painter.setPen(Qt::black);
            const double serverShare = 100.0 * std::min(1.0, (s.queueMs + s.serviceMs) / s.totalMs);
            drawText(painter, QRect(barLeft, y + barHeight, area.right() - barLeft, line),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     tr("%1 ms = queue %2 + service %3 + outside %4 (%5 % at the server)")
                         .arg(number(s.totalMs), number(s.queueMs), number(s.serviceMs), number(s.clientMs()))
                         .arg(serverShare, 0, 'f', 0));
        }
        painter.setPen(QColor(0x44, 0x44, 0x44));
        if (!row.serverLine.isEmpty())
            drawText(painter, QRect(barLeft, y + barHeight + line, area.right() - barLeft, line),
                     Qt::AlignLeft | Qt::AlignVCenter, row.serverLine);
        if (!row.warning.isEmpty()) {
            painter.setPen(PatternColors::errorColor());
            drawText(painter, QRect(barLeft, y + barHeight + 2 * line, area.right() - barLeft, line),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("⚠ ") + row.warning + tr(": its limit, not the pattern's, set this pace"));
        }
    }
}

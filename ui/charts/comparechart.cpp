// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "comparechart.h"

#include "model/experiment.h"
#include "patterncolors.h"
#include "patterns/registry.h"

#include <QPainter>

#include <cmath>

CompareChart::CompareChart(QWidget *parent) : PaintedChart(parent) { }

void CompareChart::setRuns(const QList<RunData> &runs, const QStringList &labels)
{
    m_runs = runs;
    for (RunData &run : m_runs) {
        for (PatternResult &r : run.results)
            r.dropSeries(); // nothing to do for runs that come figures only (CompareWindow's)
    }
    m_labels = labels;
    update();
}

QImage CompareChart::renderImage(const RunData &, const QSize &size) const
{
    return renderRuns(size);
}

QImage CompareChart::renderRuns(const QSize &size) const
{
    CompareChart copy;
    copy.setFont(font());
    copy.setAttribute(Qt::WA_DontShowOnScreen);
    copy.setRuns(m_runs, m_labels);
    copy.resize(size);
    copy.show();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    copy.render(&image);
    return image;
}

QColor CompareChart::runColor(int index)
{
    static const QColor colors[] = { QColor(0x1F, 0x4E, 0x9A), QColor(0xE0, 0x7B, 0x00), QColor(0x2E, 0x8B, 0x3E),
                                     QColor(0xB0, 0x24, 0x2B), QColor(0x6A, 0x3D, 0x9A) };
    return colors[index % 5];
}

Qt::PenStyle CompareChart::runPenStyle(int index)
{
    static const Qt::PenStyle styles[]
        = { Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine };
    return styles[index % 5];
}

QStringList CompareChart::patternIds() const
{
    QStringList ids;
    for (const RunData &run : m_runs) {
        for (const PatternResult &r : run.results) {
            if (!ids.contains(r.id))
                ids << r.id;
        }
    }
    return ids;
}

void CompareChart::paintChart(QPainter &painter, const QRect &area)
{
    if (m_runs.size() < 2) {
        painter.setPen(Qt::gray);
        drawText(painter, area, Qt::AlignCenter, tr("Open two or more saved runs to compare them (File > Compare)."));
        return;
    }
    const QFontMetrics fm(painter.font());
    const int line = fm.height();
    // The legend: each run's colour (bars) and line style (percentile curves).
    int x = area.left();
    for (int i = 0; i < m_runs.size(); ++i) {
        const QString label = m_labels.value(i);
        const int w = fm.horizontalAdvance(label) + 3 * line;
        painter.fillRect(QRect(x, area.top() + line / 4, line / 2, line / 2), runColor(i));
        painter.setPen(QPen(Qt::black, 2, runPenStyle(i)));
        painter.drawLine(x + line, area.top() + line / 2, x + 2 * line, area.top() + line / 2);
        drawText(painter, QRect(x + 2 * line + 4, area.top(), w, line), Qt::AlignLeft | Qt::AlignVCenter, label);
        x += w + line;
    }
    const QRect body(area.left(), area.top() + line * 3 / 2, area.width(), area.height() - line * 3 / 2);
    const int gap = line / 2;
    const int cw = (body.width() - gap) / 2;
    const int ch = (body.height() - gap) / 2;
    paintBars(painter, QRect(body.left(), body.top(), cw, ch), 0);
    paintBars(painter, QRect(body.left() + cw + gap, body.top(), cw, ch), 1);
    paintBars(painter, QRect(body.left(), body.top() + ch + gap, cw, ch), 2);
    paintPercentiles(painter, QRect(body.left() + cw + gap, body.top() + ch + gap, cw, ch));
}

void CompareChart::paintBars(QPainter &painter, const QRect &cell, int metric)
{
    const Experiments::Metric &m = Experiments::metrics()[std::size_t(metric)];
    const QFontMetrics fm(painter.font());
    const int line = fm.height();
    const QString title = tr("%1 (%2)").arg(QString::fromLatin1(m.label), QString::fromLatin1(m.unit));
    const int top = cell.top()
        + drawTitle(painter, cell, title.startsWith(u'p') ? title : title.left(1).toUpper() + title.mid(1),
                    m.higherIsBetter ? tr("↑ higher is better") : tr("↓ lower is better"));
    const QStringList ids = patternIds();
    struct Bar
    {
        std::optional<double> value;
        std::optional<ExperimentStats::Interval> ci;
    };
    QList<QList<Bar>> bars; // [pattern][run]
    double maxValue = 0;
    for (const QString &id : ids) {
        QList<Bar> row;
        for (const RunData &run : m_runs) {
            Bar bar;
            const qsizetype i = run.indexOf(id);
            if (i >= 0 && i < run.summaries.size()) {
                const PatternResult &r = run.results.at(i);
                bar.value = Experiments::medianFigures(r, run.summaries.at(i)).*m.member;
                if (r.trials.size() >= 2)
                    bar.ci = ExperimentStats::medianCi95(Experiments::values(r.trials, m.member));
                maxValue = std::max({ maxValue, *bar.value, bar.ci ? bar.ci->hi : 0.0 });
            }
            row << bar;
        }
        bars << row;
    }
    if (maxValue <= 0)
        return;
    const Scale scale = Scale::linear(maxValue);
    int labelWidth = 0;
    for (const QString &id : ids)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(PatternRegistry::shortTitle(id)));
    labelWidth = std::min(labelWidth + line / 2, cell.width() / 3);
    const int valueWidth = fm.horizontalAdvance(QStringLiteral("8,888 ±")) + line / 2;
    const int x0 = cell.left() + labelWidth;
    const int x1 = std::max(x0 + 20, cell.right() - valueWidth);
    const int rowsHeight = cell.bottom() - top - line - 4;
    const int groupHeight = std::max(line, int(rowsHeight / std::max<qsizetype>(1, ids.size())));
    const double barHeight = std::max(3.0, (groupHeight - line / 3.0) / std::max<qsizetype>(1, m_runs.size()));
    painter.setPen(QColor(0xE0, 0xE0, 0xE0));
    const int gridBottom = top + groupHeight * int(ids.size());
    for (double t : scale.ticks())
        painter.drawLine(QPointF(scale.map(t, x0, x1), top), QPointF(scale.map(t, x0, x1), gridBottom));
    painter.setPen(QColor(0x55, 0x55, 0x55));
    double lastRight = -1e9;
    for (double t : scale.ticks()) {
        const QString label = number(t);
        const double w = fm.horizontalAdvance(label) + 2;
        const double left = scale.map(t, x0, x1) - w / 2;
        if (left < lastRight + fm.averageCharWidth())
            continue;
        drawText(painter, QRectF(left, gridBottom + 2, w, line), Qt::AlignCenter, label);
        lastRight = left + w;
    }
    for (qsizetype p = 0; p < ids.size(); ++p) {
        const int y = top + int(p) * groupHeight;
        painter.setPen(Qt::black);
        drawText(painter, QRect(cell.left(), y, labelWidth - 4, groupHeight), Qt::AlignLeft | Qt::AlignVCenter,
                 PatternRegistry::shortTitle(ids.at(p)));
        for (qsizetype r = 0; r < m_runs.size(); ++r) {
            const Bar &bar = bars.at(p).at(r);
            const double by = y + line / 6.0 + r * barHeight;
            if (!bar.value) {
                painter.setPen(Qt::gray);
                drawText(painter, QRectF(x0 + 2, by, x1 - x0, barHeight), Qt::AlignLeft | Qt::AlignVCenter, tr("—"));
                continue;
            }
            const double end = scale.map(*bar.value, x0, x1);
            painter.fillRect(QRectF(x0, by + 1, std::max(1.0, end - x0), barHeight - 2), runColor(int(r)));
            double textX = end;
            if (bar.ci) {
                const double lo = scale.map(bar.ci->lo, x0, x1);
                const double hi = scale.map(bar.ci->hi, x0, x1);
                painter.setPen(QPen(Qt::black, 1.5));
                painter.drawLine(QPointF(lo, by + barHeight / 2), QPointF(hi, by + barHeight / 2));
                painter.drawLine(QPointF(lo, by + 1), QPointF(lo, by + barHeight - 1));
                painter.drawLine(QPointF(hi, by + 1), QPointF(hi, by + barHeight - 1));
                textX = std::max(textX, hi);
            }
            if (barHeight >= line * 0.8) {
                painter.setPen(Qt::black);
                drawText(painter, QRectF(textX + 3, by, cell.right() - textX - 3, barHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, number(*bar.value));
            }
        }
    }
}

void CompareChart::paintPercentiles(QPainter &painter, const QRect &cell)
{
    const QFontMetrics fm(painter.font());
    const int line = fm.height();
    const int top
        = cell.top() + drawTitle(painter, cell, tr("Latency percentiles (ms)"), tr("colour: pattern · line: run"));
    static const char *const names[] = { "p50", "p90", "p95", "p99", "p99.9" };
    const auto percentiles = [](const PatternSummary &s) {
        const LatencySummary &l = s.latencyMs;
        return std::array<double, 5> { l.p50, l.p90, l.p95, l.p99, l.p999 };
    };
    double lo = 1e300;
    double hi = 0;
    for (const RunData &run : m_runs) {
        for (const PatternSummary &s : run.summaries) {
            for (double v : percentiles(s)) {
                if (v > 0) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
        }
    }
    if (hi <= 0)
        return;
    const Scale ys = Scale::logarithmic(lo, std::max(hi, lo * 1.01));
    const int yLabelWidth = widestNumber(fm, ys.ticks()) + line / 2;
    const QRectF plot(cell.left() + yLabelWidth, top + line / 2, cell.width() - yLabelWidth - line,
                      cell.bottom() - top - 2 * line);
    const auto px = [&](int k) { return plot.left() + plot.width() * k / 4.0; };
    const auto py = [&](double v) { return ys.map(v, plot.bottom(), plot.top()); };
    painter.setPen(QColor(0xE0, 0xE0, 0xE0));
    for (double t : ys.ticks())
        painter.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)));
    painter.setPen(QColor(0x55, 0x55, 0x55));
    for (double t : ys.ticks())
        drawText(painter, QRectF(cell.left(), py(t) - line / 2.0, yLabelWidth - 4, line),
                 Qt::AlignRight | Qt::AlignVCenter, number(t));
    for (int k = 0; k < 5; ++k)
        drawText(painter, QRectF(px(k) - 30, plot.bottom() + 2, 60, line), Qt::AlignCenter,
                 QString::fromLatin1(names[k]));
    for (qsizetype r = 0; r < m_runs.size(); ++r) {
        const RunData &run = m_runs.at(r);
        for (qsizetype i = 0; i < run.results.size() && i < run.summaries.size(); ++i) {
            const auto values = percentiles(run.summaries.at(i));
            QPolygonF polyline;
            for (int k = 0; k < 5; ++k)
                polyline << QPointF(px(k), py(values[std::size_t(k)]));
            painter.setPen(QPen(PatternColors::color(run.results.at(i).id), 2, runPenStyle(int(r))));
            painter.drawPolyline(polyline);
        }
    }
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "experimentchart.h"

#include "patterncolors.h"
#include "patterns/registry.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

ExperimentChart::ExperimentChart(QWidget *parent) : PaintedChart(parent) { }

namespace {
// A swept value as typed: 16, 2.5, 1000 (not the 3 significant digits of the figures).
QString valueText(double value)
{
    return QString::number(value, 'g', 10);
}
} // namespace

void ExperimentChart::setRun(const RunData &run)
{
    m_sweep = run.sweep;
    m_curves.clear();
    const QMap<QString, Experiments::Fit> fits = Experiments::fits(m_sweep);
    for (const QString &id : run.config.patterns) {
        const auto found = fits.constFind(id);
        if (found == fits.cend())
            continue;
        Curve curve;
        curve.id = id;
        curve.fit = found.value();
        QList<std::pair<double, std::pair<const PatternResult *, const PatternSummary *>>> points;
        for (const SweepPoint &point : std::as_const(m_sweep.points)) {
            for (qsizetype i = 0; i < point.results.size() && i < point.summaries.size(); ++i) {
                if (point.results.at(i).id == id)
                    points.append({ point.value, { &point.results.at(i), &point.summaries.at(i) } });
            }
        }
        std::sort(points.begin(), points.end(), [](const auto &l, const auto &r) { return l.first < r.first; });
        curve.usesParam = curve.fit.usesParam;
        for (const auto &[value, rs] : points) {
            const PatternResult &r = *rs.first;
            curve.x << value;
            curve.median << Experiments::medianFigures(r, *rs.second);
            const auto ci = [&](double TrialFigures::*m) -> std::optional<ExperimentStats::Interval> {
                if (r.trials.size() < 2)
                    return std::nullopt;
                return ExperimentStats::medianCi95(Experiments::values(r.trials, m));
            };
            curve.throughputCi << ci(&TrialFigures::throughputRps);
            curve.p99Ci << ci(&TrialFigures::p99Ms);
            curve.little << Experiments::little(r, *rs.second);
        }
        m_curves << curve;
    }
    update();
}

QStringList ExperimentChart::fitLines() const
{
    QStringList lines;
    for (const Curve &c : m_curves) {
        QStringList parts;
        if (c.usesParam)
            parts << (c.fit.knee ? tr("knee at %1 %2").arg(valueText(*c.fit.knee), m_sweep.param)
                                 : tr("no knee in range"));
        if (!c.usesParam)
            parts << tr("does not use %1 (flat by design)").arg(m_sweep.param);
        else if (c.fit.usl && c.fit.usl->r2 < Experiments::PoorFitR2)
            parts << tr("USL fit poor (R² %1)").arg(c.fit.usl->r2, 0, 'f', 2);
        else if (c.fit.usl)
            parts << tr("USL σ %1, κ %2, peak %3, R² %4")
                         .arg(QString::number(c.fit.usl->sigma, 'g', 2), QString::number(c.fit.usl->kappa, 'g', 2),
                              c.fit.usl->peak ? number(*c.fit.usl->peak) : tr("none"))
                         .arg(c.fit.usl->r2, 0, 'f', 3);
        QStringList off;
        for (qsizetype i = 0; i < c.little.size(); ++i) {
            if (c.little.at(i) && c.little.at(i)->disagrees())
                off << tr("%1 (%2%)").arg(valueText(c.x.at(i))).arg(qRound(100 * c.little.at(i)->relativeGap()));
        }
        const auto checked
            = std::count_if(c.little.begin(), c.little.end(), [](const auto &l) { return l.has_value(); });
        if (!off.isEmpty())
            parts << tr("Little's law off at %1").arg(off.join(QStringLiteral(", ")));
        else if (checked == c.little.size())
            parts << tr("Little's law holds");
        else if (checked > 0)
            parts << tr("Little's law holds (%1 of %2 points ran 1 s)").arg(checked).arg(c.little.size());
        lines << PatternRegistry::shortTitle(c.id) + QStringLiteral(": ") + parts.join(QStringLiteral(" · "));
    }
    return lines;
}

void ExperimentChart::paintChart(QPainter &painter, const QRect &area)
{
    if (m_sweep.isEmpty() || m_curves.isEmpty()) {
        painter.setPen(Qt::gray);
        drawText(painter, area, Qt::AlignCenter | Qt::TextWordWrap,
                 tr("No sweep in this run. Set \"Sweep\" in the run settings (or patternlab-cli --sweep "
                    "concurrency=1,2,4,8,16) to see where each pattern stops scaling."));
        return;
    }
    const QFontMetrics fm(painter.font());
    const int line = fm.height();
    const QStringList lines = fitLines();
    const int textHeight = int(lines.size()) * line + line / 2;
    const int gap = line;
    const QRect plots(area.left(), area.top(), area.width(), area.height() - textHeight);
    const int half = (plots.width() - gap) / 2;
    paintPlot(painter, QRect(plots.left(), plots.top(), half, plots.height()), Plot::ThroughputByParam);
    paintPlot(painter, QRect(plots.left() + half + gap, plots.top(), half, plots.height()), Plot::P99ByThroughput);
    int y = plots.bottom() + line / 2;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        painter.fillRect(QRect(area.left(), y + line / 4, line / 2, line / 2), PatternColors::color(m_curves.at(i).id));
        painter.setPen(Qt::black);
        drawText(painter, QRect(area.left() + line, y, area.width() - line, line), Qt::AlignLeft | Qt::AlignVCenter,
                 lines.at(i));
        y += line;
    }
}

void ExperimentChart::paintPlot(QPainter &painter, const QRect &cell, Plot plot)
{
    const QFontMetrics fm(painter.font());
    const int line = fm.height();
    const bool byParam = plot == Plot::ThroughputByParam;
    const QString title = byParam ? tr("Throughput (req/s)") : tr("p99 latency (ms)");
    const int top = cell.top()
        + drawTitle(painter, cell, title,
                    byParam ? tr("by %1 · ┄ USL fit").arg(m_sweep.param) : tr("by throughput · ○ knee"))
        + line / 4;

    // The ranges over every pattern (and the USL curves over the parameter's range).
    double xMin = 1e300;
    double xMax = 0;
    double yMax = 0;
    for (const Curve &c : std::as_const(m_curves)) {
        for (qsizetype i = 0; i < c.x.size(); ++i) {
            const double x = byParam ? c.x.at(i) : c.median.at(i).throughputRps;
            const double y = byParam ? c.median.at(i).throughputRps : c.median.at(i).p99Ms;
            xMin = std::min(xMin, x);
            xMax = std::max(xMax, x);
            yMax = std::max(yMax, y);
            const auto &ci = byParam ? c.throughputCi.at(i) : c.p99Ci.at(i);
            if (ci)
                yMax = std::max(yMax, ci->hi);
        }
    }
    if (xMax <= 0 || yMax <= 0)
        return;
    // Doubling sweeps (1, 2, 4, ... 64) read best on a log axis; the ticks of the parameter
    // are its swept values.
    Scale xs = xMin > 0 && xMax / xMin >= 16 ? Scale::logarithmic(xMin, xMax) : Scale::linear(xMax);
    if (byParam && xs.log) {
        xs.lo = xMin / 1.15;
        xs.hi = xMax * 1.15;
    }
    double yMin = 1e300;
    for (const Curve &c : std::as_const(m_curves)) {
        for (const TrialFigures &f : c.median) {
            const double y = byParam ? f.throughputRps : f.p99Ms;
            if (y > 0)
                yMin = std::min(yMin, y);
        }
    }
    // Tails that span decades (a queue's p99 beside a pool's) on a log axis.
    const Scale ys
        = !byParam && yMin < 1e300 && yMax / yMin > 20 ? Scale::logarithmic(yMin, yMax) : Scale::linear(yMax * 1.05);
    QList<double> xTicks = xs.ticks();
    if (byParam && m_sweep.values.size() <= 12) {
        xTicks.clear();
        for (double v : m_sweep.values)
            xTicks << v;
        std::sort(xTicks.begin(), xTicks.end());
    }
    const int yLabelWidth = widestNumber(fm, ys.ticks()) + line / 2;
    const QRectF plotArea(cell.left() + yLabelWidth, top + line / 2, cell.width() - yLabelWidth - line,
                          cell.bottom() - top - 2.5 * line);
    const auto px = [&](double v) { return xs.map(v, plotArea.left(), plotArea.right()); };
    const auto py = [&](double v) { return ys.map(v, plotArea.bottom(), plotArea.top()); };

    painter.setPen(QColor(0xE0, 0xE0, 0xE0));
    for (double t : std::as_const(xTicks))
        painter.drawLine(QPointF(px(t), plotArea.top()), QPointF(px(t), plotArea.bottom()));
    for (double t : ys.ticks())
        painter.drawLine(QPointF(plotArea.left(), py(t)), QPointF(plotArea.right(), py(t)));
    painter.setPen(QColor(0x55, 0x55, 0x55));
    double lastRight = -1e9;
    for (double t : std::as_const(xTicks)) {
        const QString label = byParam ? valueText(t) : number(t);
        const double w = fm.horizontalAdvance(label) + 2;
        if (px(t) - w / 2 < lastRight + fm.averageCharWidth())
            continue;
        drawText(painter, QRectF(px(t) - w / 2, plotArea.bottom() + 2, w, line), Qt::AlignCenter, label);
        lastRight = px(t) + w / 2;
    }
    double lastTop = 1e9;
    for (double t : ys.ticks()) {
        if (py(t) + line / 2.0 > lastTop)
            continue;
        drawText(painter, QRectF(cell.left(), py(t) - line / 2.0, yLabelWidth - 4, line),
                 Qt::AlignRight | Qt::AlignVCenter, number(t));
        lastTop = py(t) - line / 2.0;
    }
    drawText(painter, QRectF(plotArea.left(), plotArea.bottom() + line + 2, plotArea.width(), line), Qt::AlignCenter,
             (byParam ? m_sweep.param : tr("req/s")) + (xs.log ? tr(" (log scale)") : QString())
                 + (ys.log ? tr(", p99 on a log scale") : QString()));

    for (const Curve &c : std::as_const(m_curves)) {
        const QColor color = PatternColors::color(c.id);
        // The USL's curve first, dashed, under the measured points.
        if (byParam && c.usesParam && c.fit.usl && c.fit.usl->r2 >= Experiments::PoorFitR2 && !c.x.isEmpty()) {
            QPainterPath path;
            constexpr int steps = 80;
            for (int k = 0; k <= steps; ++k) {
                const double f = double(k) / steps;
                // Over the measured range only: past it the law is a forecast, not a fit.
                const double n = xs.log ? c.x.first() * std::pow(c.x.last() / c.x.first(), f)
                                        : c.x.first() + (c.x.last() - c.x.first()) * f;
                const QPointF p(px(n), py(std::min(c.fit.usl->predict(n), ys.hi)));
                if (k == 0)
                    path.moveTo(p);
                else
                    path.lineTo(p);
            }
            painter.setPen(QPen(color.lighter(130), 2, Qt::DashLine));
            painter.drawPath(path);
        }
        QPolygonF polyline;
        for (qsizetype i = 0; i < c.x.size(); ++i) {
            const double x = byParam ? c.x.at(i) : c.median.at(i).throughputRps;
            const double y = byParam ? c.median.at(i).throughputRps : c.median.at(i).p99Ms;
            polyline << QPointF(px(x), py(y));
        }
        painter.setPen(QPen(color, 2));
        painter.drawPolyline(polyline);
        painter.setBrush(color);
        for (qsizetype i = 0; i < c.x.size(); ++i) {
            const QPointF p = polyline.at(i);
            const auto &ci = byParam ? c.throughputCi.at(i) : c.p99Ci.at(i);
            if (ci) {
                painter.setPen(QPen(Qt::black, 1.5));
                painter.drawLine(QPointF(p.x(), py(ci->lo)), QPointF(p.x(), py(ci->hi)));
                painter.drawLine(QPointF(p.x() - 4, py(ci->lo)), QPointF(p.x() + 4, py(ci->lo)));
                painter.drawLine(QPointF(p.x() - 4, py(ci->hi)), QPointF(p.x() + 4, py(ci->hi)));
            }
            const bool off = c.little.at(i) && c.little.at(i)->disagrees();
            painter.setPen(off ? QPen(PatternColors::errorColor(), 2) : QPen(color.darker(130), 1));
            painter.drawEllipse(p, off ? 5.5 : 4, off ? 5.5 : 4);
        }
        painter.setBrush(Qt::NoBrush);
        // The knee: a dashed line at its value (by parameter), a ring around its point.
        if (c.fit.knee) {
            const qsizetype k = c.x.indexOf(*c.fit.knee);
            if (byParam) {
                painter.setPen(QPen(color, 1.5, Qt::DashLine));
                painter.drawLine(QPointF(px(*c.fit.knee), plotArea.top()), QPointF(px(*c.fit.knee), plotArea.bottom()));
                painter.setPen(color.darker(140));
                drawText(painter, QRectF(px(*c.fit.knee) + 4, plotArea.top(), plotArea.right() - px(*c.fit.knee), line),
                         Qt::AlignLeft | Qt::AlignVCenter, tr("knee %1").arg(valueText(*c.fit.knee)));
            } else if (k >= 0) {
                painter.setPen(QPen(color.darker(140), 2.5));
                painter.drawEllipse(polyline.at(k), 10, 10);
            }
        }
    }
}

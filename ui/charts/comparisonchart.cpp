// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "comparisonchart.h"

#include "model/experiment.h"

#include "patterncolors.h"
#include "patterns/registry.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace {
int capacityOf(const RunData &run);
}

double ComparisonChart::serviceMs(const RunData &run)
{
    double sum = 0;
    std::int64_t n = 0;
    for (const PatternResult &r : run.results) {
        for (const Sample &s : r.samples) {
            if (s.hasServerTiming() && s.ok()) {
                sum += s.serverServiceUs / 1000.0;
                ++n;
            }
        }
    }
    if (n > 0)
        return sum / double(n);
    if (run.config.bundledServer && run.config.server.profile == u"fixed" && run.config.server.latencyMs > 0)
        return run.config.server.latencyMs;
    for (const PatternResult &r : run.results) {
        if (r.server.valid && r.server.latencyMs > 0 && run.config.server.profile == u"fixed")
            return r.server.latencyMs;
    }
    return -1;
}

namespace {
int capacityOf(const RunData &run)
{
    for (const PatternResult &r : run.results) {
        if (r.server.valid && r.server.capacity > 0)
            return r.server.capacity;
    }
    return run.config.server.capacity > 0 ? run.config.server.capacity : 0;
}
} // namespace

ComparisonChart::ComparisonChart(QWidget *parent) : PaintedChart(parent)
{
    setMinimumSize(300, 200);
}

void ComparisonChart::setRun(const RunData &run)
{
    m_run = run;
    // The samples are not needed here once the server's service time is known: keep the
    // figures, drop the per-request data (a copy of a 1M-request run would cost 40 MB).
    m_serviceMs = serviceMs(run);
    for (PatternResult &r : m_run.results)
        std::vector<Sample>().swap(r.samples);
    update();
}

QString ComparisonChart::tickLabel(double value)
{
    if (value >= 1000)
        return number(value);
    return QString::number(value, 'g', 4);
}

QString ComparisonChart::errorClassName(ErrorClass kind)
{
    switch (kind) {
    case ErrorClass::ServerError:
        return tr("server 5xx");
    case ErrorClass::Shed:
        return tr("503 shed");
    case ErrorClass::Timeout:
        return tr("timeout");
    case ErrorClass::Connection:
        return tr("connection");
    case ErrorClass::Client:
        return tr("client / other");
    case ErrorClass::Cancelled:
        return tr("not sent");
    case ErrorClass::Count:
        break;
    }
    return {};
}

QColor ComparisonChart::errorClassColor(ErrorClass kind)
{
    switch (kind) {
    case ErrorClass::ServerError:
        return PatternColors::errorColor();
    case ErrorClass::Shed:
        return QColor(0xF2, 0x8E, 0x2B);
    case ErrorClass::Timeout:
        return QColor(0x7B, 0x3F, 0x9E);
    case ErrorClass::Connection:
        return QColor(0x59, 0x59, 0x59);
    case ErrorClass::Client:
        return QColor(0xA6, 0x76, 0x1D);
    case ErrorClass::Cancelled:
        return QColor(0xBB, 0xBB, 0xBB);
    case ErrorClass::Count:
        break;
    }
    return Qt::black;
}

std::array<int, int(ComparisonChart::ErrorClass::Count)> ComparisonChart::errorsByClass(const PatternSummary &s)
{
    std::array<int, int(ErrorClass::Count)> counts {};
    int server5xx = 0;
    for (auto it = s.statusCounts.cbegin(); it != s.statusCounts.cend(); ++it) {
        if (it.key() >= 500 && it.key() <= 599 && it.key() != 503)
            server5xx += it.value();
    }
    const int shed = s.statusCounts.value(503);
    const auto kind = [&](const char *name) { return s.errorCounts.value(QLatin1String(name)); };
    counts[int(ErrorClass::ServerError)] = server5xx;
    counts[int(ErrorClass::Shed)] = shed;
    counts[int(ErrorClass::Timeout)] = kind("timeout");
    counts[int(ErrorClass::Connection)] = kind("connection") + kind("reset");
    // Other HTTP statuses (a 3xx, a 4xx), invalid answers and the client's own limits.
    counts[int(ErrorClass::Client)] = std::max(0, kind("http") - server5xx - shed) + kind("other") + kind("resource");
    counts[int(ErrorClass::Cancelled)] = kind("cancelled");
    return counts;
}

double ComparisonChart::idealTimeS(const RunData &run, qsizetype index, double service)
{
    if (!(service > 0.05) || index < 0 || index >= run.results.size())
        return 0;
    const PatternResult &r = run.results.at(index);
    const int capacity = std::max(1, capacityOf(run) > 0 ? capacityOf(run) : 32);
    int concurrent = std::min(run.config.concurrency, r.requests);
    if (r.id == u"sequential")
        concurrent = 1;
    else if (r.id == u"waitgroup")
        concurrent = r.requests;
    concurrent = std::max(1, std::min(concurrent, capacity));
    return double(r.requests) * service / 1000.0 / concurrent;
}

double ComparisonChart::serverCeilingRps(const RunData &run, double service)
{
    const int capacity = capacityOf(run);
    return service > 0.05 && capacity > 0 ? capacity * 1000.0 / service : 0;
}

void ComparisonChart::paintChart(QPainter &painter, const QRect &area)
{
    if (m_run.results.isEmpty()) {
        painter.setPen(Qt::gray);
        drawText(painter, area, Qt::AlignCenter, tr("Run patterns or open a saved run to compare them."));
        return;
    }
    // Three cells across on a wide screen, two on a narrow one.
    const int columns = area.width() >= 2 * area.height() * 0.9 || area.width() > 1100 ? 3 : 2;
    const int rows = (MetricCount + columns - 1) / columns;
    const int gap = QFontMetrics(font()).height() / 2;
    const int cellWidth = (area.width() - (columns - 1) * gap) / columns;
    const int cellHeight = (area.height() - (rows - 1) * gap) / rows;
    for (int m = 0; m < MetricCount; ++m) {
        const QRect cell(area.left() + (m % columns) * (cellWidth + gap),
                         area.top() + (m / columns) * (cellHeight + gap), cellWidth, cellHeight);
        paintCell(painter, cell, Metric(m));
    }
}

std::optional<ExperimentStats::Interval> ComparisonChart::interval(qsizetype index, Metric metric) const
{
    const PatternResult &r = m_run.results.at(index);
    if (r.trials.size() < 2)
        return std::nullopt;
    double TrialFigures::*member = nullptr;
    switch (metric) {
    case TotalTime:
        member = &TrialFigures::totalTimeS;
        break;
    case Throughput:
        member = &TrialFigures::throughputRps;
        break;
    case Latency:
        member = &TrialFigures::p99Ms;
        break;
    default:
        return std::nullopt;
    }
    return ExperimentStats::medianCi95(Experiments::values(r.trials, member));
}

void ComparisonChart::paintCell(QPainter &painter, const QRect &cell, Metric metric)
{
    const QFontMetrics fm(painter.font());
    const int line = fm.height();
    static const char *higher = QT_TR_NOOP("↑ higher is better");
    static const char *lower = QT_TR_NOOP("↓ lower is better");
    QString title;
    QString cue = tr(lower);
    switch (metric) {
    case TotalTime:
        title = tr("Total time (s)");
        break;
    case Throughput:
        title = tr("Throughput (req/s)");
        cue = tr(higher);
        break;
    case Latency:
        title = tr("Latency p50 · p95 · p99 (ms)");
        break;
    case Errors:
        title = tr("Errors (% of requests)");
        break;
    case PeakRss:
        title = tr("Peak memory (MiB)");
        break;
    case PeakThreads:
        title = tr("Peak threads");
        break;
    case MetricCount:
        break;
    }
    int top = cell.top() + drawTitle(painter, cell, title, cue) + line / 4;

    // Values per pattern, and the scale they share.
    const qsizetype n = m_run.results.size();
    QList<double> values(n, 0);
    double maxValue = 0;
    double minPositive = 1e300;
    for (qsizetype i = 0; i < n; ++i) {
        const PatternResult &r = m_run.results.at(i);
        const PatternSummary &s = m_run.summaries.at(i);
        double v = 0;
        const TrialFigures median = Experiments::medianFigures(r, s);
        switch (metric) {
        case TotalTime:
            v = median.totalTimeS;
            maxValue = std::max(maxValue, idealTimeS(m_run, i, m_serviceMs));
            break;
        case Throughput:
            v = median.throughputRps;
            break;
        case Latency:
            v = median.p99Ms;
            if (s.latencyMs.p50 > 0)
                minPositive = std::min(minPositive, s.latencyMs.p50);
            break;
        case Errors:
            v = s.errorPercent();
            break;
        case PeakRss:
            v = double(r.resources.peakRssBytes) / (1024.0 * 1024.0);
            break;
        case PeakThreads:
            v = r.resources.threadsPeak;
            break;
        case MetricCount:
            break;
        }
        values[i] = std::isfinite(v) ? std::max(0.0, v) : 0;
        maxValue = std::max(maxValue, values[i]);
        if (const auto ci = interval(i, metric))
            maxValue = std::max(maxValue, ci->hi);
        if (values[i] > 0)
            minPositive = std::min(minPositive, values[i]);
    }
    const double ceiling = metric == Throughput ? serverCeilingRps(m_run, m_serviceMs) : 0;
    if (ceiling > 0 && ceiling < maxValue * 3)
        maxValue = std::max(maxValue, ceiling);
    // A log axis where one pattern dwarfs the rest (latency always: tails span decades).
    const bool logAxis = metric == Latency
        || ((metric == PeakRss || metric == PeakThreads || metric == TotalTime) && minPositive < 1e300
            && maxValue / minPositive > 30);
    const Scale scale = logAxis ? Scale::logarithmic(minPositive < 1e300 ? minPositive : 0.1, maxValue)
                                : Scale::linear(maxValue * (metric == Errors ? 1.0 : 1.0));

    // Rows: label | bar area | value text.
    int labelWidth = 0;
    for (const PatternResult &r : std::as_const(m_run.results))
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(PatternRegistry::shortTitle(r.id)));
    labelWidth = std::min(labelWidth + line, cell.width() * 2 / 5);
    // Room right of the bars for the widest value label.
    const auto valueText = [&](qsizetype i) -> QString {
        const PatternSummary &s = m_run.summaries.at(i);
        switch (metric) {
        case Latency:
            if (const auto ci = interval(i, metric))
                return QStringLiteral("p99 %1 ms n=%2").arg(number(values[i])).arg(m_run.results.at(i).trials.size());
            return QStringLiteral("p99 ") + number(s.latencyMs.p99) + QStringLiteral(" ms");
        case Errors:
            return number(values[i]) + QStringLiteral(" %");
        case PeakThreads:
            return QString::number(qint64(values[i]));
        default:
            if (const auto ci = interval(i, metric))
                return QStringLiteral("%1 n=%2").arg(number(values[i])).arg(m_run.results.at(i).trials.size());
            return number(values[i]);
        }
    };
    int valueWidth = 0;
    for (qsizetype i = 0; i < n; ++i)
        valueWidth = std::max(valueWidth, fm.horizontalAdvance(valueText(i)));
    valueWidth += line / 2 + 4;
    const int x0 = cell.left() + labelWidth;
    const int x1 = std::max(x0 + 20, cell.right() - valueWidth);
    const int axisHeight = line + 4;
    const int legendHeight = line + 2; // the reference line's or the error kinds' legend
    const int rowsHeight = cell.bottom() - top - axisHeight - legendHeight;
    const int rowHeight = std::max(line, std::min(int(rowsHeight / std::max<qsizetype>(1, n)), int(line * 3.5)));

    // Grid and ticks.
    painter.setPen(QColor(0xE0, 0xE0, 0xE0));
    const int gridBottom = top + rowHeight * int(n);
    for (double t : scale.ticks()) {
        const double x = scale.map(t, x0, x1);
        painter.drawLine(QPointF(x, top), QPointF(x, gridBottom));
    }
    painter.setPen(QColor(0x55, 0x55, 0x55));
    const QList<double> ticks = scale.ticks();
    double lastRight = -1e9;
    for (double t : ticks) {
        const double x = scale.map(t, x0, x1);
        const QString label = tickLabel(t);
        const double w = fm.horizontalAdvance(label) + 2;
        const double left = std::clamp(x - w / 2, double(x0) - w / 2, double(cell.right()) - w);
        if (left < lastRight + fm.averageCharWidth())
            continue; // never two tick labels on top of each other
        drawText(painter, QRectF(left, gridBottom + 2, w, line), Qt::AlignCenter, label);
        lastRight = left + w;
    }

    for (qsizetype i = 0; i < n; ++i) {
        const PatternResult &r = m_run.results.at(i);
        const PatternSummary &s = m_run.summaries.at(i);
        const QColor color = PatternColors::color(r.id);
        const int y = top + int(i) * rowHeight;
        const QRect rowRect(cell.left(), y, cell.width(), rowHeight);
        painter.fillRect(QRect(cell.left(), y + rowHeight / 2 - line / 4, line / 2, line / 2), color);
        painter.setPen(Qt::black);
        drawText(painter, QRect(cell.left() + line * 3 / 4, y, labelWidth - line, rowHeight),
                 Qt::AlignLeft | Qt::AlignVCenter, PatternRegistry::shortTitle(r.id));
        const double barTop = y + rowHeight * 0.18;
        const double barHeight = rowHeight * 0.64;
        double valueX = x0;
        if (r.outcome == PatternResult::Outcome::Failed) {
            painter.setPen(PatternColors::errorColor());
            drawText(painter, QRect(x0, y, x1 - x0, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, tr("failed"));
            continue;
        }
        if (metric == Latency) {
            const double p[3] = { s.latencyMs.p50, s.latencyMs.p95, s.latencyMs.p99 };
            const double a = scale.map(std::max(p[0], scale.lo), x0, x1);
            const double b = scale.map(std::max(p[2], scale.lo), x0, x1);
            painter.setPen(QPen(color, std::max(2.0, barHeight / 4)));
            painter.drawLine(QPointF(a, y + rowHeight / 2.0), QPointF(b, y + rowHeight / 2.0));
            painter.setPen(Qt::NoPen);
            const double radius = std::max(3.0, barHeight / 3);
            for (int k = 0; k < 3; ++k) {
                const double x = scale.map(std::max(p[k], scale.lo), x0, x1);
                painter.setBrush(k == 2 ? color.darker(150) : color);
                if (k == 1)
                    painter.drawRect(QRectF(x - radius, y + rowHeight / 2.0 - radius, 2 * radius, 2 * radius));
                else
                    painter.drawEllipse(QPointF(x, y + rowHeight / 2.0), radius, radius);
            }
            painter.setBrush(Qt::NoBrush);
            valueX = b + radius;
        } else if (metric == Errors) {
            const auto counts = errorsByClass(s);
            double x = x0;
            for (int k = 0; k < int(ErrorClass::Count); ++k) {
                if (counts[std::size_t(k)] <= 0 || s.requests <= 0)
                    continue;
                const double pct = 100.0 * counts[std::size_t(k)] / s.requests;
                const double w = scale.map(pct, x0, x1) - x0;
                painter.fillRect(QRectF(x, barTop, std::max(1.0, w), barHeight), errorClassColor(ErrorClass(k)));
                x += w;
            }
            valueX = x;
        } else {
            const double end = scale.map(std::max(values[i], scale.log ? scale.lo : 0.0), x0, x1);
            painter.fillRect(QRectF(x0, barTop, std::max(1.0, end - x0), barHeight), color);
            valueX = end;
            if (metric == TotalTime) {
                // The ideal for this pattern's concurrency: how far the run was from it.
                const double ideal = idealTimeS(m_run, i, m_serviceMs);
                if (ideal > 0) {
                    const double ix = scale.map(ideal, x0, x1);
                    QPen pen(Qt::black, 2, Qt::DotLine);
                    painter.setPen(pen);
                    painter.drawLine(QPointF(ix, y + 1), QPointF(ix, y + rowHeight - 1));
                }
            }
        }
        // Repeated trials: the median's 95% interval as an error bar across the bar's end.
        if (const auto ci = interval(i, metric)) {
            const double lo = scale.map(std::max(ci->lo, scale.lo), x0, x1);
            const double hi = scale.map(std::max(ci->hi, scale.lo), x0, x1);
            const double mid = y + rowHeight / 2.0;
            painter.setPen(QPen(Qt::black, 2));
            painter.drawLine(QPointF(lo, mid), QPointF(hi, mid));
            painter.drawLine(QPointF(lo, barTop), QPointF(lo, barTop + barHeight));
            painter.drawLine(QPointF(hi, barTop), QPointF(hi, barTop + barHeight));
            valueX = std::max(valueX, hi);
        }
        // On a white ground: a reference line may pass behind the figure, never through it.
        const QString text = valueText(i);
        painter.fillRect(QRectF(valueX + 2, y + rowHeight / 2.0 - line / 2.0, fm.horizontalAdvance(text) + 4, line),
                         Qt::white);
        painter.setPen(Qt::black);
        drawText(painter, QRectF(valueX + 4, y, cell.right() - valueX - 4, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                 text);
    }

    // Reference lines and legends under the rows.
    const int noteTop = gridBottom + axisHeight;
    painter.setPen(QColor(0x66, 0x66, 0x66));
    if (logAxis)
        drawText(painter, QRect(cell.left(), gridBottom + 2, labelWidth - 4, line), Qt::AlignLeft | Qt::AlignVCenter,
                 tr("log scale"));
    painter.setPen(QColor(0x44, 0x44, 0x44));
    if (metric == TotalTime && idealTimeS(m_run, 0, m_serviceMs) > 0) {
        drawText(painter, QRect(cell.left(), noteTop, cell.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                 tr("┊ ideal time"));
    }
    if (metric == Throughput && ceiling > 0 && ceiling <= scale.hi) {
        const double cx = scale.map(ceiling, x0, x1);
        painter.setPen(QPen(PatternColors::errorColor(), 2, Qt::DashLine));
        painter.drawLine(QPointF(cx, top), QPointF(cx, gridBottom));
        painter.setPen(PatternColors::errorColor());
        drawText(painter, QRect(cell.left(), noteTop, cell.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                 tr("┊ server limit %1/s").arg(number(ceiling)));
    }
    if (metric == Errors) {
        double x = cell.left();
        for (int k = 0; k < int(ErrorClass::Count); ++k) {
            bool present = false;
            for (const PatternSummary &s : std::as_const(m_run.summaries))
                present = present || errorsByClass(s)[std::size_t(k)] > 0;
            if (!present)
                continue;
            const QString name = errorClassName(ErrorClass(k));
            const int w = fm.horizontalAdvance(name) + line;
            if (x + w > cell.right())
                break;
            painter.fillRect(QRectF(x, noteTop + line / 4, line / 2, line / 2), errorClassColor(ErrorClass(k)));
            painter.setPen(Qt::black);
            drawText(painter, QRectF(x + line * 0.7, noteTop, w, line), Qt::AlignLeft | Qt::AlignVCenter, name);
            x += w + line / 2;
        }
    }
}

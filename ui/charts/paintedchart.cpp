// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "paintedchart.h"

#include <QFontMetrics>
#include <QLocale>
#include <QPaintEvent>
#include <QPainter>

#include <cmath>

PaintedChart::Scale PaintedChart::Scale::linear(double max)
{
    Scale s;
    s.hi = max > 0 ? max : 1;
    // Round the top up to 1, 2 or 5 times a power of ten: ticks fall on round numbers.
    const double magnitude = std::pow(10.0, std::floor(std::log10(s.hi)));
    for (double f : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (f * magnitude >= s.hi) {
            s.hi = f * magnitude;
            break;
        }
    }
    return s;
}

PaintedChart::Scale PaintedChart::Scale::logarithmic(double min, double max)
{
    Scale s;
    s.log = true;
    s.lo = std::pow(10.0, std::floor(std::log10(std::max(min, 1e-6))));
    s.hi = std::pow(10.0, std::ceil(std::log10(std::max(max, s.lo * 10))));
    if (s.hi <= s.lo)
        s.hi = s.lo * 10;
    return s;
}

int PaintedChart::widestNumber(const QFontMetrics &metrics, const QList<double> &values)
{
    int widest = 0;
    for (double v : values)
        widest = std::max(widest, metrics.horizontalAdvance(number(v)));
    return widest;
}

double PaintedChart::Scale::map(double value, double x0, double x1) const
{
    double f = 0;
    if (log)
        f = value > 0 ? (std::log10(value) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) : 0;
    else
        f = hi > lo ? (value - lo) / (hi - lo) : 0;
    return x0 + std::clamp(f, 0.0, 1.0) * (x1 - x0);
}

QList<double> PaintedChart::Scale::ticks() const
{
    QList<double> list;
    if (log) {
        for (double v = lo; v <= hi * 1.0001; v *= 10)
            list << v;
        return list;
    }
    const double step = (hi - lo) / 4;
    for (int i = 0; i <= 4; ++i)
        list << lo + i * step;
    return list;
}

QString PaintedChart::number(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    const double a = std::abs(value);
    if (a >= 1000)
        return QLocale::c().toString(std::round(value), 'f', 0).replace(QLatin1Char(','), QChar(0x202F));
    if (a >= 100 || a == 0)
        return QString::number(std::round(value), 'f', 0);
    if (a >= 10)
        return QString::number(value, 'f', 1);
    if (a >= 1)
        return QString::number(value, 'f', 2);
    return QString::number(value, 'g', 3);
}

void PaintedChart::paintEvent(QPaintEvent *)
{
    m_painted.clear();
    m_elided.clear();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), Qt::white);
    painter.setFont(font());
    paintChart(painter, rect().adjusted(6, 6, -6, -6));
}

void PaintedChart::drawText(QPainter &painter, const QRectF &rect, int flags, const QString &text)
{
    const QFontMetricsF fm(painter.font());
    QString shown = text;
    if (fm.horizontalAdvance(text) > rect.width() + 0.5) {
        shown = fm.elidedText(text, Qt::ElideRight, rect.width());
        m_elided << text;
    }
    m_painted << shown;
    painter.drawText(rect, flags, shown);
}

int PaintedChart::drawTitle(QPainter &painter, const QRect &rect, const QString &title, const QString &cue)
{
    const QFont saved = painter.font();
    QFont bold = saved;
    bold.setBold(true);
    painter.setFont(bold);
    const QFontMetrics fm(bold);
    const int titleWidth = std::min(fm.horizontalAdvance(title) + 2, rect.width());
    painter.setPen(Qt::black);
    drawText(painter, QRect(rect.left(), rect.top(), titleWidth, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setFont(saved);
    if (cue.isEmpty())
        return fm.height();
    // The cue beside the title when both fit, else on the line below.
    painter.setPen(QColor(0x66, 0x66, 0x66));
    const QFontMetrics plain(saved);
    int left = rect.left() + titleWidth + fm.averageCharWidth();
    int top = rect.top();
    int height = fm.height();
    if (left + plain.horizontalAdvance(cue) > rect.right()) {
        left = rect.left();
        top += fm.height();
        height += plain.height();
    }
    drawText(painter, QRect(left, top, rect.right() - left, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, cue);
    return height;
}

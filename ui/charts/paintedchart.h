// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "chartpanel.h"

#include <QStringList>

class QFontMetrics;
class QPainter;

// A chart painted by hand with QPainter, for what Qt Charts cannot do without misleading:
// one row per pattern (so value labels never collide), labels that scale with the font, log
// axes with honest ticks, reference lines. Every text goes through drawText(), which elides
// what does not fit and remembers it: tests read back what was painted and what was cut.
class PaintedChart : public ChartPanel
{
    Q_OBJECT
public:
    using ChartPanel::ChartPanel;

    QStringList paintedTexts() const { return m_painted; } // after the last paint
    QStringList elidedTexts() const { return m_elided; } // texts that had to be shortened

    // A value axis: linear from 0, or logarithmic (base 10) between two positive ends.
    struct Scale
    {
        double lo = 0;
        double hi = 1;
        bool log = false;
        static Scale linear(double max);
        static Scale logarithmic(double min, double max);
        double map(double value, double x0, double x1) const; // value -> pixel between x0 and x1
        QList<double> ticks() const; // round values inside the range
    };
    // 3 significant digits, no exponent: 0.5, 12.3, 456, 7,890.
    static QString number(double value);
    // The widest of number(v) over values: room for an axis's tick labels.
    static int widestNumber(const QFontMetrics &metrics, const QList<double> &values);

protected:
    void paintEvent(QPaintEvent *event) override;
    virtual void paintChart(QPainter &painter, const QRect &area) = 0;
    // Draws text in rect, elided at the right if it does not fit (and recorded as such).
    void drawText(QPainter &painter, const QRectF &rect, int flags, const QString &text);
    // Title line of a chart or cell; returns the height it took.
    int drawTitle(QPainter &painter, const QRect &rect, const QString &title, const QString &cue = {});

private:
    QStringList m_painted;
    QStringList m_elided;
};

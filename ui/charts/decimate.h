// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QList>
#include <QPointF>

#include <vector>

// Downsampling for Qt Charts, which has none: a series gets about two points per pixel of
// plot width, built in one go and handed to QXYSeries::replace().
namespace Decimate {

// Points sorted by x: per bucket keeps the first, the lowest, the highest and the last
// point, in x order, so spikes and the line's shape survive.
QList<QPointF> minMax(const QList<QPointF> &sortedByX, int buckets);

// Unordered points (a scatter): per x bucket the lowest and the highest point.
QList<QPointF> scatterEnvelope(const QList<QPointF> &points, double xMin, double xMax, int buckets);

// The same, fed one point at a time: no list of every point is ever built, so a refresh
// over 100k samples costs one pass and a few KB.
class Envelope
{
public:
    Envelope(double xMin, double xMax, int buckets);
    void add(const QPointF &p);
    QList<QPointF> points() const;

private:
    double m_xMin;
    double m_span;
    int m_buckets;
    std::vector<QPointF> m_lo;
    std::vector<QPointF> m_hi;
};

} // namespace Decimate

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "decimate.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace Decimate {

QList<QPointF> minMax(const QList<QPointF> &points, int buckets)
{
    if (buckets <= 0 || points.size() <= qsizetype(buckets) * 4)
        return points;
    const double x0 = points.first().x();
    const double x1 = points.last().x();
    const double width = x1 > x0 ? (x1 - x0) / buckets : 1;
    QList<QPointF> out;
    out.reserve(qsizetype(buckets) * 4);
    qsizetype i = 0;
    while (i < points.size()) {
        const int bucket = std::min(buckets - 1, int((points.at(i).x() - x0) / width));
        const qsizetype first = i;
        qsizetype lo = i, hi = i;
        while (i < points.size() && std::min(buckets - 1, int((points.at(i).x() - x0) / width)) == bucket) {
            if (points.at(i).y() < points.at(lo).y())
                lo = i;
            if (points.at(i).y() > points.at(hi).y())
                hi = i;
            ++i;
        }
        const qsizetype last = i - 1;
        qsizetype keep[4] = { first, std::min(lo, hi), std::max(lo, hi), last };
        qsizetype previous = -1;
        for (qsizetype k : keep) {
            if (k != previous)
                out.append(points.at(k));
            previous = k;
        }
    }
    return out;
}

Envelope::Envelope(double xMin, double xMax, int buckets)
    : m_xMin(xMin)
    , m_span(xMax > xMin ? xMax - xMin : 1)
    , m_buckets(std::max(1, buckets))
    , m_lo(std::size_t(m_buckets), QPointF(0, std::numeric_limits<double>::infinity()))
    , m_hi(std::size_t(m_buckets), QPointF(0, -std::numeric_limits<double>::infinity()))
{ }

void Envelope::add(const QPointF &p)
{
    const auto b = std::size_t(std::clamp(int((p.x() - m_xMin) / m_span * m_buckets), 0, m_buckets - 1));
    if (p.y() < m_lo[b].y())
        m_lo[b] = p;
    if (p.y() > m_hi[b].y())
        m_hi[b] = p;
}

QList<QPointF> Envelope::points() const
{
    QList<QPointF> out;
    out.reserve(qsizetype(m_buckets) * 2);
    for (std::size_t b = 0; b < m_lo.size(); ++b) {
        if (m_lo[b].y() == std::numeric_limits<double>::infinity())
            continue;
        out.append(m_lo[b]);
        if (m_hi[b] != m_lo[b])
            out.append(m_hi[b]);
    }
    return out;
}

QList<QPointF> scatterEnvelope(const QList<QPointF> &points, double xMin, double xMax, int buckets)
{
    if (buckets <= 0 || points.size() <= qsizetype(buckets) * 2)
        return points;
    Envelope envelope(xMin, xMax, buckets);
    for (const QPointF &p : points)
        envelope.add(p);
    return envelope.points();
}

} // namespace Decimate

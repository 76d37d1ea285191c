// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterncolors.h"

#include "patterns/registry.h"

#include <QList>

namespace PatternColors {

namespace {
// Okabe–Ito-like palette: distinguishable for colour-blind viewers and on a projector.
// Red is kept out of it: red means errors.
const QList<QColor> &palette()
{
    static const QList<QColor> colors = {
        QColor(0x00, 0x72, 0xB2), // blue
        QColor(0xE6, 0x9F, 0x00), // orange
        QColor(0x00, 0x9E, 0x73), // green
        QColor(0xCC, 0x79, 0xA7), // purple
        QColor(0x56, 0xB4, 0xE9), // sky
        QColor(0x8C, 0x56, 0x4B), // brown
        QColor(0x44, 0x44, 0x44), // grey
        QColor(0xBC, 0xBD, 0x22), // olive
        QColor(0x17, 0xBE, 0xCF), // cyan
        QColor(0x7F, 0x3C, 0x8D), // violet
    };
    return colors;
}
} // namespace

QColor color(const QString &patternId)
{
    const QList<QColor> &colors = palette();
    qsizetype index = PatternRegistry::ids().indexOf(patternId);
    if (index < 0) // an id this build does not know (an opened file from a newer build)
        index = qsizetype(qHash(patternId) % size_t(colors.size()));
    return colors.at(index % colors.size());
}

QColor errorColor()
{
    return QColor(0xD5, 0x1E, 0x1E);
}

} // namespace PatternColors

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "progressdelegate.h"

#include "patternlistmodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto state = PatternListModel::State(index.data(PatternListModel::StateRole).toInt());
    if (state == PatternListModel::State::Idle) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = int(index.data(PatternListModel::ProgressRole).toDouble() * 1000);
    bar.text = index.data(PatternListModel::ProgressTextRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    bar.fontMetrics = option.fontMetrics;
    if (state == PatternListModel::State::Failed)
        bar.palette.setColor(QPalette::Highlight, QColor(0xD5, 0x1E, 0x1E));
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(
        std::max(size.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("1000000 / 1000000")) + 16));
    return size;
}

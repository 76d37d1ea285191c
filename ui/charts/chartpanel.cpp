// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "chartpanel.h"

#include "model/rundata.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLayout>
#include <QLegend>
#include <QMenu>
#include <QPainter>

ChartPanel::ChartPanel(QWidget *parent) : QWidget(parent) { }

QString ChartPanel::seriesName(const PatternResult &result)
{
    const QString title = result.title.isEmpty() ? result.id : result.title;
    return title.section(QStringLiteral(" ("), 0, 0);
}

QChart *ChartPanel::makeChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setMargins(QMargins(6, 6, 6, 6));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_charts.removeAll(nullptr); // charts replaced since
    m_charts.append(chart);
    return chart;
}

QChartView *ChartPanel::makeView(QChart *chart)
{
    auto *view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    // The view would swallow right clicks for its scene; let the panel offer its menu.
    view->setContextMenuPolicy(Qt::NoContextMenu);
    return view;
}

void ChartPanel::applyFonts()
{
    QFont base = font();
    QFont title = base;
    title.setBold(true);
    title.setPointSizeF(base.pointSizeF() * 1.15);
    for (const QPointer<QChart> &chart : std::as_const(m_charts)) {
        if (!chart)
            continue;
        chart->setTitleFont(title);
        chart->legend()->setFont(base);
        const QList<QAbstractAxis *> axes = chart->axes();
        for (QAbstractAxis *axis : axes) {
            axis->setLabelsFont(base);
            axis->setTitleFont(base);
        }
    }
}

void ChartPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QWidget::changeEvent(event);
}

void ChartPanel::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(tr("Save “%1” as PNG…").arg(title()), this, &ChartPanel::exportRequested);
    menu.exec(event->globalPos());
}

QImage ChartPanel::renderWidget(ChartPanel *panel, const RunData &run, const QSize &size)
{
    // Never shown on a screen: laid out and painted at exactly the export size, whatever
    // the window looks like (hotspot exports the same way).
    panel->setAttribute(Qt::WA_DontShowOnScreen);
    panel->resize(size);
    panel->setRun(run);
    panel->show();
    if (panel->layout())
        panel->layout()->activate();
    const QList<QChartView *> views = panel->findChildren<QChartView *>();
    for (QChartView *view : views) {
        if (view->chart()->layout())
            view->chart()->layout()->activate();
    }
    // Qt Charts places some items (bar value labels) in posted layout events.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    panel->render(&image);
    return image;
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "chartpanel.h"

#include "io/report.h"
#include "model/rundata.h"
#include "patterns/registry.h"

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
    // The registry's short titles are unique: two legends can never read the same.
    return PatternRegistry::shortTitle(result.id);
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
    addContextActions(&menu);
    if (!menu.isEmpty())
        menu.addSeparator();
    menu.addAction(tr("Save “%1” as PNG…").arg(title()), this, &ChartPanel::exportRequested);
    menu.exec(event->globalPos());
}

QString ChartPanel::caption(const RunData &run)
{
    QString text = QStringLiteral("PatternLab · ") + Report::configLine(run.config);
    if (!run.config.preset.isEmpty())
        text += QStringLiteral(" · preset %1").arg(run.config.preset);
    return text;
}

QImage ChartPanel::renderWidget(ChartPanel *panel, const RunData &run, const QSize &size)
{
    // Never shown on a screen: laid out and painted at exactly the export size, whatever
    // the window looks like (hotspot exports the same way).
    panel->setAttribute(Qt::WA_DontShowOnScreen);
    QFont small = panel->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    panel->resize(size.width(), size.height() - QFontMetrics(small).height() - 6); // room for the caption
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
    // The caption: an exported chart carries the experiment it shows.
    QPainter painter(&image);
    painter.setFont(small);
    const int height = QFontMetrics(small).height() + 6;
    const QRect strip(0, size.height() - height, size.width(), height);
    painter.fillRect(strip, QColor(0xF2, 0xF2, 0xF2));
    painter.setPen(QColor(0x33, 0x33, 0x33));
    painter.drawText(strip.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft,
                     QFontMetrics(small).elidedText(caption(run), Qt::ElideRight, strip.width() - 16));
    return image;
}

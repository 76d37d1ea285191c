// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QImage>
#include <QList>
#include <QPointer>
#include <QWidget>

struct PatternResult;
struct RunData;
class QChart;
class QChartView;
class QMenu;

// A chart tab: shows a run, renders itself to an image for export, offers "Save as PNG…" on
// right click. Subclasses build their QCharts with makeChart()/makeView() so fonts follow
// presenter mode and nothing uses OpenGL (OpenGL series vanish from grabs).
class ChartPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChartPanel(QWidget *parent = nullptr);

    virtual QString title() const = 0; // for tabs and menus
    virtual QString exportName() const = 0; // file stem: "comparison" -> comparison.png
    virtual void setRun(const RunData &run) = 0;
    // This chart for `run`, rendered in a fresh offscreen copy at exactly `size` pixels.
    virtual QImage renderImage(const RunData &run, const QSize &size) const = 0;

    static QSize defaultExportSize() { return { 1600, 1000 }; }
    // The line under every exported chart: the run's parameters (requests, concurrency,
    // engine, server profile and parameters, seed, preset).
    static QString caption(const RunData &run);
    // A pattern's name for legends: its short title (unique, never truncated to a twin).
    static QString seriesName(const PatternResult &result);

Q_SIGNALS:
    void exportRequested();

protected:
    QChart *makeChart(const QString &title);
    QChartView *makeView(QChart *chart);
    // Fonts of every chart from makeChart(), scaled from this widget's font.
    void applyFonts();
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    // Panel-specific entries of the right-click menu, above "Save as PNG".
    virtual void addContextActions(QMenu *) { }

    template<class Panel> static QImage renderCopy(const RunData &run, const QSize &size, const QFont &font)
    {
        Panel copy;
        copy.setFont(font);
        return renderWidget(&copy, run, size);
    }

    static QImage renderWidget(ChartPanel *panel, const RunData &run, const QSize &size);

private:
    QList<QPointer<QChart>> m_charts;
};

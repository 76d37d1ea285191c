// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "chartpanel.h"

#include <QList>
#include <QPointF>
#include <array>

struct PatternResult;
class QBoxLayout;
class QChart;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

// The live view of one pattern: every request's latency over time (decimated to an
// envelope of about two points per pixel, errors in red), requests/s and in-flight over
// time. Fed while a pattern runs by a refresh timer (MainWindow), not per sample.
class LiveChart : public ChartPanel
{
    Q_OBJECT
public:
    explicit LiveChart(QWidget *parent = nullptr);

    QString title() const override { return tr("Live"); }
    QString exportName() const override { return QStringLiteral("live"); }
    // Shows the focused pattern of the run (the last one if none is focused).
    void setRun(const RunData &run) override;
    QImage renderImage(const RunData &run, const QSize &size) const override;

    void setFocusPattern(const QString &id) { m_focusId = id; }
    QString focusPattern() const { return m_focusId; }
    // One refresh: the whole series rebuilt from the samples so far, fed with replace().
    // running: the pattern is still going, so the newest interval is incomplete (requests
    // in flight there have not reported yet) and is left out of the rate and in-flight lines.
    void showResult(const PatternResult &result, bool running = false);
    void clear();

    // Points in the latency series after decimation (tests check it stays bounded).
    int latencyPointCount() const;
    // The points of a pipeline stage's queue line (0 fetch, 1 parse, 2 aggregate).
    QList<QPointF> queuePoints(int stage) const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    int plotWidth() const;

    QString m_focusId;
    QLabel *m_serverLine = nullptr;
    QBoxLayout *m_charts = nullptr;
    QString m_styledId; // the pattern the series are coloured for
    QChart *m_latencyChart = nullptr;
    QScatterSeries *m_okSeries = nullptr;
    QScatterSeries *m_errorSeries = nullptr;
    QLineSeries *m_meanSeries = nullptr;
    QValueAxis *m_latencyX = nullptr;
    QValueAxis *m_latencyY = nullptr;

    QChart *m_rateChart = nullptr;
    QLineSeries *m_rateSeries = nullptr;
    QLineSeries *m_inFlightSeries = nullptr;
    // The pipeline's queue depths per stage (fetch, parse, aggregate input), on the in-flight
    // axis; empty, and out of the legend, for every other pattern.
    std::array<QLineSeries *, 3> m_queueSeries {};
    QValueAxis *m_rateX = nullptr;
    QValueAxis *m_rateY = nullptr;
    QValueAxis *m_inFlightY = nullptr;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "chartpanel.h"
#include "model/sample.h"

#include <QImage>
#include <vector>

// The worker timeline: for each pattern a band with one lane per worker (per thread for
// waitgroup) and a bar per request from its start to its end, errors in red. When there are
// more lanes than pixel rows, every k-th lane is shown and the band says so. Painted by hand
// (Qt Charts would need a series per lane) into a cached image, redrawn on resize or data.
class TimelineWidget : public ChartPanel
{
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget *parent = nullptr);

    QString title() const override { return tr("Worker timeline"); }
    QString exportName() const override { return QStringLiteral("timeline"); }
    void setRun(const RunData &run) override;
    QImage renderImage(const RunData &run, const QSize &size) const override
    {
        return renderCopy<TimelineWidget>(run, size, font());
    }

    // Lanes drawn / lanes there are, per band, after the last paint (tests).
    struct BandInfo
    {
        int lanes = 0;
        int shownLanes = 0;
        std::int64_t scaleNs = 0; // the time the band's width stands for
        int plotWidth = 0;
    };
    QList<BandInfo> bandInfo() const { return m_info; }

    // Every band on one time scale (the default: a 72 s pattern is drawn twelve times as long
    // as a 6 s one), or each stretched to its own duration to see its detail.
    void setZoomEachBand(bool on);
    bool zoomEachBand() const { return m_zoomEach; }

    // A time window over every band, to see single requests in a run of thousands: the mouse
    // wheel zooms around the pointer, a drag pans, a double-click (or the menu) shows it all.
    // span 0: the whole run.
    void setTimeWindow(std::int64_t startNs, std::int64_t spanNs);
    std::int64_t windowStartNs() const { return m_windowStartNs; }
    std::int64_t windowSpanNs() const { return m_windowSpanNs; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void addContextActions(QMenu *menu) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    struct Band
    {
        QString id;
        QString title;
        std::int64_t totalNs = 0;
        std::vector<Sample> samples;
        std::vector<Sample> extras; // hedges' copies, logins, probes: drawn in the lower part of their lane
        std::int64_t deadlineNs = -1; // when a run deadline or a cancel fired (deadline)
        std::vector<std::pair<std::int64_t, std::int64_t>> openSpans; // the circuit breaker open (cond)
        // A pipeline's stage lanes: its parse and aggregate steps are drawn as bars in lanes
        // of their own after the fetch workers' (their worker ids moved past them); each
        // group's name and first lane id.
        std::vector<std::pair<QString, int>> stageGroups;
    };
    void paintBands(QPainter &painter, const QRect &area);

    QList<Band> m_bands;
    QList<BandInfo> m_info;
    std::int64_t fullSpanNs() const;
    std::int64_t timeAt(double x) const; // under a widget x, in the current window

    QImage m_cache;
    bool m_zoomEach = false;
    std::int64_t m_windowStartNs = 0;
    std::int64_t m_windowSpanNs = 0;
    int m_plotLeft = 0; // of the last paint, for the mouse
    int m_plotWidth = 1;
    double m_dragX = 0;
    std::int64_t m_dragStartNs = 0;
};

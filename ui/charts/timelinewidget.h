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

protected:
    void paintEvent(QPaintEvent *event) override;
    void addContextActions(QMenu *menu) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Band
    {
        QString id;
        QString title;
        std::int64_t totalNs = 0;
        std::vector<Sample> samples;
        std::vector<Sample> extras; // hedges' copies: drawn in the lower part of their lane
        std::int64_t deadlineNs = -1; // when a run deadline or a cancel fired (deadline)
    };
    void paintBands(QPainter &painter, const QRect &area);

    QList<Band> m_bands;
    QList<BandInfo> m_info;
    QImage m_cache;
    bool m_zoomEach = false;
};

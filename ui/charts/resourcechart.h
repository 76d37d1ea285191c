// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "chartpanel.h"

class QChart;

// Resources over time, measured in each pattern's own process: RSS and threads, one line per
// pattern, time from that pattern's start.
class ResourceChart : public ChartPanel
{
    Q_OBJECT
public:
    explicit ResourceChart(QWidget *parent = nullptr);

    QString title() const override { return tr("Resources"); }
    QString exportName() const override { return QStringLiteral("resources"); }
    void setRun(const RunData &run) override;
    QImage renderImage(const RunData &run, const QSize &size) const override
    {
        return renderCopy<ResourceChart>(run, size, font());
    }

private:
    QChart *m_rss = nullptr;
    QChart *m_threads = nullptr;
};

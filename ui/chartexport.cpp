// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "chartexport.h"

#include "charts/comparisonchart.h"
#include "charts/latencychart.h"
#include "charts/livechart.h"
#include "charts/resourcechart.h"
#include "charts/timechart.h"
#include "charts/timelinewidget.h"
#include "io/resultwriter.h"
#include "model/rundata.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>

#include <memory>

namespace ChartExport {

bool savePng(const QImage &image, const QString &path, QString *error)
{
    // Encoded in memory first, so that a full disk says so (not "cannot encode"), and the
    // file is written like every other: atomically, the old one kept on failure.
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (image.isNull() || !image.save(&buffer, "PNG")) {
        *error = QStringLiteral("cannot encode the chart for %1 as PNG").arg(path);
        return false;
    }
    return ResultWriter::writeFile(path, png, error);
}

bool renderAll(const RunData &run, const QString &folder, const QSize &size, QStringList *written, QString *error,
               const QString &liveFocus)
{
    const QFileInfo dir(folder);
    if (!dir.isDir() || !dir.isWritable()) {
        *error = QStringLiteral("%1 is not a writable folder").arg(folder);
        return false;
    }
    auto live = std::make_unique<LiveChart>();
    live->setFocusPattern(liveFocus);
    std::vector<std::unique_ptr<ChartPanel>> panels;
    panels.push_back(std::move(live));
    panels.push_back(std::make_unique<ComparisonChart>());
    panels.push_back(std::make_unique<TimeChart>());
    panels.push_back(std::make_unique<LatencyChart>());
    panels.push_back(std::make_unique<TimelineWidget>());
    panels.push_back(std::make_unique<ResourceChart>());
    for (const auto &panel : panels) {
        const QString path = QDir(folder).filePath(panel->exportName() + QStringLiteral(".png"));
        if (!savePng(panel->renderImage(run, size), path, error))
            return false;
        if (written)
            written->append(path);
    }
    return true;
}

} // namespace ChartExport

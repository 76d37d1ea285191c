// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/rundata.h"

#include <QWidget>

class CompareChart;
class QTableWidget;

// Saved runs side by side (File > Compare): the overlaid chart and the differences table
// (each run's figure, its change against the first run, the verdict where both have trials),
// with the chart as PNG and the table as CSV or JSON.
class CompareWindow : public QWidget
{
    Q_OBJECT
public:
    CompareWindow(const QList<RunData> &runs, const QStringList &labels, QWidget *parent = nullptr);

    CompareChart *chart() const { return m_chart; }
    QTableWidget *table() const { return m_table; }
    bool exportPng(const QString &path, QString *error) const;
    bool exportCsv(const QString &path, QString *error) const;
    bool exportJson(const QString &path, QString *error) const;

private:
    void fillTable();
    void exportWithDialog(const QString &filter, const QString &suffix);

    QList<RunData> m_runs;
    QStringList m_labels;
    CompareChart *m_chart = nullptr;
    QTableWidget *m_table = nullptr;
};

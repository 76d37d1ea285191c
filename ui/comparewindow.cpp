// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "comparewindow.h"

#include "charts/comparechart.h"
#include "io/resultwriter.h"
#include "model/experiment.h"
#include "patterns/registry.h"

#include <QBuffer>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

CompareWindow::CompareWindow(const QList<RunData> &runs, const QStringList &labels, QWidget *parent)
    : QWidget(parent, Qt::Window), m_runs(runs), m_labels(labels)
{
    // Figures only: a compared run keeps its summaries, not its samples (a saved run may be
    // hundreds of MB of them).
    for (RunData &run : m_runs) {
        for (PatternResult &r : run.results)
            r.dropSeries();
    }
    setObjectName(QStringLiteral("compareWindow"));
    setWindowTitle(tr("PatternLab — compare %1").arg(labels.join(QStringLiteral(", "))));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_chart = new CompareChart(splitter);
    m_chart->setObjectName(QStringLiteral("compareChart"));
    m_chart->setRuns(m_runs, labels);
    m_table = new QTableWidget(splitter);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    m_chart->setMinimumHeight(320);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 600, 250 });
    layout->addWidget(splitter);
    auto *buttons = new QHBoxLayout;
    const auto button = [&](const QString &text, auto slot) {
        auto *b = new QPushButton(text, this);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
    };
    button(tr("Export Chart as PNG…"), [this] { exportWithDialog(tr("PNG image (*.png)"), QStringLiteral("png")); });
    button(tr("Export Table as CSV…"), [this] { exportWithDialog(tr("CSV (*.csv)"), QStringLiteral("csv")); });
    button(tr("Save as JSON…"), [this] { exportWithDialog(tr("JSON (*.json)"), QStringLiteral("json")); });
    buttons->addStretch();
    layout->addLayout(buttons);
    fillTable();
    resize(1200, 800);
}

void CompareWindow::fillTable()
{
    const QList<Experiments::RunDifference> rows = Experiments::compareRuns(m_runs);
    QStringList header { tr("Pattern"), tr("Metric") };
    header << m_labels;
    for (qsizetype i = 1; i < m_runs.size(); ++i)
        header << tr("Change (%1)").arg(m_labels.value(i))
               << tr("Verdict (%1 vs %2)").arg(m_labels.value(0), m_labels.value(i));
    m_table->setColumnCount(int(header.size()));
    m_table->setHorizontalHeaderLabels(header);
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const Experiments::RunDifference &d = rows.at(r);
        int c = 0;
        const auto set = [&](const QString &text) { m_table->setItem(r, c++, new QTableWidgetItem(text)); };
        set(PatternRegistry::shortTitle(d.pattern));
        set(d.metric);
        for (const auto &v : d.values)
            set(v ? QString::number(*v, 'g', 4) : QStringLiteral("—"));
        for (qsizetype i = 1; i < d.values.size(); ++i) {
            const auto &change = d.changePercent.at(i);
            set(change ? QStringLiteral("%1%2%")
                             .arg(*change >= 0 ? QStringLiteral("+") : QString())
                             .arg(*change, 0, 'f', 1)
                       : QStringLiteral("—"));
            const QString verdict = Experiments::verdictNamed(d.verdicts.at(i), m_labels.value(0), m_labels.value(i));
            set(verdict.isEmpty()
                    ? tr("no trials")
                    : QStringLiteral("%1 (p=%2)").arg(verdict, QString::number(*d.pValues.at(i), 'g', 2)));
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
}

bool CompareWindow::exportPng(const QString &path, QString *error) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!m_chart->renderRuns(ChartPanel::defaultExportSize()).save(&buffer, "PNG")) {
        *error = tr("could not encode the chart as PNG");
        return false;
    }
    return ResultWriter::writeFile(path, bytes, error);
}

bool CompareWindow::exportCsv(const QString &path, QString *error) const
{
    return ResultWriter::writeFile(path, ResultWriter::compareCsv(m_runs, m_labels), error);
}

bool CompareWindow::exportJson(const QString &path, QString *error) const
{
    return ResultWriter::writeFile(path, QJsonDocument(ResultWriter::compareJson(m_runs, m_labels)).toJson(), error);
}

void CompareWindow::exportWithDialog(const QString &filter, const QString &suffix)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QStringLiteral("compare.") + suffix, filter);
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = suffix == u"png" ? exportPng(path, &error)
        : suffix == u"csv"           ? exportCsv(path, &error)
                                     : exportJson(path, &error);
    if (!ok)
        QMessageBox::warning(this, tr("Export failed"), error);
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/rundata.h"

#include <QAbstractTableModel>

// Every figure of the JSON contract, one row per pattern of a run. Display text is
// formatted for people; SortRole gives the raw number so a QSortFilterProxyModel sorts
// numerically.
class ResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        PatternColumn,
        OutcomeColumn,
        RequestsColumn,
        SentColumn,
        OkColumn,
        ErrorsColumn,
        ErrorPercentColumn,
        TotalTimeColumn,
        ThroughputColumn,
        TrialsColumn, // --repeat: trials, median total time and its 95% interval
        VerdictColumn, // against the fastest pattern by median total time (Mann-Whitney)
        LatencyMinColumn,
        LatencyMeanColumn,
        LatencyP50Column,
        LatencyP90Column,
        LatencyP95Column,
        LatencyP99Column,
        LatencyP999Column,
        LatencyMaxColumn,
        MaxInFlightColumn,
        CancelledColumn, // never sent, or aborted on the wire
        AbortedColumn, // of those, aborted on the wire
        LateColumn, // open model: starts behind the schedule
        FromIntendedP99Column, // open model: p99 from the planned start
        ExtraRequestsColumn, // hedges, tokens, probes: % more requests than N
        ServerShedColumn, // the bundled server's 503s
        ServerCpuColumn, // its CPU peak, % of a core
        StatusCountsColumn,
        ErrorCountsColumn,
        PeakRssColumn,
        RssDeltaColumn,
        ThreadsPeakColumn,
        CpuUserColumn,
        CpuSysColumn,
        AllocationsColumn,
        AllocatedBytesColumn,
        CtxVoluntaryColumn,
        CtxInvoluntaryColumn,
        NotesColumn, // pattern-specific figures, e.g. backpressure's blocked sends
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { SortRole = Qt::UserRole + 1, PatternIdRole };

    explicit ResultsModel(QObject *parent = nullptr);

    // The whole run in one call.
    void setRun(const RunData &run);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The table as CSV, exactly as shown (display text), for "Export table".
    QByteArray toCsv() const;

private:
    struct Row
    {
        QString id;
        QString title;
        QString outcome;
        QString failure;
        PatternSummary summary;
        ResourceUsage resources;
        ServerStats server;
        QString notes;
        int trials = 0;
        QString trialsText;
        QString verdict;
    };
    void setVerdicts(const RunData &run);
    QVariant displayValue(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;

    QList<Row> m_rows;
};

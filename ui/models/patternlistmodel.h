// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/stats.h"

#include <QAbstractTableModel>
#include <QStringList>

// The patterns this build knows, in teaching order: a checkbox and a colour each, a one-line
// summary (what it does before a run, its headline figures after one) and its progress.
class PatternListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PatternColumn, ProgressColumn, SummaryColumn, ColumnCount };
    enum class State { Idle, Waiting, Running, Finished, Stopped, Failed };
    Q_ENUM(State)
    enum Role {
        PatternIdRole = Qt::UserRole + 1,
        ProgressRole, // double 0..1
        ProgressTextRole, // "123 / 600", "failed", ...
        StateRole, // State as int
    };

    explicit PatternListModel(QObject *parent = nullptr);

    QStringList checkedIds() const; // in list order
    void setCheckedIds(const QStringList &ids);
    QString idAt(int row) const { return m_rows.at(row).id; }
    int rowOf(const QString &id) const;

    // Run bookkeeping, one call per event.
    void resetProgress(const QStringList &queued); // queued ones wait, others are idle
    void setProgress(const QString &id, int completed, int total);
    void setState(const QString &id, State state, const QString &detail = {});
    void setResultSummary(const QString &id, const PatternSummary &summary);
    void clearResults();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void checkedChanged();

private:
    struct Row
    {
        QString id;
        QString title;
        QString description;
        bool checked = true;
        State state = State::Idle;
        int completed = 0;
        int total = 0;
        QString detail; // failure reason
        QString resultLine;
    };
    void emitRowChanged(int row);

    QList<Row> m_rows;
};

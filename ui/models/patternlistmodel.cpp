// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patternlistmodel.h"

#include "model/runconfig.h"
#include "patterncolors.h"
#include "patterninfo.h"
#include "patterns/registry.h"

PatternListModel::PatternListModel(QObject *parent) : QAbstractTableModel(parent)
{
    const QStringList ids = PatternRegistry::ids();
    for (const QString &id : ids) {
        Row row;
        row.id = id;
        row.title = PatternRegistry::title(id);
        row.description = PatternInfo::oneLine(id);
        row.checked = PatternRegistry::defaultIds().contains(id);
        m_rows.append(row);
    }
}

QStringList PatternListModel::checkedIds() const
{
    QStringList ids;
    for (const Row &row : m_rows) {
        if (row.checked)
            ids << row.id;
    }
    return ids;
}

void PatternListModel::setCheckedIds(const QStringList &ids)
{
    for (int i = 0; i < m_rows.size(); ++i)
        m_rows[i].checked = ids.contains(m_rows.at(i).id);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, PatternColumn), index(rowCount() - 1, PatternColumn), { Qt::CheckStateRole });
    Q_EMIT checkedChanged();
}

int PatternListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void PatternListModel::emitRowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PatternListModel::resetProgress(const QStringList &queued)
{
    for (Row &row : m_rows) {
        row.state = queued.contains(row.id) ? State::Waiting : State::Idle;
        row.completed = 0;
        row.total = 0;
        row.detail.clear();
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void PatternListModel::setProgress(const QString &id, int completed, int total)
{
    const int r = rowOf(id);
    if (r < 0)
        return;
    Row &row = m_rows[r];
    if (row.completed == completed && row.total == total && row.state == State::Running)
        return;
    row.completed = completed;
    row.total = total;
    row.state = State::Running;
    Q_EMIT dataChanged(index(r, ProgressColumn), index(r, ProgressColumn));
}

void PatternListModel::setState(const QString &id, State state, const QString &detail)
{
    const int r = rowOf(id);
    if (r < 0)
        return;
    m_rows[r].state = state;
    m_rows[r].detail = detail;
    emitRowChanged(r);
}

void PatternListModel::setResultSummary(const QString &id, const PatternSummary &s)
{
    const int r = rowOf(id);
    if (r < 0)
        return;
    m_rows[r].resultLine
        = tr("%1 s · %2 req/s · p99 %3 ms · %4% errors")
              .arg(QString::number(s.totalTimeS, 'f', 2), QString::number(s.throughputRps, 'f', 0),
                   QString::number(s.latencyMs.p99, 'f', 1), QString::number(s.errorPercent(), 'f', 1));
    emitRowChanged(r);
}

void PatternListModel::clearResults()
{
    for (Row &row : m_rows) {
        row.resultLine.clear();
        row.state = State::Idle;
        row.completed = row.total = 0;
        row.detail.clear();
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int PatternListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PatternListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PatternListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case PatternIdRole:
        return row.id;
    case StateRole:
        return int(row.state);
    case ProgressRole:
        if (row.state == State::Finished)
            return 1.0;
        return row.total > 0 ? double(row.completed) / row.total : 0.0;
    case ProgressTextRole:
        switch (row.state) {
        case State::Idle:
            return QString();
        case State::Waiting:
            return tr("waiting");
        case State::Running:
            return tr("%1 / %2").arg(row.completed).arg(row.total);
        case State::Finished:
            return tr("done");
        case State::Stopped:
            return tr("stopped");
        case State::Failed:
            return tr("failed");
        }
        return {};
    default:
        break;
    }
    switch (index.column()) {
    case PatternColumn:
        if (role == Qt::DisplayRole)
            return row.title;
        if (role == Qt::CheckStateRole)
            return row.checked ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::DecorationRole)
            return PatternColors::color(row.id);
        if (role == Qt::ToolTipRole)
            return row.description;
        break;
    case ProgressColumn:
        if (role == Qt::DisplayRole)
            return data(index, ProgressTextRole);
        if (role == Qt::ToolTipRole && !row.detail.isEmpty())
            return row.detail;
        break;
    case SummaryColumn:
        if (role == Qt::DisplayRole)
            return row.resultLine.isEmpty() ? row.description : row.resultLine;
        if (role == Qt::ToolTipRole)
            return row.detail.isEmpty() ? row.description : row.detail;
        break;
    default:
        break;
    }
    return {};
}

bool PatternListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != PatternColumn || role != Qt::CheckStateRole)
        return false;
    const bool checked = value.toInt() == Qt::Checked;
    if (m_rows[index.row()].checked == checked)
        return true;
    m_rows[index.row()].checked = checked;
    Q_EMIT dataChanged(index, index, { Qt::CheckStateRole });
    Q_EMIT checkedChanged();
    return true;
}

Qt::ItemFlags PatternListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == PatternColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant PatternListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PatternColumn:
        return tr("Pattern");
    case ProgressColumn:
        return tr("Progress");
    case SummaryColumn:
        return tr("Summary");
    default:
        return {};
    }
}

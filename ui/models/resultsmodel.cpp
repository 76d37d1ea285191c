// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "resultsmodel.h"

#include "patterncolors.h"

#include "model/experiment.h"

#include <QLocale>

namespace {
QString joinCounts(const QMap<QString, int> &counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << it.key() + QLatin1Char(':') + QString::number(it.value());
    return parts.join(QStringLiteral(", "));
}

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 3 : 1);
}

QString bytes(std::int64_t value)
{
    if (value < 0)
        return QStringLiteral("–");
    return QLocale::c().formattedDataSize(value, 1, QLocale::DataSizeTraditionalFormat);
}

QString count(std::int64_t value)
{
    return value < 0 ? QStringLiteral("–") : QString::number(value);
}
} // namespace

ResultsModel::ResultsModel(QObject *parent) : QAbstractTableModel(parent) { }

void ResultsModel::setRun(const RunData &run)
{
    beginResetModel();
    m_rows.clear();
    for (qsizetype i = 0; i < run.results.size(); ++i) {
        const PatternResult &r = run.results.at(i);
        QStringList notes;
        for (const auto &[key, value] : r.notes) {
            if (!PatternResult::isDrawingNote(key))
                notes << key + QLatin1Char('=') + QString::number(value, 'g', 6);
        }
        m_rows.append({ r.id, r.title, r.outcomeName(), r.failure,
                        i < run.summaries.size() ? run.summaries.at(i) : r.summary(), r.resources, r.server,
                        notes.join(QStringLiteral(", ")), 0, QString(), QString() }); // trials: setVerdicts
    }
    setVerdicts(run);
    endResetModel();
}

void ResultsModel::setVerdicts(const RunData &run)
{
    // The fastest by median total time, and every other pattern against it.
    qsizetype fastest = -1;
    double best = 0;
    for (qsizetype i = 0; i < run.results.size(); ++i) {
        const PatternResult &r = run.results.at(i);
        if (r.trials.isEmpty())
            continue;
        const auto times = Experiments::values(r.trials, &TrialFigures::totalTimeS);
        const ExperimentStats::Interval ci = ExperimentStats::medianCi95(times);
        m_rows[i].trials = int(r.trials.size());
        m_rows[i].trialsText = tr("%1: median %2 s [%3–%4]")
                                   .arg(r.trials.size())
                                   .arg(ExperimentStats::median(times), 0, 'f', 3)
                                   .arg(ci.lo, 0, 'f', 3)
                                   .arg(ci.hi, 0, 'f', 3);
        if (fastest < 0 || ExperimentStats::median(times) < best) {
            fastest = i;
            best = ExperimentStats::median(times);
        }
    }
    if (fastest < 0)
        return;
    const PatternResult &f = run.results.at(fastest);
    const auto fastTimes = Experiments::values(f.trials, &TrialFigures::totalTimeS);
    for (qsizetype i = 0; i < run.results.size(); ++i) {
        const PatternResult &r = run.results.at(i);
        if (r.trials.isEmpty())
            continue;
        if (i == fastest) {
            m_rows[i].verdict = tr("fastest (median total time)");
            continue;
        }
        const auto times = Experiments::values(r.trials, &TrialFigures::totalTimeS);
        const double p = ExperimentStats::mannWhitney(times, fastTimes).pValue;
        const QString verdict = ExperimentStats::verdict(times, fastTimes, p);
        const QString name = f.title.isEmpty() ? f.id : f.title;
        if (verdict == u"b lower")
            m_rows[i].verdict = tr("slower than %1 (p=%2)").arg(name, QString::number(p, 'g', 2));
        else if (verdict == u"a lower")
            m_rows[i].verdict = tr("faster than %1 (p=%2)").arg(name, QString::number(p, 'g', 2));
        else
            m_rows[i].verdict = tr("no clear difference from %1 (p=%2)").arg(name, QString::number(p, 'g', 2));
        if (std::min(times.size(), fastTimes.size()) < std::size_t(ExperimentStats::MinTrialsForVerdict))
            m_rows[i].verdict
                += tr("; fewer than %1 trials can never show one").arg(ExperimentStats::MinTrialsForVerdict);
    }
}

void ResultsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResultsModel::displayValue(const Row &row, int column) const
{
    const PatternSummary &s = row.summary;
    const LatencySummary &l = s.latencyMs;
    const ResourceUsage &r = row.resources;
    switch (column) {
    case PatternColumn:
        return row.title.isEmpty() ? row.id : row.title;
    case OutcomeColumn:
        return row.outcome;
    case RequestsColumn:
        return s.requests;
    case SentColumn:
        return s.sent;
    case OkColumn:
        return s.ok;
    case ErrorsColumn:
        return s.errors;
    case ErrorPercentColumn:
        return QString::number(s.errorPercent(), 'f', 2);
    case TotalTimeColumn:
        return QString::number(s.totalTimeS, 'f', 3);
    case ThroughputColumn:
        return QString::number(s.throughputRps, 'f', 1);
    case TrialsColumn:
        return row.trialsText;
    case VerdictColumn:
        return row.verdict;
    case LatencyMinColumn:
        return ms(l.min);
    case LatencyMeanColumn:
        return ms(l.mean);
    case LatencyP50Column:
        return ms(l.p50);
    case LatencyP90Column:
        return ms(l.p90);
    case LatencyP95Column:
        return ms(l.p95);
    case LatencyP99Column:
        return ms(l.p99);
    case LatencyP999Column:
        return ms(l.p999);
    case LatencyMaxColumn:
        return ms(l.max);
    case MaxInFlightColumn:
        return s.maxInFlight;
    case CancelledColumn:
        return s.cancelled();
    case AbortedColumn:
        return s.aborted;
    case LateColumn:
        return s.late > 0 ? QStringLiteral("%1 (p99 %2 ms)").arg(s.late).arg(ms(s.lateMs.p99)) : QStringLiteral("0");
    case FromIntendedP99Column:
        return ms(s.latencyFromIntendedMs.p99);
    case ExtraRequestsColumn:
        return QString::number(s.extraRequestsPercent(), 'f', 1);
    case ServerShedColumn:
        return row.server.valid ? QVariant(qint64(row.server.shed)) : QVariant(QStringLiteral("–"));
    case ServerCpuColumn:
        return row.server.valid ? QVariant(QString::number(row.server.cpuPercentPeak, 'f', 0))
                                : QVariant(QStringLiteral("–"));
    case StatusCountsColumn: {
        QMap<QString, int> statuses;
        for (auto it = s.statusCounts.cbegin(); it != s.statusCounts.cend(); ++it)
            statuses.insert(QString::number(it.key()), it.value());
        return joinCounts(statuses);
    }
    case ErrorCountsColumn:
        return joinCounts(s.errorCounts);
    case PeakRssColumn:
        return bytes(r.peakRssBytes);
    case RssDeltaColumn:
        return r.rssDeltaBytes < 0 ? QStringLiteral("-") + bytes(-r.rssDeltaBytes) : bytes(r.rssDeltaBytes);
    case ThreadsPeakColumn:
        return r.threadsPeak;
    case CpuUserColumn:
        return QString::number(r.cpuUserS, 'f', 3);
    case CpuSysColumn:
        return QString::number(r.cpuSysS, 'f', 3);
    case AllocationsColumn:
        return count(r.allocations);
    case AllocatedBytesColumn:
        return bytes(r.allocatedBytes);
    case CtxVoluntaryColumn:
        return count(r.ctxSwitchesVoluntary);
    case CtxInvoluntaryColumn:
        return count(r.ctxSwitchesInvoluntary);
    case NotesColumn:
        return row.notes;
    }
    return {};
}

QVariant ResultsModel::sortValue(const Row &row, int column) const
{
    const PatternSummary &s = row.summary;
    const LatencySummary &l = s.latencyMs;
    const ResourceUsage &r = row.resources;
    switch (column) {
    case PatternColumn:
    case OutcomeColumn:
    case StatusCountsColumn:
    case ErrorCountsColumn:
    case NotesColumn:
        return displayValue(row, column);
    case ErrorPercentColumn:
        return s.errorPercent();
    case TotalTimeColumn:
        return s.totalTimeS;
    case ThroughputColumn:
        return s.throughputRps;
    case TrialsColumn:
        return row.trials;
    case VerdictColumn:
        return row.verdict;
    case LatencyMinColumn:
        return l.min;
    case LatencyMeanColumn:
        return l.mean;
    case LatencyP50Column:
        return l.p50;
    case LatencyP90Column:
        return l.p90;
    case LatencyP95Column:
        return l.p95;
    case LatencyP99Column:
        return l.p99;
    case LatencyP999Column:
        return l.p999;
    case LatencyMaxColumn:
        return l.max;
    case LateColumn:
        return s.late;
    case FromIntendedP99Column:
        return s.latencyFromIntendedMs.p99;
    case ExtraRequestsColumn:
        return s.extraRequestsPercent();
    case ServerShedColumn:
        return row.server.valid ? qint64(row.server.shed) : -1;
    case ServerCpuColumn:
        return row.server.valid ? row.server.cpuPercentPeak : -1.0;
    case PeakRssColumn:
        return qint64(r.peakRssBytes);
    case RssDeltaColumn:
        return qint64(r.rssDeltaBytes);
    case CpuUserColumn:
        return r.cpuUserS;
    case CpuSysColumn:
        return r.cpuSysS;
    case AllocationsColumn:
        return qint64(r.allocations);
    case AllocatedBytesColumn:
        return qint64(r.allocatedBytes);
    case CtxVoluntaryColumn:
        return qint64(r.ctxSwitchesVoluntary);
    case CtxInvoluntaryColumn:
        return qint64(r.ctxSwitchesInvoluntary);
    default:
        return displayValue(row, column); // the integer columns
    }
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case PatternIdRole:
        return row.id;
    case Qt::DecorationRole:
        if (index.column() == PatternColumn)
            return PatternColors::color(row.id);
        break;
    case Qt::ToolTipRole:
        if (index.column() == OutcomeColumn && !row.failure.isEmpty())
            return row.failure;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != PatternColumn && index.column() != OutcomeColumn && index.column() != StatusCountsColumn
            && index.column() != ErrorCountsColumn && index.column() != NotesColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    default:
        break;
    }
    return {};
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const names[ColumnCount] = { "Pattern",
                                                    "Outcome",
                                                    "Requests",
                                                    "Sent",
                                                    "OK",
                                                    "Errors",
                                                    "Error %",
                                                    "Total time (s)",
                                                    "Throughput (req/s)",
                                                    "Trials",
                                                    "Verdict",
                                                    "Min (ms)",
                                                    "Mean (ms)",
                                                    "p50 (ms)",
                                                    "p90 (ms)",
                                                    "p95 (ms)",
                                                    "p99 (ms)",
                                                    "p99.9 (ms)",
                                                    "Max (ms)",
                                                    "Max in flight",
                                                    "Cancelled",
                                                    "Aborted in flight",
                                                    "Late starts",
                                                    "p99 from intended (ms)",
                                                    "Extra requests %",
                                                    "Server shed (503)",
                                                    "Server CPU peak %",
                                                    "Status codes",
                                                    "Errors by kind",
                                                    "Peak RSS",
                                                    "RSS delta",
                                                    "Peak threads",
                                                    "CPU user (s)",
                                                    "CPU sys (s)",
                                                    "Allocations",
                                                    "Allocated",
                                                    "Ctx switches (vol.)",
                                                    "Ctx switches (invol.)",
                                                    "Notes" };
    return tr(names[section]);
}

QByteArray ResultsModel::toCsv() const
{
    const auto field = [](const QString &text) {
        QByteArray bytes = text.toUtf8();
        if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n'))
            bytes = '"' + bytes.replace("\"", "\"\"") + '"';
        return bytes;
    };
    QByteArray csv;
    QList<QByteArray> fields;
    for (int c = 0; c < ColumnCount; ++c)
        fields << field(headerData(c, Qt::Horizontal).toString());
    csv += fields.join(',') + '\n';
    for (const Row &row : m_rows) {
        fields.clear();
        for (int c = 0; c < ColumnCount; ++c)
            fields << field(displayValue(row, c).toString());
        csv += fields.join(',') + '\n';
    }
    return csv;
}

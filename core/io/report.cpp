// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "io/report.h"

#include "model/experiment.h"

#include <QStringList>

#include <algorithm>

namespace Report {

namespace {
QString mib(std::int64_t bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
}

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 2 : 1) + QStringLiteral(" ms");
}

QString padded(const QString &text, int width)
{
    return width < 0 ? text.leftJustified(-width) : text.rightJustified(width);
}
} // namespace

QString configLine(const RunConfig &config)
{
    QString server = config.url.toString();
    if (config.bundledServer) {
        QStringList params { QStringLiteral("profile %1").arg(config.server.profile) };
        if (config.server.latencyMs >= 0)
            params << QStringLiteral("latency %1 ms").arg(config.server.latencyMs);
        if (config.server.capacity > 0)
            params << QStringLiteral("capacity %1").arg(config.server.capacity);
        if (config.server.maxQueue >= 0)
            params << QStringLiteral("queue %1").arg(config.server.maxQueue);
        params << QStringLiteral("seed %1").arg(config.seed.value_or(0));
        server = QStringLiteral("bundled server (%1)").arg(params.join(QStringLiteral(", ")));
    }
    return QStringLiteral("%1 requests, concurrency %2, timeout %3 ms, engine %4, %5")
        .arg(config.requests)
        .arg(config.concurrency)
        .arg(config.timeoutMs)
        .arg(engineName(config.engine), server);
}

QString patternReport(const PatternResult &result)
{
    const PatternSummary s = result.summary();
    const ResourceUsage &r = result.resources;
    QStringList lines;
    lines << QStringLiteral("=== %1 (%2) ===").arg(result.title, result.id);
    if (result.outcome == PatternResult::Outcome::Failed)
        lines << QStringLiteral("FAILED: ") + result.failure;
    else if (result.outcome == PatternResult::Outcome::Stopped)
        lines << QStringLiteral("STOPPED before all requests were sent (time limit or stop)");
    lines << QStringLiteral("Requests:         %1 (%2 ok, %3 errors, %4 %)")
                 .arg(s.requests)
                 .arg(s.ok)
                 .arg(s.errors)
                 .arg(s.errorPercent(), 0, 'f', 2);
    lines << QStringLiteral("Total time:       %1 s").arg(s.totalTimeS, 0, 'f', 3);
    lines << QStringLiteral("Throughput:       %1 req/s").arg(s.throughputRps, 0, 'f', 1);
    lines << QStringLiteral("Average latency:  ") + ms(s.latencyMs.mean);
    lines << QStringLiteral("Latency:          min %1  p50 %2  p90 %3  p95 %4  p99 %5  p99.9 %6  max %7")
                 .arg(ms(s.latencyMs.min), ms(s.latencyMs.p50), ms(s.latencyMs.p90), ms(s.latencyMs.p95),
                      ms(s.latencyMs.p99), ms(s.latencyMs.p999), ms(s.latencyMs.max));
    QStringList statuses;
    for (auto it = s.statusCounts.cbegin(); it != s.statusCounts.cend(); ++it)
        statuses << QStringLiteral("%1: %2").arg(it.key()).arg(it.value());
    lines << QStringLiteral("Status codes:     ")
            + (statuses.isEmpty() ? QStringLiteral("none") : statuses.join(QStringLiteral(", ")));
    QStringList errors;
    for (auto it = s.errorCounts.cbegin(); it != s.errorCounts.cend(); ++it)
        errors << QStringLiteral("%1: %2").arg(it.key()).arg(it.value());
    lines << QStringLiteral("Errors by kind:   ")
            + (errors.isEmpty() ? QStringLiteral("none") : errors.join(QStringLiteral(", ")));
    if (s.cancelled() > 0)
        lines << QStringLiteral("Cancelled:        %1 (%2 never sent, %3 aborted in flight)")
                     .arg(s.cancelled())
                     .arg(s.requests - s.sent)
                     .arg(s.aborted);
    if (Stats::hasIntendedStarts(result.samples)) {
        lines << QStringLiteral("Start rate:       %1 /s achieved").arg(s.startRatePerS, 0, 'f', 1);
        lines << QStringLiteral("From intended:    p50 %1  p99 %2  p99.9 %3  max %4 (what a user in line waits)")
                     .arg(ms(s.latencyFromIntendedMs.p50), ms(s.latencyFromIntendedMs.p99),
                          ms(s.latencyFromIntendedMs.p999), ms(s.latencyFromIntendedMs.max));
        lines << QStringLiteral("Late starts:      %1").arg(s.late)
                + (s.late > 0 ? QStringLiteral(" (p50 %1, p99 %2, max %3 behind schedule)")
                                    .arg(ms(s.lateMs.p50), ms(s.lateMs.p99), ms(s.lateMs.max))
                              : QString());
    }
    if (s.extraSent > 0)
        lines << QStringLiteral("Extra requests:   %1 (%2 % of N)")
                     .arg(s.extraSent)
                     .arg(s.extraRequestsPercent(), 0, 'f', 1);
    if (const auto opens = result.note(u"breaker.opens"))
        lines << QStringLiteral(
                     "Circuit breaker:  opened %1 times, open %2 s in all, %3 requests held back, %4 rejected "
                     "(never sent)")
                     .arg(*opens)
                     .arg(result.note(u"breaker.open_s").value_or(0), 0, 'f', 2)
                     .arg(result.note(u"breaker.held_back").value_or(0))
                     .arg(result.note(u"breaker.rejected").value_or(0));
    lines << QStringLiteral("Max in flight:    %1").arg(s.maxInFlight);
    lines
        << QStringLiteral("Memory:           peak RSS %1, RSS delta %2").arg(mib(r.peakRssBytes), mib(r.rssDeltaBytes));
    if (r.allocations >= 0)
        lines << QStringLiteral("Allocations:      %1 (%2 allocated in total)")
                     .arg(r.allocations)
                     .arg(mib(r.allocatedBytes));
    lines << QStringLiteral("Threads (peak):   %1").arg(r.threadsPeak);
    lines << QStringLiteral("CPU:              user %1 s, sys %2 s; context switches %3 voluntary, %4 involuntary")
                 .arg(r.cpuUserS, 0, 'f', 2)
                 .arg(r.cpuSysS, 0, 'f', 2)
                 .arg(r.ctxSwitchesVoluntary)
                 .arg(r.ctxSwitchesInvoluntary);
    for (const auto &[key, value] : result.notes) {
        if (!PatternResult::isDrawingNote(key))
            lines << QStringLiteral("%1: %2").arg(key).arg(value);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString comparisonTable(const QList<PatternResult> &results)
{
    qsizetype nameWidth = 7;
    for (const PatternResult &result : results)
        nameWidth = std::max(nameWidth, result.title.size() + 12); // room for " [stopped]"
    const QList<int> widths = { -int(std::min<qsizetype>(nameWidth, 56)), 10, 10, 9, 9, 9, 9, 8, 10, 8 };
    const QStringList header
        = { QStringLiteral("pattern"),  QStringLiteral("total s"), QStringLiteral("req/s"),  QStringLiteral("mean ms"),
            QStringLiteral("p50 ms"),   QStringLiteral("p99 ms"),  QStringLiteral("errors"), QStringLiteral("in-fl"),
            QStringLiteral("peak RSS"), QStringLiteral("threads") };
    const auto row = [&](const QStringList &cells) {
        QStringList out;
        for (int i = 0; i < cells.size(); ++i)
            out << padded(cells[i], widths[i]);
        return out.join(QLatin1Char(' ')).trimmed();
    };
    QStringList lines { QStringLiteral("=== Comparison ==="), row(header) };
    for (const PatternResult &result : results) {
        const PatternSummary s = result.summary();
        QString name = result.title;
        if (result.outcome != PatternResult::Outcome::Finished)
            name += QStringLiteral(" [") + result.outcomeName() + QLatin1Char(']');
        lines << row({ name.left(-widths[0]), QString::number(s.totalTimeS, 'f', 2),
                       QString::number(s.throughputRps, 'f', 1), QString::number(s.latencyMs.mean, 'f', 2),
                       QString::number(s.latencyMs.p50, 'f', 2), QString::number(s.latencyMs.p99, 'f', 2),
                       QString::number(s.errors), QString::number(s.maxInFlight), mib(result.resources.peakRssBytes),
                       QString::number(result.resources.threadsPeak) });
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

namespace {
QString figure(double value)
{
    return QString::number(value, 'f', value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3);
}

QString table(const QList<QStringList> &rows)
{
    QList<int> widths;
    for (const QStringList &row : rows) {
        for (int i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], int(row[i].size()));
        }
    }
    QStringList lines;
    for (const QStringList &row : rows) {
        QStringList cells;
        for (int i = 0; i < row.size(); ++i)
            cells << padded(row[i], i == 0 ? -widths[i] : widths[i]);
        lines << cells.join(QStringLiteral("  ")).trimmed();
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString sweepReport(const RunData &run)
{
    const Sweep &sweep = run.sweep;
    QString out = QStringLiteral("=== Sweep of %1: %2 of %3 values ===\n")
                      .arg(sweep.param)
                      .arg(sweep.points.size())
                      .arg(sweep.values.size());
    const QMap<QString, Experiments::Fit> fits = Experiments::fits(sweep);
    for (const QString &id : run.config.patterns) {
        const auto found = fits.constFind(id);
        if (found == fits.cend())
            continue;
        QList<QStringList> rows { { sweep.param, QStringLiteral("req/s"), QStringLiteral("p99 ms"),
                                    QStringLiteral("in flight"), QStringLiteral("X x W"), QStringLiteral("Little") } };
        for (const SweepPoint &point : sweep.points) {
            for (qsizetype i = 0; i < point.results.size() && i < point.summaries.size(); ++i) {
                if (point.results.at(i).id != id)
                    continue;
                const TrialFigures f = Experiments::medianFigures(point.results.at(i), point.summaries.at(i));
                const auto little = Experiments::little(point.results.at(i), point.summaries.at(i));
                rows << QStringList { QString::number(point.value, 'g', 6),
                                      figure(f.throughputRps),
                                      figure(f.p99Ms),
                                      little ? figure(little->measured) : QStringLiteral("-"),
                                      little ? figure(little->predicted) : QStringLiteral("-"),
                                      !little ? QStringLiteral("-")
                                          : little->disagrees()
                                          ? QStringLiteral("OFF %1%").arg(qRound(100 * little->relativeGap()))
                                          : QStringLiteral("ok") };
            }
        }
        const Experiments::Fit &fit = found.value();
        out += QStringLiteral("\n%1\n").arg(id) + table(rows);
        if (!fit.usesParam) {
            out += QStringLiteral("%1 does not use %2: its figures change only with the server and the machine\n")
                       .arg(id, sweep.param);
            continue;
        }
        out += fit.knee ? QStringLiteral("knee: %1=%2 (p99 curve's farthest point below its chord)\n")
                              .arg(sweep.param, QString::number(*fit.knee, 'g', 6))
                        : QStringLiteral("knee: none in this range (p99 rises less than 1.5x, or without a bend, "
                                         "or fewer than 4 values)\n");
        if (fit.usl && fit.usl->r2 < Experiments::PoorFitR2)
            out += QStringLiteral("USL fit: poor (R^2 %1), the throughput does not follow the law here\n")
                       .arg(fit.usl->r2, 0, 'f', 2);
        else if (fit.usl)
            out += QStringLiteral("USL fit: sigma %1, kappa %2, lambda %3 req/s, R^2 %4, peak %5\n")
                       .arg(QString::number(fit.usl->sigma, 'g', 3), QString::number(fit.usl->kappa, 'g', 3),
                            figure(fit.usl->lambda), QString::number(fit.usl->r2, 'f', 3),
                            fit.usl->peak ? QStringLiteral("at %1 %2").arg(figure(*fit.usl->peak), sweep.param)
                                          : QStringLiteral("none (no coherency cost measured)"));
        else if (sweep.param == u"concurrency")
            out += QStringLiteral("USL fit: needs %1 or more concurrency values with answers\n")
                       .arg(ExperimentStats::MinFitPoints);
    }
    return out;
}

// n distinct values from `from` on: two such runs are the most separated samples there are,
// so their p-value is the smallest the sizes allow.
std::vector<double> ranks(int from, int n)
{
    std::vector<double> out;
    for (int i = 0; i < n; ++i)
        out.push_back(from + i);
    return out;
}

QString repeatReport(const RunData &run)
{
    const int trials = Experiments::minTrials(run.results);
    QString out = QStringLiteral("\n=== %1 trials per pattern (interleaved, seed %2 + trial) ===\n")
                      .arg(trials)
                      .arg(run.config.seed.value_or(0));
    QList<QStringList> rows { { QStringLiteral("pattern") } };
    for (const Experiments::Metric &m : Experiments::metrics())
        rows.first() << QStringLiteral("%1 %2 median [95% CI]").arg(QLatin1String(m.label), QLatin1String(m.unit));
    for (const PatternResult &r : run.results) {
        QStringList row { r.id };
        for (const Experiments::Metric &m : Experiments::metrics()) {
            const std::vector<double> v = Experiments::values(r.trials, m.member);
            const ExperimentStats::Interval ci = ExperimentStats::medianCi95(v);
            row << QStringLiteral("%1 [%2, %3]").arg(figure(ExperimentStats::median(v)), figure(ci.lo), figure(ci.hi));
        }
        rows << row;
    }
    out += table(rows);
    if (trials > 0 && trials < 6)
        out += QStringLiteral("Note: with %1 trials the interval is [min, max], %2% confident.\n")
                   .arg(trials)
                   .arg(
                       qRound(100 * ExperimentStats::medianCi95(std::vector<double>(std::size_t(trials), 0)).coverage));
    QList<QStringList> verdicts { { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("metric"),
                                    QStringLiteral("median a"), QStringLiteral("median b"), QStringLiteral("p"),
                                    QStringLiteral("verdict") } };
    for (const Experiments::Comparison &c : Experiments::comparisons(run.results))
        verdicts << QStringList {
            c.a, c.b, c.metric, figure(c.medianA), figure(c.medianB), QString::number(c.pValue, 'g', 2), c.verdict
        };
    out += QStringLiteral("\nMann-Whitney U, two-sided, alpha 0.05:\n") + table(verdicts);
    if (trials > 0 && trials < ExperimentStats::MinTrialsForVerdict)
        out += QStringLiteral("Warning: fewer than %1 trials per side can never show a difference at alpha 0.05 "
                              "(%2 vs %2: p >= %3); use --repeat %1 or more.\n")
                   .arg(ExperimentStats::MinTrialsForVerdict)
                   .arg(trials)
                   .arg(QString::number(ExperimentStats::mannWhitney(ranks(0, trials), ranks(trials, trials)).pValue,
                                        'g', 2));
    return out;
}
} // namespace

QString experimentReport(const RunData &run)
{
    QString out;
    if (!run.sweep.isEmpty())
        out += sweepReport(run);
    if (Experiments::minTrials(run.results) > 0)
        out += repeatReport(run);
    return out;
}

QString compareReport(const QList<RunData> &runs, const QStringList &labels)
{
    QString out = QStringLiteral("=== Compared runs ===\n");
    for (qsizetype i = 0; i < runs.size(); ++i)
        out += QStringLiteral("%1: %2\n").arg(labels.value(i), configLine(runs.at(i).config));
    QList<QStringList> rows { { QStringLiteral("pattern"), QStringLiteral("metric") } };
    for (qsizetype i = 0; i < runs.size(); ++i)
        rows.first() << labels.value(i);
    for (qsizetype i = 1; i < runs.size(); ++i)
        rows.first() << QStringLiteral("change %1").arg(i + 1) << QStringLiteral("verdict %1").arg(i + 1);
    for (const Experiments::RunDifference &d : Experiments::compareRuns(runs)) {
        QStringList row { d.pattern, d.metric };
        for (const auto &v : d.values)
            row << (v ? figure(*v) : QStringLiteral("-"));
        for (qsizetype i = 1; i < d.values.size(); ++i) {
            const auto &change = d.changePercent.at(i);
            row << (change ? QStringLiteral("%1%2%")
                                 .arg(*change >= 0 ? QStringLiteral("+") : QString())
                                 .arg(*change, 0, 'f', 1)
                           : QStringLiteral("-"));
            // "a lower" said with the runs' names: a is the first run, b this one.
            const QString verdict = Experiments::verdictNamed(d.verdicts.at(i), labels.value(0), labels.value(i));
            row << (verdict.isEmpty()
                        ? QStringLiteral("(no trials)")
                        : QStringLiteral("%1 (p=%2)").arg(verdict, QString::number(*d.pValues.at(i), 'g', 2)));
        }
        rows << row;
    }
    return out + table(rows);
}

} // namespace Report

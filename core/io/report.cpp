// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "io/report.h"

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

} // namespace Report

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "io/resultwriter.h"

#include "model/experiment.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include <unistd.h>

namespace ResultWriter {

namespace {
QJsonValue countOrNull(std::int64_t value)
{
    return value < 0 ? QJsonValue() : QJsonValue(qint64(value));
}

QJsonObject latencyJson(const LatencySummary &l)
{
    return { { QStringLiteral("min"), l.min },   { QStringLiteral("mean"), l.mean }, { QStringLiteral("p50"), l.p50 },
             { QStringLiteral("p90"), l.p90 },   { QStringLiteral("p95"), l.p95 },   { QStringLiteral("p99"), l.p99 },
             { QStringLiteral("p999"), l.p999 }, { QStringLiteral("max"), l.max } };
}

QJsonObject resourcesJson(const ResourceUsage &r)
{
    return { { QStringLiteral("peak_rss_bytes"), qint64(r.peakRssBytes) },
             { QStringLiteral("rss_delta_bytes"), qint64(r.rssDeltaBytes) },
             { QStringLiteral("threads_peak"), r.threadsPeak },
             { QStringLiteral("cpu_user_s"), r.cpuUserS },
             { QStringLiteral("cpu_sys_s"), r.cpuSysS },
             { QStringLiteral("allocations"), countOrNull(r.allocations) },
             { QStringLiteral("allocated_bytes"), countOrNull(r.allocatedBytes) },
             { QStringLiteral("ctx_switches_voluntary"), qint64(r.ctxSwitchesVoluntary) },
             { QStringLiteral("ctx_switches_involuntary"), qint64(r.ctxSwitchesInvoluntary) } };
}

QJsonArray interval(const ExperimentStats::Interval &i)
{
    return { i.lo, i.hi };
}

QJsonObject resultJson(const PatternResult &result, const PatternSummary &s)
{
    QJsonObject statusCounts;
    for (auto it = s.statusCounts.cbegin(); it != s.statusCounts.cend(); ++it)
        statusCounts.insert(QString::number(it.key()), it.value());
    QJsonObject errorCounts;
    for (auto it = s.errorCounts.cbegin(); it != s.errorCounts.cend(); ++it)
        errorCounts.insert(it.key(), it.value());
    QJsonObject notes;
    for (const auto &[key, value] : result.notes)
        notes.insert(key, value);
    QJsonObject json { { QStringLiteral("pattern"), result.id },
                       { QStringLiteral("title"), result.title },
                       { QStringLiteral("outcome"), result.outcomeName() },
                       { QStringLiteral("requests"), s.requests },
                       { QStringLiteral("sent"), s.sent },
                       { QStringLiteral("ok"), s.ok },
                       { QStringLiteral("errors"), s.errors },
                       { QStringLiteral("status_counts"), statusCounts },
                       { QStringLiteral("error_counts"), errorCounts },
                       { QStringLiteral("total_time_s"), s.totalTimeS },
                       { QStringLiteral("throughput_rps"), s.throughputRps },
                       { QStringLiteral("latency_ms"), latencyJson(s.latencyMs) },
                       { QStringLiteral("max_in_flight"), s.maxInFlight },
                       { QStringLiteral("resources"), resourcesJson(result.resources) },
                       { QStringLiteral("notes"), notes } };
    if (!result.failure.isEmpty())
        json.insert(QStringLiteral("failure"), result.failure);
    // DESIGN.md's additions, present for every pattern (null where they do not apply).
    json.insert(QStringLiteral("params"), result.params);
    json.insert(QStringLiteral("cancelled"), s.cancelled());
    json.insert(QStringLiteral("aborted_in_flight"), s.aborted);
    json.insert(QStringLiteral("late"), s.late);
    json.insert(QStringLiteral("late_ms"),
                QJsonObject { { QStringLiteral("p50"), s.lateMs.p50 },
                              { QStringLiteral("p99"), s.lateMs.p99 },
                              { QStringLiteral("max"), s.lateMs.max } });
    json.insert(QStringLiteral("latency_from_intended_ms"), latencyJson(s.latencyFromIntendedMs));
    const auto hedges = std::count_if(result.extraSamples.begin(), result.extraSamples.end(),
                                      [](const Sample &e) { return e.kind == SampleKind::Hedge && e.sent(); });
    const auto note = [&result](const QString &key) { return result.note(key); };
    const double hedgeWins = note(QStringLiteral("hedged.hedge_wins")).value_or(0);
    json.insert(QStringLiteral("hedges"), qint64(hedges));
    json.insert(QStringLiteral("hedge_wins"), qint64(hedgeWins));
    json.insert(QStringLiteral("extra_requests_pct"), s.extraRequestsPercent());
    json.insert(QStringLiteral("start_rate_per_s"), s.startRatePerS);
    // The pipeline's stages and the circuit breaker, from the notes their patterns leave.
    QJsonArray stages;
    for (const char *stage : { "fetch", "parse", "aggregate" }) {
        const QString prefix = QStringLiteral("stage.%1.").arg(QLatin1String(stage));
        const auto workers = note(prefix + QStringLiteral("workers"));
        if (!workers)
            continue;
        stages.append(QJsonObject {
            { QStringLiteral("name"), QLatin1String(stage) },
            { QStringLiteral("workers"), qint64(*workers) },
            { QStringLiteral("busy_s"), note(prefix + QStringLiteral("busy_s")).value_or(0) },
            { QStringLiteral("blocked_s"), note(prefix + QStringLiteral("blocked_s")).value_or(0) },
            { QStringLiteral("max_queue"), qint64(note(prefix + QStringLiteral("max_queue")).value_or(0)) } });
    }
    json.insert(QStringLiteral("stages"), stages);
    const auto opens = note(QStringLiteral("breaker.opens"));
    json.insert(QStringLiteral("breaker"),
                opens ? QJsonValue(QJsonObject {
                    { QStringLiteral("opens"), qint64(*opens) },
                    { QStringLiteral("open_s"), note(QStringLiteral("breaker.open_s")).value_or(0) },
                    { QStringLiteral("held_back"), qint64(note(QStringLiteral("breaker.held_back")).value_or(0)) } })
                      : QJsonValue());
    json.insert(QStringLiteral("server"), result.server.valid ? QJsonValue(result.server.toJson()) : QJsonValue());
    // --repeat: every trial's figures and the median's 95% interval per figure.
    if (!result.trials.isEmpty()) {
        QJsonArray trials;
        QJsonObject ci;
        for (const TrialFigures &t : result.trials)
            trials.append(QJsonObject { { QStringLiteral("total_time_s"), t.totalTimeS },
                                        { QStringLiteral("throughput_rps"), t.throughputRps },
                                        { QStringLiteral("p99_ms"), t.p99Ms } });
        for (const Experiments::Metric &m : Experiments::metrics())
            ci.insert(QLatin1String(m.key),
                      interval(ExperimentStats::medianCi95(Experiments::values(result.trials, m.member))));
        json.insert(QStringLiteral("trials"), trials);
        json.insert(QStringLiteral("ci95"), ci);
    }
    if (const auto check = Experiments::little(result, s)) {
        json.insert(QStringLiteral("littles_law"),
                    QJsonObject { { QStringLiteral("in_flight_sampled"), check->measured },
                                  { QStringLiteral("throughput_x_latency"), check->predicted },
                                  { QStringLiteral("disagrees"), check->disagrees() } });
    }
    return json;
}

QJsonArray resultsJson(const QList<PatternResult> &results, const QList<PatternSummary> &summaries)
{
    QJsonArray out;
    for (qsizetype i = 0; i < results.size(); ++i)
        out.append(resultJson(results.at(i), i < summaries.size() ? summaries.at(i) : results.at(i).summary()));
    return out;
}

QString joinCounts(const QMap<QString, int> &counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts << it.key() + QLatin1Char(':') + QString::number(it.value());
    return parts.join(QLatin1Char(';'));
}

// RFC 4180: quote fields that hold a separator, a quote or a line break.
QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n'))
        bytes = '"' + bytes.replace("\"", "\"\"") + '"';
    return bytes;
}
} // namespace

QJsonObject toJson(const RunConfig &config, const QList<PatternResult> &results)
{
    QList<PatternSummary> summaries;
    for (const PatternResult &result : results)
        summaries.append(result.summary());
    return toJson(config, results, summaries);
}

QJsonObject toJson(const RunConfig &config, const QList<PatternResult> &results, const QList<PatternSummary> &summaries)
{
    const BackpressureParams &bp = config.backpressure;
    QJsonObject configJson {
        { QStringLiteral("requests"), config.requests },
        { QStringLiteral("concurrency"), config.concurrency },
        { QStringLiteral("timeout_ms"), config.timeoutMs },
        { QStringLiteral("max_seconds"), config.maxSeconds },
        { QStringLiteral("engine"), engineName(config.engine) },
        { QStringLiteral("url"), config.url.toString() },
        { QStringLiteral("server"), config.bundledServer ? QStringLiteral("bundled") : QStringLiteral("external") },
        { QStringLiteral("profile"), config.bundledServer ? config.server.profile : QString() },
        { QStringLiteral("seed"), config.seed ? QJsonValue(qint64(*config.seed)) : QJsonValue() },
        { QStringLiteral("patterns"), QJsonArray::fromStringList(config.patterns) },
        { QStringLiteral("preset"), config.preset.isEmpty() ? QJsonValue() : QJsonValue(config.preset) },
        { QStringLiteral("backpressure"),
          QJsonObject { { QStringLiteral("window_ms"), bp.windowMs },
                        { QStringLiteral("high_water"), bp.highWater },
                        { QStringLiteral("low_water"), bp.lowWater },
                        { QStringLiteral("step_ms"), bp.stepMs },
                        { QStringLiteral("max_delay_ms"), bp.maxDelayMs } } },
    };
    if (config.bundledServer) {
        configJson.insert(QStringLiteral("latency_ms"),
                          config.server.latencyMs < 0 ? QJsonValue() : config.server.latencyMs);
        configJson.insert(QStringLiteral("error_rate"),
                          config.server.errorRate < 0 ? QJsonValue() : config.server.errorRate);
        // What the server really used (the Runner reads its /stats): a re-run repeats it.
        configJson.insert(QStringLiteral("capacity"),
                          config.server.capacity > 0 ? QJsonValue(config.server.capacity) : QJsonValue());
        configJson.insert(QStringLiteral("max_queue"),
                          config.server.maxQueue >= 0 ? QJsonValue(config.server.maxQueue) : QJsonValue());
        const auto optional = [](double v) { return v < 0 ? QJsonValue() : QJsonValue(v); };
        configJson.insert(QStringLiteral("stall_every_s"), optional(config.server.stallEverySeconds));
        configJson.insert(QStringLiteral("stall_ms"), optional(config.server.stallMs));
        configJson.insert(QStringLiteral("tail_ms"), optional(config.server.tailMs));
        configJson.insert(QStringLiteral("tail_rate"), optional(config.server.tailRate));
        configJson.insert(QStringLiteral("token_ms"), optional(config.server.tokenMs));
    }
    // Every pattern flag by its name without dashes (DESIGN.md), whichever patterns ran.
    for (const QString &flag : RunConfig::patternFlags())
        configJson.insert(RunConfig::flagKey(flag), config.flagValue(flag));
    QStringList notRun = config.patterns;
    for (const PatternResult &result : results)
        notRun.removeAll(result.id);
    const int trials = Experiments::minTrials(results);
    configJson.insert(QStringLiteral("repeat"), std::max(1, trials));
    QJsonObject json { { QStringLiteral("version"), 1 },
                       { QStringLiteral("config"), configJson },
                       { QStringLiteral("results"), resultsJson(results, summaries) },
                       // Patterns a stop kept from starting: listed, so results never silently miss one.
                       { QStringLiteral("not_run"), QJsonArray::fromStringList(notRun) } };
    if (trials > 0) {
        QJsonArray comparisons;
        for (const Experiments::Comparison &c : Experiments::comparisons(results))
            comparisons.append(QJsonObject { { QStringLiteral("a"), c.a },
                                             { QStringLiteral("b"), c.b },
                                             { QStringLiteral("metric"), c.metric },
                                             { QStringLiteral("median_a"), c.medianA },
                                             { QStringLiteral("median_b"), c.medianB },
                                             { QStringLiteral("p_value"), c.pValue },
                                             { QStringLiteral("verdict"), c.verdict } });
        json.insert(QStringLiteral("comparisons"), comparisons);
    }
    return json;
}

QJsonObject toJson(const RunData &run)
{
    QJsonObject json = toJson(run.config, run.results, run.summaries);
    if (!run.sweep.isEmpty()) {
        QJsonArray values;
        for (double v : run.sweep.values)
            values.append(v);
        QJsonArray points;
        for (const SweepPoint &point : run.sweep.points)
            points.append(QJsonObject { { QStringLiteral("value"), point.value },
                                        { QStringLiteral("results"), resultsJson(point.results, point.summaries) } });
        QJsonObject fits;
        const QMap<QString, Experiments::Fit> all = Experiments::fits(run.sweep);
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            QJsonValue usl;
            if (const auto &u = it.value().usl)
                usl = QJsonObject { { QStringLiteral("sigma"), u->sigma },
                                    { QStringLiteral("kappa"), u->kappa },
                                    { QStringLiteral("lambda"), u->lambda },
                                    { QStringLiteral("r2"), u->r2 },
                                    { QStringLiteral("peak"), u->peak ? QJsonValue(*u->peak) : QJsonValue() } };
            fits.insert(it.key(),
                        QJsonObject { { QStringLiteral("usl"), usl },
                                      { QStringLiteral("knee"),
                                        it.value().knee ? QJsonValue(*it.value().knee) : QJsonValue() } });
        }
        json.insert(QStringLiteral("sweep"),
                    QJsonObject { { QStringLiteral("param"), run.sweep.param },
                                  { QStringLiteral("values"), values },
                                  { QStringLiteral("points"), points },
                                  { QStringLiteral("fits"), fits } });
    }
    if (!run.prediction.isEmpty())
        json.insert(QStringLiteral("prediction"),
                    QJsonObject { { QStringLiteral("first_to_finish"), run.prediction.firstToFinish },
                                  { QStringLiteral("most_memory"), run.prediction.mostMemory } });
    return json;
}

QByteArray summaryCsv(const QList<PatternResult> &results)
{
    QByteArray csv = "pattern,title,outcome,requests,ok,errors,error_percent,total_time_s,throughput_rps,"
                     "latency_min_ms,latency_mean_ms,latency_p50_ms,latency_p90_ms,latency_p95_ms,latency_p99_ms,"
                     "latency_p999_ms,latency_max_ms,max_in_flight,status_counts,error_counts,peak_rss_bytes,"
                     "rss_delta_bytes,threads_peak,cpu_user_s,cpu_sys_s,allocations,allocated_bytes,"
                     "ctx_switches_voluntary,ctx_switches_involuntary\n";
    for (const PatternResult &result : results) {
        const PatternSummary s = result.summary();
        const LatencySummary &l = s.latencyMs;
        const ResourceUsage &r = result.resources;
        QMap<QString, int> statuses;
        for (auto it = s.statusCounts.cbegin(); it != s.statusCounts.cend(); ++it)
            statuses.insert(QString::number(it.key()), it.value());
        const auto num = [](double v) { return QByteArray::number(v, 'g', 10); };
        const auto count = [](std::int64_t v) { return v < 0 ? QByteArray() : QByteArray::number(qint64(v)); };
        const QList<QByteArray> fields = { csvField(result.id),
                                           csvField(result.title),
                                           csvField(result.outcomeName()),
                                           QByteArray::number(s.requests),
                                           QByteArray::number(s.ok),
                                           QByteArray::number(s.errors),
                                           num(s.errorPercent()),
                                           num(s.totalTimeS),
                                           num(s.throughputRps),
                                           num(l.min),
                                           num(l.mean),
                                           num(l.p50),
                                           num(l.p90),
                                           num(l.p95),
                                           num(l.p99),
                                           num(l.p999),
                                           num(l.max),
                                           QByteArray::number(s.maxInFlight),
                                           csvField(joinCounts(statuses)),
                                           csvField(joinCounts(s.errorCounts)),
                                           count(r.peakRssBytes),
                                           QByteArray::number(qint64(r.rssDeltaBytes)),
                                           QByteArray::number(r.threadsPeak),
                                           num(r.cpuUserS),
                                           num(r.cpuSysS),
                                           count(r.allocations),
                                           count(r.allocatedBytes),
                                           count(r.ctxSwitchesVoluntary),
                                           count(r.ctxSwitchesInvoluntary) };
        csv += fields.join(',') + '\n';
    }
    return csv;
}

QByteArray experimentCsv(const RunData &run)
{
    QByteArray csv = "param,value,pattern,trials,total_time_s,total_time_lo,total_time_hi,throughput_rps,"
                     "throughput_lo,throughput_hi,p99_ms,p99_lo,p99_hi,in_flight_sampled,throughput_x_latency,"
                     "littles_law_disagrees\n";
    QList<SweepPoint> points = run.sweep.points;
    if (points.isEmpty())
        points.append({ 0, run.results, run.summaries });
    for (const SweepPoint &point : points) {
        for (qsizetype i = 0; i < point.results.size() && i < point.summaries.size(); ++i) {
            const PatternResult &r = point.results.at(i);
            const TrialFigures median = Experiments::medianFigures(r, point.summaries.at(i));
            QByteArrayList row { csvField(run.sweep.param),
                                 run.sweep.isEmpty() ? QByteArray() : QByteArray::number(point.value, 'g', 10),
                                 csvField(r.id), QByteArray::number(std::max<qsizetype>(1, r.trials.size())) };
            for (const Experiments::Metric &m : Experiments::metrics()) {
                row << QByteArray::number(median.*m.member, 'g', 10);
                if (r.trials.isEmpty()) {
                    row << QByteArray() << QByteArray();
                } else {
                    const auto ci = ExperimentStats::medianCi95(Experiments::values(r.trials, m.member));
                    row << QByteArray::number(ci.lo, 'g', 10) << QByteArray::number(ci.hi, 'g', 10);
                }
            }
            if (const auto check = Experiments::little(r, point.summaries.at(i)))
                row << QByteArray::number(check->measured, 'g', 6) << QByteArray::number(check->predicted, 'g', 6)
                    << (check->disagrees() ? "true" : "false");
            else
                row << QByteArray() << QByteArray() << QByteArray();
            csv += row.join(',') + '\n';
        }
    }
    return csv;
}

QJsonObject compareJson(const QList<RunData> &runs, const QStringList &labels)
{
    QJsonArray runsJson;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const RunConfig &c = runs.at(i).config;
        runsJson.append(QJsonObject { { QStringLiteral("label"), labels.value(i) },
                                      { QStringLiteral("engine"), engineName(c.engine) },
                                      { QStringLiteral("requests"), c.requests },
                                      { QStringLiteral("concurrency"), c.concurrency },
                                      { QStringLiteral("seed"), c.seed ? QJsonValue(qint64(*c.seed)) : QJsonValue() },
                                      { QStringLiteral("trials"), Experiments::minTrials(runs.at(i).results) } });
    }
    const auto optional = [](const std::optional<double> &v) { return v ? QJsonValue(*v) : QJsonValue(); };
    QJsonArray rows;
    for (const Experiments::RunDifference &d : Experiments::compareRuns(runs)) {
        QJsonArray values;
        QJsonArray changes;
        QJsonArray pValues;
        QJsonArray verdicts;
        for (qsizetype i = 0; i < d.values.size(); ++i) {
            values.append(optional(d.values.at(i)));
            changes.append(optional(d.changePercent.at(i)));
            pValues.append(optional(d.pValues.at(i)));
            verdicts.append(d.verdicts.at(i).isEmpty() ? QJsonValue() : QJsonValue(d.verdicts.at(i)));
        }
        rows.append(QJsonObject { { QStringLiteral("pattern"), d.pattern },
                                  { QStringLiteral("metric"), d.metric },
                                  { QStringLiteral("values"), values },
                                  { QStringLiteral("change_pct"), changes },
                                  { QStringLiteral("p_value"), pValues },
                                  { QStringLiteral("verdict"), verdicts } });
    }
    return { { QStringLiteral("version"), 1 },
             { QStringLiteral("compare"),
               QJsonObject { { QStringLiteral("runs"), runsJson }, { QStringLiteral("rows"), rows } } } };
}

QByteArray compareCsv(const QList<RunData> &runs, const QStringList &labels)
{
    QByteArray csv = "pattern,metric,run,value,change_pct,p_value,verdict\n";
    const auto number
        = [](const std::optional<double> &v) { return v ? QByteArray::number(*v, 'g', 10) : QByteArray(); };
    for (const Experiments::RunDifference &d : Experiments::compareRuns(runs)) {
        for (qsizetype i = 0; i < d.values.size(); ++i)
            csv += QByteArrayList { csvField(d.pattern),           csvField(d.metric),
                                    csvField(labels.value(i)),     number(d.values.at(i)),
                                    number(d.changePercent.at(i)), number(d.pValues.at(i)),
                                    csvField(d.verdicts.at(i)) }
                       .join(',')
                + '\n';
    }
    return csv;
}

QByteArray samplesCsv(const QList<PatternResult> &results)
{
    QByteArray csv = "pattern,index,worker,start_ms,end_ms,latency_ms,status,error,server_queue_ms,"
                     "server_service_ms,intended_ms,kind\n";
    for (const PatternResult &result : results) {
        std::vector<Sample> samples = result.samples;
        samples.insert(samples.end(), result.extraSamples.begin(), result.extraSamples.end());
        std::stable_sort(samples.begin(), samples.end(),
                         [](const Sample &a, const Sample &b) { return a.index < b.index; });
        const QByteArray id = csvField(result.id);
        for (const Sample &s : samples) {
            csv += id + ',' + QByteArray::number(s.index) + ',' + QByteArray::number(s.worker) + ','
                + QByteArray::number(double(s.startNs) / 1e6, 'f', 3) + ','
                + QByteArray::number(double(s.endNs) / 1e6, 'f', 3) + ',' + QByteArray::number(s.latencyMs(), 'f', 3)
                + ',' + QByteArray::number(s.status) + ',' + errorKindName(s.error).toLatin1() + ','
                + (s.hasServerTiming() ? QByteArray::number(s.serverQueueUs / 1000.0, 'f', 3) + ','
                           + QByteArray::number(s.serverServiceUs / 1000.0, 'f', 3)
                                       : QByteArray(","))
                + ',' + QByteArray::number(double(s.intendedStartNs()) / 1e6, 'f', 3) + ','
                + sampleKindName(s.kind).toLatin1() + '\n';
        }
    }
    return csv;
}

bool writeFile(const QString &path, const QByteArray &contents, QString *error)
{
    const auto failed = [&](const QString &reason) {
        *error = QStringLiteral("cannot write %1: %2 (nothing was changed there)").arg(path, reason);
        return false;
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return failed(file.errorString());
    // The bytes go to the temporary file's descriptor directly, each step checked before the
    // rename: Qt 6.4's commit() renames the temporary file over the old one even when its
    // own final flush failed (ENOSPC), and its error string then says "Unknown error".
    const char *data = contents.constData();
    qsizetype left = contents.size();
    int failure = 0;
    while (left > 0 && !failure) {
        const ssize_t n = ::write(file.handle(), data, std::size_t(left));
        if (n < 0 && errno != EINTR)
            failure = errno;
        else if (n > 0) {
            data += n;
            left -= n;
        }
    }
    if (!failure && ::fsync(file.handle()) != 0)
        failure = errno;
    if (failure) {
        file.cancelWriting(); // the temporary file is removed, the old one untouched
        return failed(QString::fromLocal8Bit(std::strerror(failure)));
    }
    if (!file.commit())
        return failed(file.errorString());
    return true;
}

bool checkWritable(const QString &path, QString *error)
{
    const QFileInfo info(path);
    const QFileInfo dir(info.absolutePath());
    if (info.isDir()) {
        *error = QStringLiteral("%1 is a folder, not a file").arg(path);
    } else if (!dir.exists()) {
        *error = QStringLiteral("folder %1 does not exist").arg(dir.absoluteFilePath());
    } else if (!dir.isDir()) {
        *error = QStringLiteral("%1 is a file, not a folder").arg(dir.absoluteFilePath());
    } else if (!dir.isWritable()) {
        *error = QStringLiteral("folder %1 is not writable").arg(dir.absoluteFilePath());
    } else if (info.exists() && !info.isWritable()) {
        *error = QStringLiteral("%1 is not writable").arg(path);
    } else {
        return true;
    }
    return false;
}

} // namespace ResultWriter

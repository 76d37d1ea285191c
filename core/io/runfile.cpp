// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "io/runfile.h"

#include "io/resultwriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace RunFile {

namespace {
const QString kSamples = QStringLiteral("samples");
const QString kResourceSeries = QStringLiteral("resource_series");
const QString kColumns = QStringLiteral("columns");
const QString kRows = QStringLiteral("rows");

QJsonObject samplesJson(const std::vector<Sample> &samples)
{
    QJsonArray rows;
    for (const Sample &s : samples) {
        rows.append(
            QJsonArray { s.index, s.worker, qint64(s.startNs), qint64(s.endNs), s.status, errorKindName(s.error) });
    }
    return { { kColumns,
               QJsonArray { QStringLiteral("index"), QStringLiteral("worker"), QStringLiteral("start_ns"),
                            QStringLiteral("end_ns"), QStringLiteral("status"), QStringLiteral("error") } },
             { kRows, rows } };
}

QJsonObject resourceSeriesJson(const std::vector<ResourcePoint> &points)
{
    QJsonArray rows;
    for (const ResourcePoint &p : points)
        rows.append(QJsonArray { qint64(p.tNs), qint64(p.rssBytes), p.threads, p.cpuUserS, p.cpuSysS });
    return { { kColumns,
               QJsonArray { QStringLiteral("t_ns"), QStringLiteral("rss_bytes"), QStringLiteral("threads"),
                            QStringLiteral("cpu_user_s"), QStringLiteral("cpu_sys_s") } },
             { kRows, rows } };
}

bool readSamples(const QJsonObject &json, std::vector<Sample> *samples, QString *error)
{
    const QJsonArray rows = json.value(kRows).toArray();
    samples->reserve(std::size_t(rows.size()));
    for (const QJsonValue &value : rows) {
        const QJsonArray row = value.toArray();
        if (row.size() < 6) {
            *error = QStringLiteral("a sample row has %1 fields, expected 6").arg(row.size());
            return false;
        }
        Sample s;
        s.index = row.at(0).toInt(-1);
        s.worker = row.at(1).toInt(-1);
        s.startNs = qint64(row.at(2).toDouble());
        s.endNs = qint64(row.at(3).toDouble());
        s.status = std::int16_t(row.at(4).toInt());
        bool ok = false;
        s.error = errorKindFromName(row.at(5).toString(), &ok);
        if (!ok) {
            *error = QStringLiteral("unknown error kind '%1' in a sample").arg(row.at(5).toString());
            return false;
        }
        samples->push_back(s);
    }
    return true;
}

void readResourceSeries(const QJsonObject &json, std::vector<ResourcePoint> *points)
{
    const QJsonArray rows = json.value(kRows).toArray();
    points->reserve(std::size_t(rows.size()));
    for (const QJsonValue &value : rows) {
        const QJsonArray row = value.toArray();
        if (row.size() < 5)
            continue;
        points->push_back({ qint64(row.at(0).toDouble()), qint64(row.at(1).toDouble()), row.at(2).toInt(),
                            row.at(3).toDouble(), row.at(4).toDouble() });
    }
}

std::int64_t countOrMinusOne(const QJsonValue &value)
{
    return value.isDouble() ? qint64(value.toDouble()) : -1;
}

PatternSummary readSummary(const QJsonObject &r)
{
    PatternSummary s;
    s.requests = r.value(QStringLiteral("requests")).toInt();
    s.ok = r.value(QStringLiteral("ok")).toInt();
    s.errors = r.value(QStringLiteral("errors")).toInt();
    // "sent" is not in the contract's minimum: without it, everything not cancelled was sent.
    const QJsonObject errorCounts = r.value(QStringLiteral("error_counts")).toObject();
    s.sent = r.contains(QStringLiteral("sent")) ? r.value(QStringLiteral("sent")).toInt()
                                                : s.requests - errorCounts.value(QStringLiteral("cancelled")).toInt();
    const QJsonObject statusCounts = r.value(QStringLiteral("status_counts")).toObject();
    for (auto it = statusCounts.begin(); it != statusCounts.end(); ++it)
        s.statusCounts.insert(it.key().toInt(), it.value().toInt());
    for (auto it = errorCounts.begin(); it != errorCounts.end(); ++it)
        s.errorCounts.insert(it.key(), it.value().toInt());
    s.totalTimeS = r.value(QStringLiteral("total_time_s")).toDouble();
    s.throughputRps = r.value(QStringLiteral("throughput_rps")).toDouble();
    const QJsonObject l = r.value(QStringLiteral("latency_ms")).toObject();
    s.latencyMs.min = l.value(QStringLiteral("min")).toDouble();
    s.latencyMs.mean = l.value(QStringLiteral("mean")).toDouble();
    s.latencyMs.p50 = l.value(QStringLiteral("p50")).toDouble();
    s.latencyMs.p90 = l.value(QStringLiteral("p90")).toDouble();
    s.latencyMs.p95 = l.value(QStringLiteral("p95")).toDouble();
    s.latencyMs.p99 = l.value(QStringLiteral("p99")).toDouble();
    s.latencyMs.p999 = l.value(QStringLiteral("p999")).toDouble();
    s.latencyMs.max = l.value(QStringLiteral("max")).toDouble();
    s.maxInFlight = r.value(QStringLiteral("max_in_flight")).toInt();
    return s;
}

ResourceUsage readResources(const QJsonObject &j)
{
    ResourceUsage u;
    u.peakRssBytes = qint64(j.value(QStringLiteral("peak_rss_bytes")).toDouble());
    u.rssDeltaBytes = qint64(j.value(QStringLiteral("rss_delta_bytes")).toDouble());
    u.threadsPeak = j.value(QStringLiteral("threads_peak")).toInt();
    u.cpuUserS = j.value(QStringLiteral("cpu_user_s")).toDouble();
    u.cpuSysS = j.value(QStringLiteral("cpu_sys_s")).toDouble();
    u.allocations = countOrMinusOne(j.value(QStringLiteral("allocations")));
    u.allocatedBytes = countOrMinusOne(j.value(QStringLiteral("allocated_bytes")));
    u.ctxSwitchesVoluntary = qint64(j.value(QStringLiteral("ctx_switches_voluntary")).toDouble());
    u.ctxSwitchesInvoluntary = qint64(j.value(QStringLiteral("ctx_switches_involuntary")).toDouble());
    return u;
}

RunConfig readConfig(const QJsonObject &c)
{
    RunConfig config;
    config.patterns.clear();
    for (const QJsonValue &id : c.value(QStringLiteral("patterns")).toArray())
        config.patterns << id.toString();
    config.requests = c.value(QStringLiteral("requests")).toInt(config.requests);
    config.concurrency = c.value(QStringLiteral("concurrency")).toInt(config.concurrency);
    config.timeoutMs = c.value(QStringLiteral("timeout_ms")).toInt(config.timeoutMs);
    config.maxSeconds = c.value(QStringLiteral("max_seconds")).toInt(config.maxSeconds);
    config.engine = engineFromName(c.value(QStringLiteral("engine")).toString()).value_or(Engine::Qt);
    config.url = QUrl(c.value(QStringLiteral("url")).toString());
    config.bundledServer = c.value(QStringLiteral("server")).toString() != QLatin1String("external");
    const QString profile = c.value(QStringLiteral("profile")).toString();
    if (!profile.isEmpty())
        config.server.profile = profile;
    config.server.latencyMs = c.value(QStringLiteral("latency_ms")).toDouble(-1);
    config.server.errorRate = c.value(QStringLiteral("error_rate")).toDouble(-1);
    const QJsonValue seed = c.value(QStringLiteral("seed"));
    if (seed.isDouble())
        config.seed = quint64(seed.toInteger());
    const QJsonObject bp = c.value(QStringLiteral("backpressure")).toObject();
    config.backpressure.windowMs = bp.value(QStringLiteral("window_ms")).toInt(config.backpressure.windowMs);
    config.backpressure.highWater = bp.value(QStringLiteral("high_water")).toInt(config.backpressure.highWater);
    config.backpressure.lowWater = bp.value(QStringLiteral("low_water")).toInt(config.backpressure.lowWater);
    config.backpressure.stepMs = bp.value(QStringLiteral("step_ms")).toInt(config.backpressure.stepMs);
    config.backpressure.maxDelayMs = bp.value(QStringLiteral("max_delay_ms")).toInt(config.backpressure.maxDelayMs);
    return config;
}

PatternResult::Outcome outcomeFromName(const QString &name)
{
    if (name == QLatin1String("stopped"))
        return PatternResult::Outcome::Stopped;
    if (name == QLatin1String("failed"))
        return PatternResult::Outcome::Failed;
    return PatternResult::Outcome::Finished;
}
} // namespace

QJsonObject toJson(const RunData &run)
{
    QJsonObject json = ResultWriter::toJson(run.config, run.results);
    QJsonArray results = json.value(QStringLiteral("results")).toArray();
    for (qsizetype i = 0; i < results.size() && i < run.results.size(); ++i) {
        const PatternResult &result = run.results.at(i);
        QJsonObject r = results.at(i).toObject();
        r.insert(QStringLiteral("total_ns"), qint64(result.totalNs));
        r.insert(kSamples, samplesJson(result.samples));
        r.insert(kResourceSeries, resourceSeriesJson(result.resourceSeries));
        results[i] = r;
    }
    json.insert(QStringLiteral("results"), results);
    return json;
}

QByteArray toBytes(const RunData &run)
{
    // Compact: a 100k-request run is ~6 MB this way, twice that indented.
    return QJsonDocument(toJson(run)).toJson(QJsonDocument::Compact);
}

bool save(const QString &path, const RunData &run, QString *error)
{
    return ResultWriter::writeFile(path, toBytes(run), error);
}

bool fromJson(const QJsonObject &json, RunData *run, QString *error)
{
    if (json.value(QStringLiteral("version")).toInt() != 1) {
        *error = QStringLiteral("not a PatternLab run (version 1 expected)");
        return false;
    }
    if (!json.value(QStringLiteral("results")).isArray()) {
        *error = QStringLiteral("the file has no results");
        return false;
    }
    RunData data;
    data.config = readConfig(json.value(QStringLiteral("config")).toObject());
    for (const QJsonValue &value : json.value(QStringLiteral("results")).toArray()) {
        const QJsonObject r = value.toObject();
        PatternResult result;
        result.id = r.value(QStringLiteral("pattern")).toString();
        if (result.id.isEmpty()) {
            *error = QStringLiteral("a result has no pattern id");
            return false;
        }
        result.title = r.value(QStringLiteral("title")).toString(result.id);
        result.outcome = outcomeFromName(r.value(QStringLiteral("outcome")).toString());
        result.failure = r.value(QStringLiteral("failure")).toString();
        result.requests = r.value(QStringLiteral("requests")).toInt();
        result.totalNs = r.contains(QStringLiteral("total_ns"))
            ? qint64(r.value(QStringLiteral("total_ns")).toDouble())
            : qint64(std::llround(r.value(QStringLiteral("total_time_s")).toDouble() * 1e9));
        result.maxInFlight = r.value(QStringLiteral("max_in_flight")).toInt();
        result.resources = readResources(r.value(QStringLiteral("resources")).toObject());
        const QJsonObject notes = r.value(QStringLiteral("notes")).toObject();
        for (auto it = notes.begin(); it != notes.end(); ++it)
            result.notes.append({ it.key(), it.value().toDouble() });
        if (!readSamples(r.value(kSamples).toObject(), &result.samples, error))
            return false;
        readResourceSeries(r.value(kResourceSeries).toObject(), &result.resourceSeries);
        data.summaries.append(readSummary(r));
        data.results.append(std::move(result));
    }
    *run = std::move(data);
    return true;
}

bool load(const QString &path, RunData *run, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull()) {
        *error = QStringLiteral("%1 is not valid JSON: %2 (at byte %3)")
                     .arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    QString reason;
    if (!fromJson(doc.object(), run, &reason)) {
        *error = path + QStringLiteral(": ") + reason;
        return false;
    }
    return true;
}

} // namespace RunFile

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "io/runfile.h"

#include "io/resultwriter.h"
#include "model/experiment.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace RunFile {

namespace {
const QString kSamples = QStringLiteral("samples");
const QString kResourceSeries = QStringLiteral("resource_series");
const QString kServerSeries = QStringLiteral("server_series");
const QString kColumns = QStringLiteral("columns");
const QString kRows = QStringLiteral("rows");

QJsonObject samplesJson(const std::vector<Sample> &samples, const std::vector<Sample> &extras)
{
    QJsonArray rows;
    for (const auto *list : { &samples, &extras }) {
        for (const Sample &s : *list) {
            rows.append(QJsonArray { s.index, s.worker, qint64(s.startNs), qint64(s.endNs), s.status,
                                     errorKindName(s.error), s.serverQueueUs, s.serverServiceUs, qint64(s.intendedNs),
                                     sampleKindName(s.kind) });
        }
    }
    return { { kColumns,
               QJsonArray { QStringLiteral("index"), QStringLiteral("worker"), QStringLiteral("start_ns"),
                            QStringLiteral("end_ns"), QStringLiteral("status"), QStringLiteral("error"),
                            QStringLiteral("server_queue_us"), QStringLiteral("server_service_us"),
                            QStringLiteral("intended_ns"), QStringLiteral("kind") } },
             { kRows, rows } };
}

QJsonObject resourceSeriesJson(const std::vector<ResourcePoint> &points)
{
    // The pipeline's queue depths as three more columns, only where a pattern has them.
    const bool queues
        = std::any_of(points.begin(), points.end(), [](const ResourcePoint &p) { return p.hasStageQueues(); });
    QJsonArray rows;
    for (const ResourcePoint &p : points) {
        QJsonArray row { qint64(p.tNs), qint64(p.rssBytes), p.threads, p.cpuUserS, p.cpuSysS };
        if (queues)
            row << p.stageQueues[0] << p.stageQueues[1] << p.stageQueues[2];
        rows.append(row);
    }
    QJsonArray columns { QStringLiteral("t_ns"), QStringLiteral("rss_bytes"), QStringLiteral("threads"),
                         QStringLiteral("cpu_user_s"), QStringLiteral("cpu_sys_s") };
    if (queues)
        columns << QStringLiteral("fetch_queue") << QStringLiteral("parse_queue") << QStringLiteral("aggregate_queue");
    return { { kColumns, columns }, { kRows, rows } };
}

// Reads a saved run as the input it is: every value is checked (type, finite, in range,
// consistent with the rest) before it is converted, and the first problem is reported in one
// line that names the field ("results[2].samples.rows[17]: start_ns ...").
class Reader
{
public:
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    void fail(const QString &where, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = where + QStringLiteral(": ") + what;
    }

    // A number in [lo, hi]; missing: fallback (or an error when required).
    double number(const QJsonObject &o, const QString &key, const QString &where, double lo, double hi, double fallback,
                  bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(where + QLatin1Char('.') + key, QStringLiteral("missing"));
            return fallback;
        }
        return checked(v, where + QLatin1Char('.') + key, lo, hi, fallback);
    }

    double checked(const QJsonValue &v, const QString &where, double lo, double hi, double fallback)
    {
        if (!v.isDouble()) {
            fail(where, QStringLiteral("expected a number, found %1").arg(typeName(v)));
            return fallback;
        }
        const double d = v.toDouble();
        if (!std::isfinite(d) || d < lo || d > hi) {
            fail(where, QStringLiteral("%1 is out of range %2..%3").arg(d).arg(lo).arg(hi));
            return fallback;
        }
        return d;
    }

    QString string(const QJsonObject &o, const QString &key, const QString &where, qsizetype maxLength = 4096)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString()) {
            fail(where + QLatin1Char('.') + key, QStringLiteral("expected a string, found %1").arg(typeName(v)));
            return {};
        }
        if (v.toString().size() > maxLength) {
            fail(where + QLatin1Char('.') + key, QStringLiteral("longer than %1 characters").arg(maxLength));
            return {};
        }
        return v.toString();
    }

    QJsonObject object(const QJsonObject &o, const QString &key, const QString &where)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject())
            fail(where + QLatin1Char('.') + key, QStringLiteral("expected an object, found %1").arg(typeName(v)));
        return v.toObject();
    }

    QJsonArray array(const QJsonObject &o, const QString &key, const QString &where, qsizetype maxSize)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            fail(where + QLatin1Char('.') + key, QStringLiteral("expected an array, found %1").arg(typeName(v)));
            return {};
        }
        const QJsonArray a = v.toArray();
        if (a.size() > maxSize) {
            fail(where + QLatin1Char('.') + key, QStringLiteral("%1 entries, at most %2").arg(a.size()).arg(maxSize));
            return {};
        }
        return a;
    }

private:
    static QString typeName(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("a boolean");
        case QJsonValue::Double:
            return QStringLiteral("a number");
        case QJsonValue::String:
            return QStringLiteral("a string");
        case QJsonValue::Array:
            return QStringLiteral("an array");
        case QJsonValue::Object:
            return QStringLiteral("an object");
        case QJsonValue::Undefined:
            break;
        }
        return QStringLiteral("nothing");
    }

    QString m_error;
};

bool readSamples(Reader &in, const QJsonObject &json, const QString &where, int requests, std::vector<Sample> *samples,
                 std::vector<Sample> *extras)
{
    const QJsonArray rows = in.array(json, kRows, where, qsizetype(requests) * 5 + 16);
    samples->reserve(std::size_t(rows.size()));
    std::vector<bool> seen(std::size_t(requests), false);
    for (qsizetype i = 0; i < rows.size() && !in.failed(); ++i) {
        const QString at = where + QStringLiteral(".rows[%1]").arg(i);
        const QJsonArray row = rows.at(i).toArray();
        // 6 columns before server timing was recorded, 8 with it, 10 with intended start and kind.
        if (!rows.at(i).isArray() || (row.size() != 6 && row.size() != 8 && row.size() != 10)) {
            in.fail(at,
                    QStringLiteral("expected [index, worker, start_ns, end_ns, status, error, server_queue_us, "
                                   "server_service_us, intended_ns, kind]"));
            break;
        }
        Sample s;
        s.index = std::int32_t(in.checked(row.at(0), at + QStringLiteral(" index"), 0, requests - 1, 0));
        s.worker = std::int32_t(in.checked(row.at(1), at + QStringLiteral(" worker"), -1, Limits::MaxRequests, -1));
        s.startNs = qint64(in.checked(row.at(2), at + QStringLiteral(" start_ns"), 0, Limits::MaxTimeNs, 0));
        s.endNs = qint64(in.checked(row.at(3), at + QStringLiteral(" end_ns"), 0, Limits::MaxTimeNs, 0));
        s.status = std::int16_t(in.checked(row.at(4), at + QStringLiteral(" status"), 0, 999, 0));
        if (row.size() == 10) {
            s.intendedNs
                = qint64(in.checked(row.at(8), at + QStringLiteral(" intended_ns"), -1, Limits::MaxTimeNs, -1));
            bool known = false;
            s.kind = sampleKindFromName(row.at(9).toString(), &known);
            if (!known)
                in.fail(at, QStringLiteral("unknown sample kind '%1'").arg(row.at(9).toString().left(40)));
        }
        if (row.size() >= 8) {
            s.serverQueueUs = std::int32_t(in.checked(row.at(6), at + QStringLiteral(" server_queue_us"), -1, 2e9, -1));
            s.serverServiceUs
                = std::int32_t(in.checked(row.at(7), at + QStringLiteral(" server_service_us"), -1, 2e9, -1));
        }
        bool ok = false;
        s.error = errorKindFromName(row.at(5).toString(), &ok);
        if (in.failed())
            break;
        if (!ok)
            in.fail(at, QStringLiteral("unknown error kind '%1'").arg(row.at(5).toString().left(40)));
        else if (s.endNs < s.startNs)
            in.fail(at, QStringLiteral("ends (%1 ns) before it starts (%2 ns)").arg(s.endNs).arg(s.startNs));
        else if (s.kind == SampleKind::Primary && seen[std::size_t(s.index)])
            in.fail(at, QStringLiteral("request %1 appears twice").arg(s.index));
        if (in.failed())
            break;
        if (s.kind != SampleKind::Primary) {
            extras->push_back(s);
            continue;
        }
        seen[std::size_t(s.index)] = true;
        samples->push_back(s);
    }
    return !in.failed();
}

void readResourceSeries(Reader &in, const QJsonObject &json, const QString &where, std::vector<ResourcePoint> *points)
{
    const QJsonArray rows = in.array(json, kRows, where, Limits::MaxResourcePoints);
    points->reserve(std::size_t(rows.size()));
    for (qsizetype i = 0; i < rows.size() && !in.failed(); ++i) {
        const QString at = where + QStringLiteral(".rows[%1]").arg(i);
        const QJsonArray row = rows.at(i).toArray();
        if (!rows.at(i).isArray() || (row.size() != 5 && row.size() != 8)) {
            in.fail(at,
                    QStringLiteral("expected [t_ns, rss_bytes, threads, cpu_user_s, cpu_sys_s] and, for a "
                                   "pipeline, [fetch_queue, parse_queue, aggregate_queue]"));
            break;
        }
        ResourcePoint p;
        p.tNs = qint64(in.checked(row.at(0), at + QStringLiteral(" t_ns"), 0, Limits::MaxTimeNs, 0));
        p.rssBytes = qint64(in.checked(row.at(1), at + QStringLiteral(" rss_bytes"), 0, Limits::MaxBytes, 0));
        p.threads = int(in.checked(row.at(2), at + QStringLiteral(" threads"), 0, Limits::MaxRequests, 0));
        p.cpuUserS = in.checked(row.at(3), at + QStringLiteral(" cpu_user_s"), 0, Limits::MaxSeconds, 0);
        p.cpuSysS = in.checked(row.at(4), at + QStringLiteral(" cpu_sys_s"), 0, Limits::MaxSeconds, 0);
        for (qsizetype q = 0; q < 3 && row.size() == 8; ++q)
            p.stageQueues[std::size_t(q)] = std::int32_t(
                in.checked(row.at(5 + q), at + QStringLiteral(" queue %1").arg(q), -1, Limits::MaxRequests, -1));
        points->push_back(p);
    }
}

QJsonObject serverSeriesJson(const std::vector<ServerPoint> &points)
{
    QJsonArray rows;
    for (const ServerPoint &p : points)
        rows.append(QJsonArray { qint64(p.tNs), p.inService, p.queued, qint64(p.shed), p.cpuPercent });
    return { { kColumns,
               QJsonArray { QStringLiteral("t_ns"), QStringLiteral("in_service"), QStringLiteral("queued"),
                            QStringLiteral("shed"), QStringLiteral("cpu_percent") } },
             { kRows, rows } };
}

void readServerSeries(Reader &in, const QJsonObject &json, const QString &where, std::vector<ServerPoint> *points)
{
    const QJsonArray rows = in.array(json, kRows, where, Limits::MaxResourcePoints);
    for (qsizetype i = 0; i < rows.size() && !in.failed(); ++i) {
        const QString at = where + QStringLiteral(".rows[%1]").arg(i);
        const QJsonArray row = rows.at(i).toArray();
        if (!rows.at(i).isArray() || row.size() != 5) {
            in.fail(at, QStringLiteral("expected [t_ns, in_service, queued, shed, cpu_percent]"));
            break;
        }
        ServerPoint p;
        p.tNs = qint64(in.checked(row.at(0), at + QStringLiteral(" t_ns"), 0, Limits::MaxTimeNs, 0));
        p.inService = int(in.checked(row.at(1), at + QStringLiteral(" in_service"), 0, Limits::MaxRequests, 0));
        p.queued = int(in.checked(row.at(2), at + QStringLiteral(" queued"), 0, Limits::MaxRequests, 0));
        p.shed = qint64(in.checked(row.at(3), at + QStringLiteral(" shed"), 0, 1e12, 0));
        p.cpuPercent = in.checked(row.at(4), at + QStringLiteral(" cpu_percent"), 0, 100'000, 0);
        points->push_back(p);
    }
}

PatternSummary readSummary(Reader &in, const QJsonObject &r, const QString &where)
{
    PatternSummary s;
    const double maxCount = Limits::MaxRequests;
    s.requests = int(in.number(r, QStringLiteral("requests"), where, 0, maxCount, 0, true));
    s.ok = int(in.number(r, QStringLiteral("ok"), where, 0, s.requests, 0));
    s.errors = int(in.number(r, QStringLiteral("errors"), where, 0, s.requests, 0));
    if (!in.failed() && r.contains(QStringLiteral("ok")) && s.ok + s.errors != s.requests)
        in.fail(where,
                QStringLiteral("ok (%1) + errors (%2) is not requests (%3)").arg(s.ok).arg(s.errors).arg(s.requests));
    const QJsonObject errorCounts = in.object(r, QStringLiteral("error_counts"), where);
    // "sent" is not in the contract's minimum: without it, everything not cancelled was sent.
    s.sent = r.contains(QStringLiteral("sent")) ? int(in.number(r, QStringLiteral("sent"), where, 0, s.requests, 0))
                                                : s.requests
            - int(in.number(errorCounts, QStringLiteral("cancelled"), where + QStringLiteral(".error_counts"), 0,
                            s.requests, 0));
    const QJsonObject statusCounts = in.object(r, QStringLiteral("status_counts"), where);
    for (auto it = statusCounts.begin(); it != statusCounts.end() && !in.failed(); ++it) {
        bool ok = false;
        const int status = it.key().toInt(&ok);
        if (!ok || status < 100 || status > 999) {
            in.fail(where + QStringLiteral(".status_counts"),
                    QStringLiteral("'%1' is not an HTTP status").arg(it.key().left(20)));
            break;
        }
        s.statusCounts.insert(
            status, int(in.checked(it.value(), where + QStringLiteral(".status_counts.") + it.key(), 0, maxCount, 0)));
    }
    for (auto it = errorCounts.begin(); it != errorCounts.end() && !in.failed(); ++it) {
        bool ok = false;
        errorKindFromName(it.key(), &ok);
        if (!ok) {
            in.fail(where + QStringLiteral(".error_counts"),
                    QStringLiteral("unknown error kind '%1'").arg(it.key().left(40)));
            break;
        }
        s.errorCounts.insert(
            it.key(), int(in.checked(it.value(), where + QStringLiteral(".error_counts.") + it.key(), 0, maxCount, 0)));
    }
    s.totalTimeS = in.number(r, QStringLiteral("total_time_s"), where, 0, Limits::MaxSeconds, 0);
    s.throughputRps = in.number(r, QStringLiteral("throughput_rps"), where, 0, 1e9, 0);
    const QJsonObject l = in.object(r, QStringLiteral("latency_ms"), where);
    const QString lw = where + QStringLiteral(".latency_ms");
    const double maxMs = Limits::MaxSeconds * 1000;
    s.latencyMs.min = in.number(l, QStringLiteral("min"), lw, 0, maxMs, 0);
    s.latencyMs.mean = in.number(l, QStringLiteral("mean"), lw, 0, maxMs, 0);
    s.latencyMs.p50 = in.number(l, QStringLiteral("p50"), lw, 0, maxMs, 0);
    s.latencyMs.p90 = in.number(l, QStringLiteral("p90"), lw, 0, maxMs, 0);
    s.latencyMs.p95 = in.number(l, QStringLiteral("p95"), lw, 0, maxMs, 0);
    s.latencyMs.p99 = in.number(l, QStringLiteral("p99"), lw, 0, maxMs, 0);
    s.latencyMs.p999 = in.number(l, QStringLiteral("p999"), lw, 0, maxMs, 0);
    s.latencyMs.max = in.number(l, QStringLiteral("max"), lw, 0, maxMs, 0);
    s.maxInFlight = int(in.number(r, QStringLiteral("max_in_flight"), where, 0, maxCount, 0));
    // Turn 2 additions (absent from older files: their defaults).
    s.aborted = int(in.number(r, QStringLiteral("aborted_in_flight"), where, 0, s.requests, 0));
    s.late = int(in.number(r, QStringLiteral("late"), where, 0, s.requests, 0));
    const QJsonObject late = in.object(r, QStringLiteral("late_ms"), where);
    s.lateMs.p50 = in.number(late, QStringLiteral("p50"), where + QStringLiteral(".late_ms"), 0, maxMs, 0);
    s.lateMs.p99 = in.number(late, QStringLiteral("p99"), where + QStringLiteral(".late_ms"), 0, maxMs, 0);
    s.lateMs.max = in.number(late, QStringLiteral("max"), where + QStringLiteral(".late_ms"), 0, maxMs, 0);
    const QJsonObject fi = in.object(r, QStringLiteral("latency_from_intended_ms"), where);
    if (fi.isEmpty()) {
        s.latencyFromIntendedMs = s.latencyMs;
    } else {
        const QString fw = where + QStringLiteral(".latency_from_intended_ms");
        LatencySummary &f = s.latencyFromIntendedMs;
        f.min = in.number(fi, QStringLiteral("min"), fw, 0, maxMs, 0);
        f.mean = in.number(fi, QStringLiteral("mean"), fw, 0, maxMs, 0);
        f.p50 = in.number(fi, QStringLiteral("p50"), fw, 0, maxMs, 0);
        f.p90 = in.number(fi, QStringLiteral("p90"), fw, 0, maxMs, 0);
        f.p95 = in.number(fi, QStringLiteral("p95"), fw, 0, maxMs, 0);
        f.p99 = in.number(fi, QStringLiteral("p99"), fw, 0, maxMs, 0);
        f.p999 = in.number(fi, QStringLiteral("p999"), fw, 0, maxMs, 0);
        f.max = in.number(fi, QStringLiteral("max"), fw, 0, maxMs, 0);
    }
    s.extraSent
        = int(std::llround(in.number(r, QStringLiteral("extra_requests_pct"), where, 0, 1e6, 0) * s.requests / 100.0));
    s.startRatePerS = in.number(r, QStringLiteral("start_rate_per_s"), where, 0, 1e9, 0);
    return s;
}

ResourceUsage readResources(Reader &in, const QJsonObject &j, const QString &where)
{
    ResourceUsage u;
    const auto count = [&](const char *key) {
        const QJsonValue v = j.value(QLatin1String(key));
        return v.isDouble() ? qint64(in.checked(v, where + QLatin1Char('.') + QLatin1String(key), 0, 1e15, 0)) : -1;
    };
    u.peakRssBytes = qint64(in.number(j, QStringLiteral("peak_rss_bytes"), where, 0, Limits::MaxBytes, 0));
    u.rssDeltaBytes
        = qint64(in.number(j, QStringLiteral("rss_delta_bytes"), where, -Limits::MaxBytes, Limits::MaxBytes, 0));
    u.threadsPeak = int(in.number(j, QStringLiteral("threads_peak"), where, 0, Limits::MaxRequests, 0));
    u.cpuUserS = in.number(j, QStringLiteral("cpu_user_s"), where, 0, Limits::MaxSeconds, 0);
    u.cpuSysS = in.number(j, QStringLiteral("cpu_sys_s"), where, 0, Limits::MaxSeconds, 0);
    u.allocations = count("allocations");
    u.allocatedBytes = count("allocated_bytes");
    u.ctxSwitchesVoluntary = std::max<qint64>(0, count("ctx_switches_voluntary"));
    u.ctxSwitchesInvoluntary = std::max<qint64>(0, count("ctx_switches_involuntary"));
    return u;
}

RunConfig readConfig(Reader &in, const QJsonObject &c)
{
    const QString where = QStringLiteral("config");
    RunConfig config;
    config.patterns.clear();
    const QJsonArray patterns = in.array(c, QStringLiteral("patterns"), where, Limits::MaxResults);
    for (const QJsonValue &id : patterns) {
        if (!id.isString() || id.toString().isEmpty() || id.toString().size() > 64) {
            in.fail(where + QStringLiteral(".patterns"), QStringLiteral("expected pattern ids"));
            break;
        }
        config.patterns << id.toString();
    }
    config.requests = int(in.number(c, QStringLiteral("requests"), where, 1, Limits::MaxRequests, config.requests));
    config.concurrency
        = int(in.number(c, QStringLiteral("concurrency"), where, 1, Limits::MaxRequests, config.concurrency));
    config.timeoutMs = int(in.number(c, QStringLiteral("timeout_ms"), where, 1, 600'000, config.timeoutMs));
    config.maxSeconds = int(in.number(c, QStringLiteral("max_seconds"), where, 1, 86'400, config.maxSeconds));
    const QString engine = in.string(c, QStringLiteral("engine"), where, 16);
    config.engine = engineFromName(engine).value_or(Engine::Qt);
    config.bundledServer = in.string(c, QStringLiteral("server"), where, 16) != QLatin1String("external");
    // A reopened run can be run again: it must not aim anywhere but this machine.
    const QString url = in.string(c, QStringLiteral("url"), where);
    if (!url.isEmpty()) {
        QString why;
        const QUrl parsed(url, QUrl::StrictMode);
        if (!isLoopbackHttpUrl(parsed, &why))
            in.fail(where + QStringLiteral(".url"), why);
        else
            config.url = parsed;
    }
    config.preset = in.string(c, QStringLiteral("preset"), where, 32);
    const QString profile = in.string(c, QStringLiteral("profile"), where, 32);
    if (!profile.isEmpty())
        config.server.profile = profile;
    config.server.latencyMs = in.number(c, QStringLiteral("latency_ms"), where, 0, 300'000, -1);
    config.server.errorRate = in.number(c, QStringLiteral("error_rate"), where, 0, 1, -1);
    config.server.capacity = int(in.number(c, QStringLiteral("capacity"), where, 1, 100'000, 0));
    config.server.maxQueue = int(in.number(c, QStringLiteral("max_queue"), where, 0, 1'000'000, -1));
    config.server.stallEverySeconds = in.number(c, QStringLiteral("stall_every_s"), where, 0.01, 3600, -1);
    config.server.stallMs = in.number(c, QStringLiteral("stall_ms"), where, 0, 3'600'000, -1);
    config.server.tailMs = in.number(c, QStringLiteral("tail_ms"), where, 0, 300'000, -1);
    config.server.tailRate = in.number(c, QStringLiteral("tail_rate"), where, 0, 1, -1);
    config.server.tokenMs = in.number(c, QStringLiteral("token_ms"), where, 0, 300'000, -1);
    if (c.value(QStringLiteral("seed")).isDouble())
        config.seed = quint64(in.number(c, QStringLiteral("seed"), where, 0, 9.2e18, 0));
    const QJsonObject bp = in.object(c, QStringLiteral("backpressure"), where);
    const QString bw = where + QStringLiteral(".backpressure");
    BackpressureParams &b = config.backpressure;
    b.windowMs = int(in.number(bp, QStringLiteral("window_ms"), bw, 1, 10'000, b.windowMs));
    b.highWater = int(in.number(bp, QStringLiteral("high_water"), bw, 0, 1'000'000, b.highWater));
    b.lowWater = int(in.number(bp, QStringLiteral("low_water"), bw, 0, 1'000'000, b.lowWater));
    b.stepMs = int(in.number(bp, QStringLiteral("step_ms"), bw, 0, 10'000, b.stepMs));
    b.maxDelayMs = int(in.number(bp, QStringLiteral("max_delay_ms"), bw, 0, 10'000, b.maxDelayMs));
    // The flat keys (DESIGN.md: every pattern flag by name) win over the older nested object.
    for (const PatternFlag &flag : patternFlagTable()) {
        const double value
            = in.number(c, RunConfig::flagKey(QLatin1String(flag.name)), where, flag.min, flag.max, flag.get(config));
        flag.set(config, flag.integer ? std::round(value) : value);
    }
    for (const PatternTextFlag &flag : patternTextFlagTable()) {
        const QString key = RunConfig::flagKey(QLatin1String(flag.name));
        if (!c.contains(key) || c.value(key).isNull())
            continue;
        const QString why = flag.set(config, in.string(c, key, where, 200));
        if (!why.isEmpty())
            in.fail(where + QLatin1Char('.') + key, why);
    }
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

namespace {
// A sweep's points are runs of their own (contract results, no samples): each is read as one.
void readSweep(Reader &in, const QJsonObject &file, const QJsonObject &json, Sweep *sweep)
{
    const QString where = QStringLiteral("sweep");
    sweep->param = in.string(json, QStringLiteral("param"), where, 32);
    if (!Experiments::sweepParams().contains(sweep->param)) {
        in.fail(where + QStringLiteral(".param"), QStringLiteral("unknown parameter '%1'").arg(sweep->param));
        return;
    }
    const QJsonArray values = in.array(json, QStringLiteral("values"), where, Experiments::MaxSweepValues);
    for (qsizetype i = 0; i < values.size() && !in.failed(); ++i)
        sweep->values.append(in.checked(values.at(i), where + QStringLiteral(".values[%1]").arg(i), 0, 1e9, 0));
    const QJsonArray points = in.array(json, QStringLiteral("points"), where, Experiments::MaxSweepValues);
    for (qsizetype i = 0; i < points.size() && !in.failed(); ++i) {
        const QString at = where + QStringLiteral(".points[%1]").arg(i);
        const QJsonObject p = points.at(i).toObject();
        SweepPoint point;
        point.value = in.number(p, QStringLiteral("value"), at, 0, 1e9, 0, true);
        RunData run;
        QString why;
        if (!fromJson(QJsonObject { { QStringLiteral("version"), 1 },
                                    { QStringLiteral("config"), file.value(QStringLiteral("config")) },
                                    { QStringLiteral("results"), p.value(QStringLiteral("results")) } },
                      &run, &why)) {
            in.fail(at, why);
            return;
        }
        point.results = run.results;
        point.summaries = run.summaries;
        sweep->points.append(point);
    }
}
} // namespace

QJsonObject toJson(const RunData &run)
{
    QJsonObject json = ResultWriter::toJson(run);
    QJsonArray results = json.value(QStringLiteral("results")).toArray();
    for (qsizetype i = 0; i < results.size() && i < run.results.size(); ++i) {
        const PatternResult &result = run.results.at(i);
        QJsonObject r = results.at(i).toObject();
        r.insert(QStringLiteral("total_ns"), qint64(result.totalNs));
        r.insert(kSamples, samplesJson(result.samples, result.extraSamples));
        r.insert(kResourceSeries, resourceSeriesJson(result.resourceSeries));
        r.insert(kServerSeries, serverSeriesJson(result.serverSeries));
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
    Reader in;
    RunData data;
    data.config = readConfig(in, json.value(QStringLiteral("config")).toObject());
    const QJsonArray results = in.array(json, QStringLiteral("results"), QStringLiteral("file"), Limits::MaxResults);
    qint64 totalSamples = 0;
    QSet<QString> ids;
    for (qsizetype i = 0; i < results.size() && !in.failed(); ++i) {
        const QString where = QStringLiteral("results[%1]").arg(i);
        if (!results.at(i).isObject()) {
            in.fail(where, QStringLiteral("expected an object"));
            break;
        }
        const QJsonObject r = results.at(i).toObject();
        PatternResult result;
        result.id = in.string(r, QStringLiteral("pattern"), where, 64);
        if (result.id.isEmpty())
            in.fail(where, QStringLiteral("a result has no pattern id"));
        else if (ids.contains(result.id))
            in.fail(where, QStringLiteral("pattern '%1' appears twice").arg(result.id));
        ids.insert(result.id);
        result.title = in.string(r, QStringLiteral("title"), where, 200);
        if (result.title.isEmpty())
            result.title = result.id;
        result.outcome = outcomeFromName(in.string(r, QStringLiteral("outcome"), where, 16));
        result.failure = in.string(r, QStringLiteral("failure"), where, 2000);
        result.requests = int(in.number(r, QStringLiteral("requests"), where, 0, Limits::MaxRequests, 0, true));
        result.totalNs = r.contains(QStringLiteral("total_ns"))
            ? qint64(in.number(r, QStringLiteral("total_ns"), where, 0, Limits::MaxTimeNs, 0))
            : qint64(std::llround(in.number(r, QStringLiteral("total_time_s"), where, 0, Limits::MaxSeconds, 0) * 1e9));
        result.maxInFlight = int(in.number(r, QStringLiteral("max_in_flight"), where, 0, Limits::MaxRequests, 0));
        result.resources
            = readResources(in, in.object(r, QStringLiteral("resources"), where), where + QStringLiteral(".resources"));
        const QJsonObject notes = in.object(r, QStringLiteral("notes"), where);
        if (notes.size() > 100)
            in.fail(where + QStringLiteral(".notes"), QStringLiteral("%1 notes, at most 100").arg(notes.size()));
        for (auto it = notes.begin(); it != notes.end() && !in.failed(); ++it)
            result.notes.append(
                { it.key().left(64),
                  in.checked(it.value(), where + QStringLiteral(".notes.") + it.key().left(64), -1e15, 1e15, 0) });
        readSamples(in, in.object(r, kSamples, where), where + QStringLiteral(".samples"), result.requests,
                    &result.samples, &result.extraSamples);
        totalSamples += qint64(result.samples.size());
        if (totalSamples > Limits::MaxRequests)
            in.fail(where, QStringLiteral("more than %1 samples in the file").arg(Limits::MaxRequests));
        readResourceSeries(in, in.object(r, kResourceSeries, where), where + QStringLiteral(".resource_series"),
                           &result.resourceSeries);
        result.params = in.object(r, QStringLiteral("params"), where);
        if (result.params.size() > 50)
            in.fail(where + QStringLiteral(".params"), QStringLiteral("more than 50 flags"));
        result.server = ServerStats::fromJson(in.object(r, QStringLiteral("server"), where));
        readServerSeries(in, in.object(r, kServerSeries, where), where + QStringLiteral(".server_series"),
                         &result.serverSeries);
        const QJsonArray trials = in.array(r, QStringLiteral("trials"), where, Limits::MaxTrials);
        for (qsizetype t = 0; t < trials.size() && !in.failed(); ++t) {
            const QString at = where + QStringLiteral(".trials[%1]").arg(t);
            const QJsonObject o = trials.at(t).toObject();
            result.trials.append({ in.number(o, QStringLiteral("total_time_s"), at, 0, Limits::MaxSeconds, 0, true),
                                   in.number(o, QStringLiteral("throughput_rps"), at, 0, 1e9, 0, true),
                                   in.number(o, QStringLiteral("p99_ms"), at, 0, Limits::MaxSeconds * 1e3, 0, true) });
        }
        data.summaries.append(readSummary(in, r, where));
        data.results.append(std::move(result));
    }
    const QJsonObject prediction = in.object(json, QStringLiteral("prediction"), QStringLiteral("file"));
    data.prediction.firstToFinish
        = in.string(prediction, QStringLiteral("first_to_finish"), QStringLiteral("prediction"), 64);
    data.prediction.mostMemory = in.string(prediction, QStringLiteral("most_memory"), QStringLiteral("prediction"), 64);
    const QJsonObject sweep = in.object(json, QStringLiteral("sweep"), QStringLiteral("file"));
    if (!sweep.isEmpty() && !in.failed())
        readSweep(in, json, sweep, &data.sweep);
    if (in.failed()) {
        *error = in.error();
        return false;
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
    if (file.size() > Limits::MaxFileBytes) {
        *error = QStringLiteral("%1 is %2 MB; the app opens runs up to %3 MB")
                     .arg(path)
                     .arg(file.size() >> 20)
                     .arg(Limits::MaxFileBytes >> 20);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject()) {
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

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/serverstats.h"

#include <QJsonValue>

#include <cmath>

namespace {
std::int64_t count(const QJsonObject &o, const char *key)
{
    const double v = o.value(QLatin1String(key)).toDouble(0);
    return std::isfinite(v) && v > 0 && v < 1e15 ? std::int64_t(v) : 0;
}
double real(const QJsonObject &o, const char *key, double fallback = 0)
{
    const QJsonValue value = o.value(QLatin1String(key));
    const double v = value.isDouble() ? value.toDouble() : fallback;
    return std::isfinite(v) ? v : fallback;
}
} // namespace

ServerStats ServerStats::fromStatsJson(const QJsonObject &stats)
{
    ServerStats s;
    s.valid = stats.contains(QStringLiteral("requests"));
    s.requests = count(stats, "requests");
    s.abandoned = count(stats, "abandoned");
    s.tokensIssued = count(stats, "tokens_issued");
    s.shed = count(stats, "shed");
    s.cpuS = real(stats, "cpu_s");
    s.cpuPercentPeak = real(stats, "cpu_percent");
    s.maxInService = int(count(stats, "max_in_flight"));
    s.maxQueued = int(count(stats, "max_queued"));
    s.capacity = int(count(stats, "capacity"));
    s.maxQueue = int(count(stats, "max_queue"));
    s.latencyMs = real(stats, "latency_ms", -1);
    s.wsgiServer = stats.value(QStringLiteral("wsgi_server")).toString();
    return s;
}

ServerPoint ServerStats::pointFromStatsJson(const QJsonObject &stats, std::int64_t tNs)
{
    const int inService = int(count(stats, stats.contains(QStringLiteral("in_service")) ? "in_service" : "in_flight"));
    return { tNs, inService, int(count(stats, "queued")), count(stats, "shed"), real(stats, "cpu_percent") };
}

QJsonObject ServerStats::toJson() const
{
    return { { QStringLiteral("requests"), qint64(requests) },
             { QStringLiteral("abandoned"), qint64(abandoned) },
             { QStringLiteral("tokens_issued"), qint64(tokensIssued) },
             { QStringLiteral("cpu_s"), cpuS },
             { QStringLiteral("shed"), qint64(shed) },
             { QStringLiteral("cpu_percent_peak"), cpuPercentPeak },
             { QStringLiteral("max_in_service"), maxInService },
             { QStringLiteral("max_queued"), maxQueued },
             { QStringLiteral("capacity"), capacity },
             { QStringLiteral("max_queue"), maxQueue },
             { QStringLiteral("latency_ms"), latencyMs < 0 ? QJsonValue() : QJsonValue(latencyMs) },
             { QStringLiteral("wsgi_server"), wsgiServer },
             { QStringLiteral("busy_at_start"), busyAtStart } };
}

ServerStats ServerStats::fromJson(const QJsonObject &json)
{
    ServerStats s;
    s.valid = !json.isEmpty();
    s.requests = count(json, "requests");
    s.abandoned = count(json, "abandoned");
    s.tokensIssued = count(json, "tokens_issued");
    s.cpuS = real(json, "cpu_s");
    s.shed = count(json, "shed");
    s.cpuPercentPeak = real(json, "cpu_percent_peak");
    s.maxInService = int(count(json, "max_in_service"));
    s.maxQueued = int(count(json, "max_queued"));
    s.capacity = int(count(json, "capacity"));
    s.maxQueue = int(count(json, "max_queue"));
    s.latencyMs = real(json, "latency_ms", -1);
    s.wsgiServer = json.value(QStringLiteral("wsgi_server")).toString().left(32);
    s.busyAtStart = int(count(json, "busy_at_start"));
    return s;
}

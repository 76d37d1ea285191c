// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QJsonObject>
#include <QString>
#include <cstdint>

// The bundled server's own view of one pattern, polled from its GET /stats while the pattern
// runs: how busy it was, how much it shed, how hard its CPU worked. With it the app can say
// whose limit a class is looking at (docs/SERVER.md lists the fields).
struct ServerPoint
{
    std::int64_t tNs = 0; // on the pattern's clock (approximately: polled by the parent)
    int inService = 0;
    int queued = 0;
    std::int64_t shed = 0; // 503s so far
    double cpuPercent = 0; // of one core, over the last second
};

struct ServerStats
{
    bool valid = false; // false: no bundled server, or /stats never answered
    std::int64_t requests = 0;
    std::int64_t abandoned = 0; // the client went away before its answer
    std::int64_t tokensIssued = 0;
    std::int64_t shed = 0;
    double cpuS = 0;
    double cpuPercentPeak = 0;
    int maxInService = 0;
    int maxQueued = 0;
    int capacity = 0;
    int maxQueue = 0;
    double latencyMs = -1; // the profile's latency parameter, -1 when it has none
    QString wsgiServer;
    // The reset before the pattern found the server still busy (the previous pattern's
    // backlog): requests in service or queued when it gave up waiting; 0 when idle.
    int busyAtStart = 0;

    // From one /stats answer (unknown or missing fields keep their defaults).
    static ServerStats fromStatsJson(const QJsonObject &stats);
    static ServerPoint pointFromStatsJson(const QJsonObject &stats, std::int64_t tNs);
    // The "server" object of the JSON contract (DESIGN.md), and back.
    QJsonObject toJson() const;
    static ServerStats fromJson(const QJsonObject &json);
    friend bool operator==(const ServerStats &, const ServerStats &) = default;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/patternresult.h"
#include "model/progress.h"

#include <QByteArray>
#include <optional>

// The line protocol a `patternlab-cli --run-one` child writes to stdout for its parent.
// One event per line, space-separated, integers only (no locale, no floats to round):
//   HELLO 3 <pattern> <requests>
//   S <index> <worker> <start_ns> <end_ns> <status> <error-kind-number> <server_queue_us>
//     <server_service_us> <intended_ns> <kind>   (server times -1 when the answer carried no
//     Server-Timing; intended -1 when it started when meant; kind 0 primary, else an extra)
//   P <completed> <in_flight> <max_in_flight> <elapsed_ns>
//   R <t_ns> <rss_bytes> <threads> <cpu_user_us> <cpu_sys_us>
//   N <key> <value * 1000, rounded>
//   DONE <total_ns> <max_in_flight> <peak_rss> <rss_delta> <threads_peak> <cpu_user_us>
//        <cpu_sys_us> <allocations> <allocated_bytes> <ctx_voluntary> <ctx_involuntary>
//   ERR <message>
namespace EventStream {

inline constexpr int Version = 3; // 3: samples carry the server's timing, intended start, kind

void appendHello(QByteArray *out, const QString &patternId, int requests);
void appendSample(QByteArray *out, const Sample &sample);
void appendProgress(QByteArray *out, const Progress &progress); // total is HELLO's
void appendResource(QByteArray *out, const ResourcePoint &point);
void appendNote(QByteArray *out, const QString &key, double value);
void appendDone(QByteArray *out, std::int64_t totalNs, int maxInFlight, const ResourceUsage &usage);
void appendError(QByteArray *out, const QString &message);

// Incremental parser: feed it chunks as they arrive; it keeps partial lines for later.
class Parser
{
public:
    struct Batch
    {
        std::vector<Sample> samples;
        std::vector<Sample> extraSamples;
        std::vector<ResourcePoint> resources;
        std::optional<Progress> progress; // the latest
        QList<QPair<QString, double>> notes;
        bool done = false;
        QStringList errors; // ERR lines and lines that did not parse
    };

    Batch feed(QByteArrayView chunk);

    bool helloSeen() const { return m_helloSeen; }
    bool doneSeen() const { return m_doneSeen; }
    QString patternId() const { return m_patternId; }
    std::int64_t totalNs() const { return m_totalNs; }
    int maxInFlight() const { return m_maxInFlight; }
    const ResourceUsage &usage() const { return m_usage; }

private:
    void parseLine(QByteArrayView line, Batch *batch);

    QByteArray m_pending;
    std::vector<bool> m_seen; // per request index, sized by HELLO: no sample before it
    std::int64_t m_extras = 0;

    bool m_helloSeen = false;
    bool m_doneSeen = false;
    QString m_patternId;
    std::int64_t m_totalNs = 0;
    int m_maxInFlight = 0;
    ResourceUsage m_usage;
};

} // namespace EventStream

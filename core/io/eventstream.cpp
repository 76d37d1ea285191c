// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "io/eventstream.h"

#include <QList>
#include <cmath>

namespace EventStream {

namespace {
void appendNumbers(QByteArray *out, const char *tag, std::initializer_list<std::int64_t> values)
{
    out->append(tag);
    for (std::int64_t v : values) {
        out->append(' ');
        out->append(QByteArray::number(qlonglong(v)));
    }
    out->append('\n');
}

std::int64_t micros(double seconds)
{
    return std::llround(seconds * 1e6);
}

// Newlines in a message would break the framing.
QByteArray oneLine(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('\n', ' ');
    bytes.replace('\r', ' ');
    return bytes;
}
} // namespace

void appendHello(QByteArray *out, const QString &patternId, int requests)
{
    out->append("HELLO " + QByteArray::number(Version) + ' ' + oneLine(patternId).replace(' ', '_') + ' '
                + QByteArray::number(requests) + '\n');
}

void appendSample(QByteArray *out, const Sample &s)
{
    appendNumbers(out, "S",
                  { s.index, s.worker, s.startNs, s.endNs, s.status, std::int64_t(s.error), s.serverQueueUs,
                    s.serverServiceUs, s.intendedNs, std::int64_t(s.kind) });
}

void appendProgress(QByteArray *out, const Progress &p)
{
    appendNumbers(out, "P", { p.completed, p.inFlight, p.maxInFlight, p.elapsedNs });
}

void appendResource(QByteArray *out, const ResourcePoint &p)
{
    if (p.hasStageQueues())
        appendNumbers(out, "R",
                      { p.tNs, p.rssBytes, p.threads, micros(p.cpuUserS), micros(p.cpuSysS), p.stageQueues[0],
                        p.stageQueues[1], p.stageQueues[2] });
    else
        appendNumbers(out, "R", { p.tNs, p.rssBytes, p.threads, micros(p.cpuUserS), micros(p.cpuSysS) });
}

void appendNote(QByteArray *out, const QString &key, double value)
{
    out->append("N " + oneLine(key).replace(' ', '_') + ' ' + QByteArray::number(qlonglong(std::llround(value * 1000)))
                + '\n');
}

void appendDone(QByteArray *out, std::int64_t totalNs, int maxInFlight, const ResourceUsage &u)
{
    appendNumbers(out, "DONE",
                  { totalNs, maxInFlight, u.peakRssBytes, u.rssDeltaBytes, u.threadsPeak, micros(u.cpuUserS),
                    micros(u.cpuSysS), u.allocations, u.allocatedBytes, u.ctxSwitchesVoluntary,
                    u.ctxSwitchesInvoluntary });
}

void appendError(QByteArray *out, const QString &message)
{
    out->append("ERR " + oneLine(message) + '\n');
}

Parser::Batch Parser::feed(QByteArrayView chunk)
{
    Batch batch;
    m_pending.append(chunk);
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = m_pending.indexOf('\n', start);
        if (end < 0)
            break;
        parseLine(QByteArrayView(m_pending).sliced(start, end - start), &batch);
        start = end + 1;
    }
    m_pending.remove(0, start);
    return batch;
}

void Parser::parseLine(QByteArrayView line, Batch *batch)
{
    if (line.isEmpty())
        return;
    if (line.startsWith("ERR ")) {
        batch->errors.append(QString::fromUtf8(line.sliced(4)));
        return;
    }
    const QList<QByteArray> fields = line.toByteArray().split(' ');
    const QByteArray &tag = fields.front();
    std::vector<std::int64_t> numbers;
    const auto numeric = [&](qsizetype from, qsizetype count) {
        if (fields.size() != from + count)
            return false;
        numbers.clear();
        for (qsizetype i = from; i < fields.size(); ++i) {
            bool ok = false;
            numbers.push_back(fields[i].toLongLong(&ok));
            if (!ok)
                return false;
        }
        return true;
    };

    if (tag == "S" && numeric(1, 10) && numbers[5] >= 0 && numbers[5] < ErrorKindCount && numbers[6] >= -1
        && numbers[7] >= -1 && numbers[6] <= INT32_MAX && numbers[7] <= INT32_MAX && numbers[8] >= -1 && numbers[9] >= 0
        && numbers[9] < SampleKindCount) {
        // Only what a sound child can send: a known index, once (a primary), with a sane
        // interval; extras (hedges, tokens, probes) at most a few per request.
        const std::int64_t index = numbers[0];
        const bool primary = numbers[9] == std::int64_t(SampleKind::Primary);
        if (index < 0 || index >= std::int64_t(m_seen.size()) || (primary && m_seen[std::size_t(index)])
            || numbers[2] < 0 || numbers[3] < numbers[2]
            || (!primary && m_extras >= 4 * std::int64_t(m_seen.size()) + 16)) {
            batch->errors.append(QStringLiteral("rejected sample line: ") + QString::fromUtf8(line));
            return;
        }
        if (primary)
            m_seen[std::size_t(index)] = true;
        else
            ++m_extras;
        Sample s;
        s.index = std::int32_t(numbers[0]);
        s.worker = std::int32_t(numbers[1]);
        s.startNs = numbers[2];
        s.endNs = numbers[3];
        s.status = std::int16_t(numbers[4]);
        s.error = ErrorKind(numbers[5]);
        s.serverQueueUs = std::int32_t(numbers[6]);
        s.serverServiceUs = std::int32_t(numbers[7]);
        s.intendedNs = numbers[8];
        s.kind = SampleKind(numbers[9]);
        (primary ? batch->samples : batch->extraSamples).push_back(s);
    } else if (tag == "P" && numeric(1, 4)) {
        batch->progress
            = Progress { int(numbers[0]), int(m_seen.size()), int(numbers[1]), int(numbers[2]), numbers[3] };
    } else if (tag == "R" && (numeric(1, 5) || numeric(1, 8))) {
        ResourcePoint p { numbers[0], numbers[1], int(numbers[2]), numbers[3] / 1e6, numbers[4] / 1e6 };
        if (numbers.size() == 8) {
            for (std::size_t i = 0; i < p.stageQueues.size(); ++i)
                p.stageQueues[i] = std::int32_t(std::clamp<std::int64_t>(numbers[qsizetype(5 + i)], -1, 1'000'000'000));
        }
        batch->resources.push_back(p);
    } else if (tag == "N" && fields.size() == 3) {
        bool ok = false;
        const double value = double(fields[2].toLongLong(&ok)) / 1000.0;
        if (ok)
            batch->notes.append({ QString::fromUtf8(fields[1]), value });
        else
            batch->errors.append(QStringLiteral("malformed event line: ") + QString::fromUtf8(line));
    } else if (tag == "HELLO" && fields.size() == 4 && fields[1].toInt() == Version && fields[3].toInt() >= 0) {
        m_helloSeen = true;
        m_patternId = QString::fromUtf8(fields[2]);
        m_seen.assign(std::size_t(fields[3].toInt()), false);
    } else if (tag == "DONE" && numeric(1, 11)) {
        m_doneSeen = true;
        batch->done = true;
        m_totalNs = numbers[0];
        m_maxInFlight = int(numbers[1]);
        m_usage.peakRssBytes = numbers[2];
        m_usage.rssDeltaBytes = numbers[3];
        m_usage.threadsPeak = int(numbers[4]);
        m_usage.cpuUserS = numbers[5] / 1e6;
        m_usage.cpuSysS = numbers[6] / 1e6;
        m_usage.allocations = numbers[7];
        m_usage.allocatedBytes = numbers[8];
        m_usage.ctxSwitchesVoluntary = numbers[9];
        m_usage.ctxSwitchesInvoluntary = numbers[10];
    } else {
        batch->errors.append(QStringLiteral("malformed event line: ")
                             + QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 200))));
    }
}

} // namespace EventStream

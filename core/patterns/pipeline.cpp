// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/pipeline.h"

#include "engine/channel.h"
#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/atomicmax.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pool.h"
#include "patterns/workergroup.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <atomic>
#include <ctime>
#include <map>

using namespace std::chrono;

namespace {

// What flows from stage to stage: the request as measured, its body, what parsing found.
struct Item
{
    Sample sample;
    QByteArray body;
    bool parsed = false;
};

// One stage's account, shared by its workers.
struct StageStats
{
    const char *name;
    int index; // 0 fetch, 1 parse, 2 aggregate
    std::atomic<std::int64_t> busyNs { 0 };
    std::atomic<std::int64_t> blockedNs { 0 };
    std::atomic<int> maxQueue { 0 };
};

std::int64_t threadCpuNs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return std::int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// Decodes the answer's JSON; the decoding is repeated until it has cost `costUs` of this
// thread's CPU time: a stand-in for a real document, set by --parse-us.
bool parse(const QByteArray &body, int costUs)
{
    const std::int64_t until = threadCpuNs() + std::int64_t(costUs) * 1000;
    bool ok = false;
    do {
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        ok = doc.isObject() && doc.object().contains(QLatin1String("message"));
    } while (threadCpuNs() < until);
    return ok;
}

// Takes the next input and notes how deep the input queue was: what is left plus this one
// (at most the buffer: a sender may have refilled the slot in between). The depth is also the
// stage's live gauge (the Live view's queue lines).
template<typename T> std::optional<T> take(Channel<T> &input, StageStats &stats, int buffer, Recorder &recorder)
{
    auto value = input.receive();
    if (value) {
        const int depth = std::min(int(input.size()) + 1, buffer);
        atomicMax(stats.maxQueue, depth);
        recorder.setStageQueue(stats.index, depth - 1);
    }
    return value;
}

// Sends on the next stage's channel; the time a full buffer held it counts as blocked.
template<typename T> bool handOn(Channel<T> &next, T value, StageStats &stats)
{
    if (next.trySend(value) == Channel<T>::SendResult::Sent)
        return true;
    const auto begin = steady_clock::now();
    const bool sent = next.send(std::move(value));
    stats.blockedNs += duration_cast<nanoseconds>(steady_clock::now() - begin).count();
    return sent;
}

} // namespace

// @lesson begin
void PipelinePattern::run(RunContext &context)
{
    const RunConfig &config = context.config;
    const int fetchers = std::min(config.fetchWorkers(), config.requests);
    const int buffer = config.stageBuffer();
    std::array<StageStats, 3> stats { { { "fetch", 0 }, { "parse", 1 }, { "aggregate", 2 } } };
    StageStats &fetchStats = stats[0], &parseStats = stats[1], &aggregateStats = stats[2];
    for (const StageStats &stage : stats)
        context.recorder.setStageQueue(stage.index, 0);

    // [channels] jobs -> fetch -> fetched -> parse -> parsed -> aggregate, each buffer bounded.
    Channel<int> jobs(buffer);
    Channel<Item> fetched(buffer);
    Channel<Item> parsed(buffer);
    WorkerGroup producer(context, [&] { jobs.close(); });
    producer.start([&] { Pool::produce(context, jobs); });
    producer.doneStarting();

    // [fetch] Stage 1: GET, keep the body, hand it on. A failed fetch is handed on too: it
    // is counted at the end, never lost, and blocks nobody.
    WorkerGroup fetchStage(context, [&] {
        jobs.close();
        fetched.close();
    });
    for (int w = 0; w < fetchers; ++w) {
        fetchStage.start([&, w] {
            const auto client = context.transport.createSession();
            client->setKeepBody(true);
            while (const auto job = take(jobs, fetchStats, buffer, context.recorder)) {
                if (context.stop.stopRequested())
                    continue; // stopping: drain the jobs, send nothing
                Item item;
                item.sample = measure(context, *client, *job, w, &item.body);
                fetchStats.busyNs += item.sample.endNs - item.sample.startNs;
                handOn(fetched, std::move(item), fetchStats);
            }
        });
    }
    fetchStage.doneStarting();

    // [parse] Stage 2: its own workers decode the JSON (CPU work).
    WorkerGroup parseStage(context, [&] {
        fetched.close();
        parsed.close();
    });
    for (int w = 0; w < config.pipeline.parseWorkers; ++w) {
        parseStage.start([&, w] {
            while (auto item = take(fetched, parseStats, buffer, context.recorder)) {
                Sample step = item->sample; // for the timeline's parse lanes
                step.kind = SampleKind::Parse;
                step.worker = w;
                step.startNs = context.recorder.nowNs();
                item->parsed = item->sample.ok() && parse(item->body, config.pipeline.parseUs);
                step.endNs = context.recorder.nowNs();
                parseStats.busyNs += step.endNs - step.startNs;
                context.recorder.recordExtra(step);
                handOn(parsed, std::move(*item), parseStats);
            }
        });
    }
    parseStage.doneStarting();

    // [aggregate] Stage 3, one worker (this thread): running totals, then the record.
    std::map<int, int> perStatus;
    std::int64_t latencySumNs = 0;
    int parsedOk = 0;
    while (const auto item = take(parsed, aggregateStats, buffer, context.recorder)) {
        Sample step = item->sample;
        step.kind = SampleKind::Aggregate;
        step.worker = 0;
        step.startNs = context.recorder.nowNs();
        ++perStatus[item->sample.status];
        latencySumNs += item->sample.endNs - item->sample.startNs;
        parsedOk += item->parsed;
        context.recorder.record(item->sample);
        step.endNs = context.recorder.nowNs();
        aggregateStats.busyNs += step.endNs - step.startNs;
        context.recorder.recordExtra(step);
    }

    context.recorder.setNote(QStringLiteral("pipeline.parsed_ok"), parsedOk);
    const int workers[] = { fetchers, config.pipeline.parseWorkers, 1 };
    for (std::size_t i = 0; i < stats.size(); ++i) {
        const QString prefix = QStringLiteral("stage.%1.").arg(QLatin1String(stats[i].name));
        context.recorder.setNote(prefix + QStringLiteral("workers"), workers[i]);
        context.recorder.setNote(prefix + QStringLiteral("busy_s"), double(stats[i].busyNs) / 1e9);
        context.recorder.setNote(prefix + QStringLiteral("blocked_s"), double(stats[i].blockedNs) / 1e9);
        context.recorder.setNote(prefix + QStringLiteral("max_queue"), stats[i].maxQueue.load());
    }
}
// @lesson end

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/faketransport.h"
#include "engine/stoptoken.h"
#include "measure/recorder.h"
#include "model/patternresult.h"
#include "model/runconfig.h"
#include "model/stats.h"
#include "patterns/pattern.h"
#include "patterns/registry.h"

#include <QTest>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <system_error>

using namespace std::chrono_literals;

namespace {

struct Outcome
{
    std::vector<Sample> samples;
    int duplicates = 0;
    int maxInFlight = 0;
    int fakeMaxConcurrent = 0;
    int sessions = 0;
    int cancelled = 0;
    int spawned = 0; // threads the pattern started
    int fakeAborted = 0; // requests the transport saw aborted on the wire
    int asyncClients = 0;
    int tokenFetches = 0; // GET /token requests the transport saw
    std::vector<Sample> extras;
    std::vector<std::pair<QString, double>> notes;
};

// failSpawn(k): whether the k-th thread the pattern starts fails, as on a system out of threads.
Outcome runPattern(const QString &id, RunConfig config, FakeTransport::Script script,
                   std::function<void(StopToken &)> beforeRun = {}, std::function<bool(int)> failSpawn = {},
                   std::chrono::microseconds tokenLatency = 0us)
{
    FakeTransport transport(std::move(script));
    transport.setTokenLatency(tokenLatency);
    Recorder recorder(config.requests);
    StopToken stop;
    if (beforeRun)
        beforeRun(stop);
    RunContext context { config, transport, recorder, stop };
    int spawned = 0;
    context.spawn = [&](std::function<void()> body) {
        if (failSpawn && failSpawn(spawned++))
            throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
        if (!failSpawn)
            ++spawned;
        return std::thread(std::move(body));
    };
    auto pattern = PatternRegistry::create(id);
    Q_ASSERT(pattern);
    recorder.startClock();
    pattern->run(context);
    Outcome outcome;
    outcome.cancelled = recorder.cancelUnrecorded();
    outcome.samples = recorder.samples();
    outcome.duplicates = recorder.duplicates();
    outcome.maxInFlight = recorder.maxInFlight();
    outcome.fakeMaxConcurrent = transport.maxConcurrent();
    outcome.sessions = transport.sessions();
    outcome.notes = recorder.notes();
    outcome.spawned = spawned;
    outcome.fakeAborted = transport.aborted();
    outcome.asyncClients = transport.asyncClients();
    outcome.extras = recorder.extras();
    outcome.tokenFetches = transport.tokenFetches();
    return outcome;
}

RunConfig config(int requests, int concurrency)
{
    RunConfig c;
    c.requests = requests;
    c.concurrency = concurrency;
    return c;
}

double note(const Outcome &o, const char *key)
{
    for (const auto &[k, v] : o.notes) {
        if (k == QLatin1String(key))
            return v;
    }
    return -1;
}

} // namespace

class TestPatterns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyRequestRecordedExactlyOnce_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("concurrency");
        for (const QString &id : PatternRegistry::ids()) {
            QTest::addRow("%s 200x5", qPrintable(id)) << id << 200 << 5;
            QTest::addRow("%s 3x8 (fewer requests than workers)", qPrintable(id)) << id << 3 << 8;
            QTest::addRow("%s 1x1", qPrintable(id)) << id << 1 << 1;
        }
    }

    void everyRequestRecordedExactlyOnce()
    {
        QFETCH(QString, pattern);
        QFETCH(int, requests);
        QFETCH(int, concurrency);
        // Every 7th request fails with 500: errors must be recorded like answers.
        const Outcome o = runPattern(pattern, config(requests, concurrency), [](int call) {
            return FakeTransport::Reply { 200us, httpResult(call % 7 == 3 ? 500 : 200) };
        });
        QCOMPARE(o.duplicates, 0);
        QCOMPARE(o.cancelled, 0);
        QCOMPARE(int(o.samples.size()), requests);
        int errors = 0;
        for (int i = 0; i < requests; ++i) {
            const Sample &s = o.samples[std::size_t(i)];
            QCOMPARE(s.index, i);
            QVERIFY(s.worker >= 0);
            QVERIFY(s.endNs >= s.startNs + 200'000);
            QVERIFY(s.status == 200 || s.status == 500);
            QCOMPARE(s.error, s.status == 500 ? ErrorKind::Http : ErrorKind::None);
            errors += s.status == 500;
        }
        int expected = 0;
        for (int call = 0; call < requests; ++call)
            expected += call % 7 == 3;
        QCOMPARE(errors, expected);
    }

    void sequentialHasOneInFlight()
    {
        const Outcome o = runPattern(QStringLiteral("sequential"), config(50, 15), FakeTransport::constant(300us));
        QCOMPARE(o.maxInFlight, 1);
        QCOMPARE(o.fakeMaxConcurrent, 1);
        for (std::size_t i = 1; i < o.samples.size(); ++i)
            QVERIFY(o.samples[i].startNs >= o.samples[i - 1].endNs); // strictly one after another
    }

    void pooledPatternsStayWithinConcurrency_data()
    {
        QTest::addColumn<QString>("pattern");
        for (const char *id : { "fanout", "backpressure", "threadpool", "once", "cond", "pipeline" })
            QTest::addRow("%s", id) << QString::fromLatin1(id);
    }

    void pooledPatternsStayWithinConcurrency()
    {
        QFETCH(QString, pattern);
        const int c = 4;
        const Outcome o = runPattern(pattern, config(120, c), FakeTransport::constant(2ms));
        QVERIFY2(o.maxInFlight <= c, qPrintable(QString::number(o.maxInFlight)));
        QVERIFY(o.fakeMaxConcurrent <= c);
        QVERIFY(o.maxInFlight >= 2); // it is a pool, not a loop
        QCOMPARE(o.sessions, c); // one client per worker
        std::set<int> workers;
        for (const Sample &s : o.samples)
            workers.insert(s.worker);
        QVERIFY(int(workers.size()) <= c);
        QVERIFY(*workers.rbegin() < c);
    }

    void waitGroupExceedsConcurrency()
    {
        // 60 requests of 50 ms each: all threads start at once, far more than C overlap.
        const int c = 5;
        const Outcome o = runPattern(QStringLiteral("waitgroup"), config(60, c), FakeTransport::constant(50ms));
        QVERIFY2(o.maxInFlight > c, qPrintable(QString::number(o.maxInFlight)));
        QCOMPARE(o.sessions, 60); // one client per thread
        std::set<int> workers;
        for (const Sample &s : o.samples)
            workers.insert(s.worker);
        QCOMPARE(int(workers.size()), 60); // one lane per request
    }

    void backpressureSlowsDispatchUnderPressure()
    {
        // A fast server and a tight window: each monitor sees far more than highWater tokens
        // per window, raises its delay, the pressure channel fills and workers block.
        RunConfig c = config(2000, 4);
        c.backpressure = { 20, 2, 1, 2, 10 }; // window 20 ms, high 2, low 1, step 2 ms, max 10 ms
        const Outcome o = runPattern(QStringLiteral("backpressure"), c, FakeTransport::constant(50us));
        QCOMPARE(int(o.samples.size()), 2000);
        QCOMPARE(o.cancelled, 0);
        QVERIFY2(note(o, "backpressure.delay_raises") > 0, "the monitors never raised their delay");
        QVERIFY2(note(o, "backpressure.max_delay_ms") > 0, "no delay was ever applied");
        QVERIFY2(note(o, "backpressure.blocked_sends") > 0, "no worker was ever held back");
        QVERIFY(note(o, "backpressure.max_delay_ms") <= 10);
    }

    void backpressureStaysOutOfTheWayWhenQuiet()
    {
        // Slow requests: each monitor sees fewer than lowWater tokens per window, no delay.
        RunConfig c = config(20, 2);
        c.backpressure = { 100, 10, 3, 1, 50 };
        const Outcome o = runPattern(QStringLiteral("backpressure"), c, FakeTransport::constant(20ms));
        QCOMPARE(note(o, "backpressure.max_delay_ms"), 0.0);
        QCOMPARE(note(o, "backpressure.delay_raises"), 0.0);
    }

    void stopCancelsUnsentRequests_data()
    {
        QTest::addColumn<QString>("pattern");
        for (const QString &id : PatternRegistry::ids())
            QTest::addRow("%s", qPrintable(id)) << id;
    }

    void stopCancelsUnsentRequests()
    {
        QFETCH(QString, pattern);
        // The 10th request asks the run to stop; what was not sent yet must be recorded as
        // cancelled, and nothing twice.
        StopToken *stopToken = nullptr;
        const auto script = [&stopToken](int call) {
            if (call == 9)
                stopToken->requestStop();
            return FakeTransport::Reply { 1ms, httpResult(200) };
        };
        const Outcome o = runPattern(pattern, config(400, 4), script, [&](StopToken &stop) { stopToken = &stop; });
        QCOMPARE(int(o.samples.size()), 400);
        QCOMPARE(o.duplicates, 0);
        QVERIFY(o.cancelled > 0);
        int sent = 0;
        for (const Sample &s : o.samples)
            sent += s.sent();
        QVERIFY(sent >= 10);
        QCOMPARE(sent + o.cancelled, 400);
    }

    void deadlineStopsARun()
    {
        const Outcome o = runPattern(QStringLiteral("fanout"), config(100000, 2), FakeTransport::constant(1ms),
                                     [](StopToken &stop) { stop.setDeadline(StopToken::Clock::now() + 50ms); });
        QVERIFY(o.cancelled > 0);
        QCOMPARE(int(o.samples.size()), 100000);
    }

    void transportErrorsAreClassified()
    {
        const Outcome o = runPattern(QStringLiteral("fanout"), config(30, 3), [](int call) {
            const ErrorKind kinds[] = { ErrorKind::None, ErrorKind::Timeout, ErrorKind::Connection };
            const ErrorKind kind = kinds[call % 3];
            return FakeTransport::Reply { 0us, { kind == ErrorKind::None ? 200 : 0, kind } };
        });
        int timeouts = 0, refused = 0;
        for (const Sample &s : o.samples) {
            timeouts += s.error == ErrorKind::Timeout;
            refused += s.error == ErrorKind::Connection;
        }
        QCOMPARE(timeouts, 10);
        QCOMPARE(refused, 10);
    }

    // Out of threads: the run still ends, every request is recorded once, and what could
    // not run says why (waitgroup: resource errors; a pool: runs with fewer workers or, with
    // none, records everything as cancelled).
    void threadSpawnFailures_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("failFrom"); // spawns from this one on fail
        QTest::addColumn<int>("failUntil"); // ... up to (excluding) this one; -1: all
        QTest::addColumn<int>("expectOk");
        QTest::addColumn<int>("expectResource");
        // waitgroup: 10 threads start, the other 30 requests are resource errors
        QTest::addRow("waitgroup after 10") << QStringLiteral("waitgroup") << 10 << -1 << 10 << 30;
        // fanout: spawn 0 is the producer, 1..4 the workers
        QTest::addRow("fanout no producer") << QStringLiteral("fanout") << 0 << 1 << 0 << 0;
        QTest::addRow("fanout no workers") << QStringLiteral("fanout") << 1 << -1 << 0 << 0;
        QTest::addRow("fanout 2 of 4 workers") << QStringLiteral("fanout") << 3 << -1 << 40 << 0;
        // backpressure: the monitors first (it stops at the first that fails), then the
        // producer, then the workers; with all four monitors, spawn 4 is the producer
        QTest::addRow("backpressure no monitors") << QStringLiteral("backpressure") << 0 << 1 << 40 << 0;
        QTest::addRow("backpressure 1 monitor") << QStringLiteral("backpressure") << 1 << 2 << 40 << 0;
        QTest::addRow("backpressure 1 worker") << QStringLiteral("backpressure") << 6 << -1 << 40 << 0;
    }

    void threadSpawnFailures()
    {
        QFETCH(QString, pattern);
        QFETCH(int, failFrom);
        QFETCH(int, failUntil);
        QFETCH(int, expectOk);
        QFETCH(int, expectResource);
        const Outcome o = runPattern(pattern, config(40, 4), FakeTransport::constant(200us), {},
                                     [=](int k) { return k >= failFrom && (failUntil < 0 || k < failUntil); });
        QCOMPARE(int(o.samples.size()), 40);
        QCOMPARE(o.duplicates, 0);
        int ok = 0, resource = 0, cancelled = 0;
        for (const Sample &s : o.samples) {
            ok += s.ok();
            resource += s.error == ErrorKind::Resource;
            cancelled += s.error == ErrorKind::Cancelled;
        }
        QCOMPARE(ok, expectOk);
        QCOMPARE(resource, expectResource);
        QCOMPARE(ok + resource + cancelled, 40);
    }

    // async: C in flight from the calling thread, no thread started, no blocking session.
    void asyncKeepsCInFlightWithoutAThread()
    {
        const int c = 8;
        const Outcome o = runPattern(QStringLiteral("async"), config(64, c), FakeTransport::constant(20ms));
        QCOMPARE(o.spawned, 0);
        QCOMPARE(o.sessions, 0);
        QCOMPARE(o.asyncClients, 1);
        QCOMPARE(o.fakeMaxConcurrent, c); // all C slots used, never more
        QCOMPARE(o.maxInFlight, c);
        int ok = 0;
        for (const Sample &s : o.samples) {
            ok += s.ok();
            QVERIFY(s.worker >= 0 && s.worker < c); // a lane per slot in flight
        }
        QCOMPARE(ok, 64);
    }

    // ratelimit: the schedule, not the answers, sets the pace. 40 requests due every 5 ms,
    // each answered after 1 s: every one starts before the first answer can arrive (an
    // ordering, not a speed: the loop starts what is due before it takes answers).
    void rateLimitKeepsItsScheduleWhileAnswersAreSlow()
    {
        RunConfig c = config(40, 1);
        c.rate = { 200, 1, 1000 };
        const Outcome o = runPattern(QStringLiteral("ratelimit"), c, FakeTransport::constant(1s));
        QCOMPARE(o.spawned, 0);
        QCOMPARE(o.fakeMaxConcurrent, 40);
        std::int64_t firstAnswerNs = INT64_MAX, lastStartNs = 0;
        for (const Sample &s : o.samples) {
            QVERIFY(s.ok());
            QCOMPARE(s.intendedNs, std::int64_t(s.index) * 5'000'000); // i / rate
            QVERIFY(s.startNs >= s.intendedNs); // never early
            firstAnswerNs = std::min(firstAnswerNs, s.endNs);
            lastStartNs = std::max(lastStartNs, s.startNs);
        }
        QVERIFY2(lastStartNs < firstAnswerNs, "a start waited for an answer");
    }

    // A burst of B starts at once: the first B are due at 0.
    void rateLimitBurst()
    {
        RunConfig c = config(10, 1);
        c.rate = { 100, 4, 1000 };
        const Outcome o = runPattern(QStringLiteral("ratelimit"), c, FakeTransport::constant(1ms));
        for (const Sample &s : o.samples)
            QCOMPARE(s.intendedNs, std::int64_t(std::max(0, s.index - 3)) * 10'000'000);
    }

    // The in-flight cap holds starts back: they are late, counted with how late, and still
    // sent: nothing dropped. 2 in flight of 50 ms against 1000/s: most start late.
    void rateLimitCapMakesStartsLateNotLost()
    {
        RunConfig c = config(12, 1);
        c.rate = { 1000, 1, 2 };
        const Outcome o = runPattern(QStringLiteral("ratelimit"), c, FakeTransport::constant(50ms));
        QCOMPARE(o.fakeMaxConcurrent, 2);
        QCOMPARE(o.cancelled, 0);
        const PatternSummary s = Stats::summarize(o.samples, 12, 1, o.maxInFlight);
        QCOMPARE(s.ok, 12);
        // Pairs start every 50 ms while the plan wanted one per ms: requests 2..11 are late by
        // at least 50 ms - 11 ms.
        QVERIFY2(s.late >= 10, qPrintable(QString::number(s.late)));
        QVERIFY(s.lateMs.max >= 39);
        QVERIFY(s.latencyFromIntendedMs.max > s.latencyMs.max + 39); // the wait in line counts
    }

    // deadline: when the run deadline passes, the requests in flight are aborted on the wire
    // (within 50 ms of the deadline) and the jobs not yet sent are never sent.
    void deadlineAbortsInFlightWork()
    {
        RunConfig c = config(40, 4);
        c.runDeadlineMs = 200;
        const Outcome o = runPattern(QStringLiteral("deadline"), c, FakeTransport::constant(10s));
        const double firedS = note(o, "deadline.cancelled_at_s");
        QVERIFY2(firedS >= 0.2, qPrintable(QString::number(firedS))); // never early
        int aborted = 0;
        for (const Sample &s : o.samples) {
            if (!s.aborted())
                continue;
            ++aborted;
            QVERIFY2(s.endNs - 200'000'000 <= 50'000'000,
                     qPrintable(QStringLiteral("aborted %1 ms after the deadline").arg((s.endNs - 200'000'000) / 1e6)));
        }
        QCOMPARE(aborted, 4); // the four in flight
        QCOMPARE(o.fakeAborted, 4); // on the wire, not abandoned
        QCOMPARE(o.cancelled, 36); // never sent
        QCOMPARE(o.sessions, 0);
    }

    // errgroup: the first max-errors failures cancel the whole pool.
    void deadlineCancelsOnErrors()
    {
        RunConfig c = config(200, 2);
        c.maxErrors = 3;
        const Outcome o = runPattern(QStringLiteral("deadline"), c, [](int call) {
            return FakeTransport::Reply { 2ms, httpResult(call >= 10 ? 500 : 200) };
        });
        int http = 0, sent = 0;
        for (const Sample &s : o.samples) {
            http += s.error == ErrorKind::Http;
            sent += s.sent();
        }
        QVERIFY(http >= 3);
        QVERIFY2(sent <= 10 + 3 + 2 + 2, qPrintable(QString::number(sent))); // no more than C more after the third
        QVERIFY(o.cancelled >= 200 - 17);
        QVERIFY(note(o, "deadline.cancelled_at_s") > 0);
    }

    // hedged: no answer within the delay, a copy goes out; the first answer wins and the
    // other request is aborted. Only request 0 is slow.
    void hedgeFiresAfterTheDelayAndTheLoserIsCancelled()
    {
        RunConfig c = config(3, 1);
        c.hedgeMs = 50;
        const Outcome o = runPattern(QStringLiteral("hedged"), c, [](int call) {
            return FakeTransport::Reply { call == 0 ? 10s : 1ms, httpResult(200) };
        });
        QCOMPARE(int(o.extras.size()), 1); // one hedge, for request 0 only
        const Sample &hedge = o.extras.front();
        const Sample &primary = o.samples[0];
        QCOMPARE(hedge.index, 0);
        QCOMPARE(hedge.kind, SampleKind::Hedge);
        QVERIFY2(hedge.startNs - primary.startNs >= 50'000'000, "hedged before the delay");
        QVERIFY(hedge.ok()); // the copy won...
        QCOMPARE(primary.endNs, hedge.endNs); // ...and ended the request as its caller saw it
        QVERIFY(primary.ok());
        QCOMPARE(o.fakeAborted, 1); // the slow original, aborted on the wire
        QCOMPARE(note(o, "hedged.hedge_wins"), 1.0);
        for (std::size_t i = 1; i < o.samples.size(); ++i)
            QVERIFY(o.samples[i].ok());
    }

    // A fast answer is never hedged; with the adaptive delay, nothing is hedged before 20
    // answers give a p95.
    void noHedgeWithoutCause()
    {
        RunConfig fixed = config(30, 2);
        fixed.hedgeMs = 500;
        QCOMPARE(int(runPattern(QStringLiteral("hedged"), fixed, FakeTransport::constant(1ms)).extras.size()), 0);
        RunConfig adaptive = config(10, 1);
        adaptive.hedgeMs = 0;
        const Outcome o = runPattern(QStringLiteral("hedged"), adaptive, FakeTransport::constant(5ms));
        QCOMPARE(int(o.extras.size()), 0);
    }

    // The pipeline: with parse the slowest stage (one worker, 2 ms of CPU per item), the
    // buffer in front of it fills and the fetchers block on it; every request still arrives
    // once, failed fetches included.
    void pipelineSlowStageFillsTheBufferBeforeIt()
    {
        RunConfig c = config(40, 4);
        c.pipeline.parseWorkers = 1;
        c.pipeline.parseUs = 2000;
        c.pipeline.buffer = 3;
        const Outcome o = runPattern(QStringLiteral("pipeline"), c, [](int call) {
            return FakeTransport::Reply { 100us, httpResult(call % 10 == 0 ? 500 : 200) };
        });
        QCOMPARE(int(o.samples.size()), 40);
        QCOMPARE(o.cancelled, 0);
        QCOMPARE(o.duplicates, 0);
        QCOMPARE(note(o, "stage.parse.max_queue"), 3.0); // its input buffer was full
        QVERIFY2(note(o, "stage.fetch.blocked_s") > 0, "the fetchers never waited on parse");
        QVERIFY(note(o, "stage.parse.busy_s") >= 36 * 0.002 * 0.9); // the 36 answers with a body, parsed
        QCOMPARE(note(o, "pipeline.parsed_ok"), 36.0); // the four 500s have no body to parse
        QCOMPARE(note(o, "stage.fetch.workers"), 4.0);
        QCOMPARE(note(o, "stage.aggregate.workers"), 1.0);
    }

    // Each request's work in the later stages is recorded for the timeline's stage lanes: one
    // parse and one aggregate step per request, by the stages' own workers, after the fetch;
    // they are not requests (no extra requests counted).
    void pipelineRecordsEachStagesWork()
    {
        RunConfig c = config(50, 3);
        c.pipeline.parseWorkers = 2;
        c.pipeline.parseUs = 50;
        const Outcome o = runPattern(QStringLiteral("pipeline"), c, FakeTransport::constant(100us));
        std::map<int, const Sample *> fetchOf;
        for (const Sample &s : o.samples)
            fetchOf[s.index] = &s;
        int parses = 0, aggregates = 0;
        for (const Sample &e : o.extras) {
            QVERIFY(e.kind == SampleKind::Parse || e.kind == SampleKind::Aggregate);
            QVERIFY(!isRequestKind(e.kind));
            QVERIFY(e.startNs >= fetchOf.at(e.index)->endNs);
            if (e.kind == SampleKind::Parse) {
                ++parses;
                QVERIFY(e.worker >= 0 && e.worker < 2);
            } else {
                ++aggregates;
                QCOMPARE(e.worker, 0);
            }
        }
        QCOMPARE(parses, 50);
        QCOMPARE(aggregates, 50);
        PatternResult r;
        r.requests = 50;
        r.samples = o.samples;
        r.extraSamples = o.extras;
        QCOMPARE(r.summary().extraSent, 0);
    }

    void pipelineCarriesFailedFetchesThrough()
    {
        const Outcome o = runPattern(QStringLiteral("pipeline"), config(30, 3), [](int) {
            return FakeTransport::Reply { 50us, { 0, ErrorKind::Connection } };
        });
        QCOMPARE(int(o.samples.size()), 30);
        for (const Sample &s : o.samples)
            QCOMPARE(s.error, ErrorKind::Connection);
        QCOMPARE(note(o, "pipeline.parsed_ok"), 0.0);
    }

    // QThreadPool: never more than C at once, every task queued up front.
    void threadPoolQueuesEveryTaskAndRunsC()
    {
        const int c = 3;
        const Outcome o = runPattern(QStringLiteral("threadpool"), config(90, c), FakeTransport::constant(1ms));
        QVERIFY(o.fakeMaxConcurrent <= c);
        QCOMPARE(o.spawned, 0); // the library starts its own threads
        QVERIFY2(note(o, "threadpool.max_queued") >= 90 - c,
                 qPrintable(QString::number(note(o, "threadpool.max_queued"))));
    }

    // std::call_once: one login however many workers race for it, and no request goes
    // before the login ended. Repeated: a race shows only sometimes.
    void onceLogsInExactlyOnce()
    {
        for (int round = 0; round < 100; ++round) {
            const Outcome o
                = runPattern(QStringLiteral("once"), config(16, 8), FakeTransport::constant(100us), {}, {}, 2ms);
            QCOMPARE(o.tokenFetches, 1);
            QCOMPARE(note(o, "once.logins"), 1.0);
            QCOMPARE(int(o.extras.size()), 1);
            const Sample &token = o.extras.front();
            QCOMPARE(token.kind, SampleKind::Token);
            for (const Sample &s : o.samples)
                QVERIFY(s.startNs >= token.endNs);
        }
    }

    // The naive check-then-act: every worker that checks before the first login ends logs
    // in too (eight workers, a 20 ms login).
    void naiveOnceLogsInMoreThanOnce()
    {
        RunConfig c = config(16, 8);
        c.onceMode = OnceMode::Naive;
        const Outcome o = runPattern(QStringLiteral("once"), c, FakeTransport::constant(100us), {}, {}, 20ms);
        QVERIFY2(o.tokenFetches > 1, qPrintable(QString::number(o.tokenFetches)));
        QCOMPARE(note(o, "once.logins"), double(o.tokenFetches));
        QCOMPARE(int(o.samples.size()), 16);
    }

    // The breaker: the server fails its first 10 answers. After K = 5 in a row it opens;
    // probes (one at a time, a cool-down apart) fail until the server recovers, and each
    // failed probe rejects the requests that waited for it (never sent); then one succeeds
    // and everyone goes again.
    void breakerOpensProbesAndCloses()
    {
        RunConfig c = config(100, 4);
        c.breaker = { 5, 20 };
        const Outcome o = runPattern(QStringLiteral("cond"), c, [](int call) {
            return FakeTransport::Reply { 200us, httpResult(call < 10 ? 500 : 200) };
        });
        QCOMPARE(int(o.samples.size()), 100);
        QCOMPARE(o.duplicates, 0);
        int failedRequests = 0, rejected = 0, ok = 0;
        for (const Sample &s : o.samples) {
            failedRequests += s.status == 500;
            rejected += s.error == ErrorKind::Cancelled;
            ok += s.ok();
        }
        QVERIFY2(failedRequests >= 5 && failedRequests <= 8, qPrintable(QString::number(failedRequests)));
        QCOMPARE(failedRequests + rejected + ok, 100);
        QCOMPARE(note(o, "breaker.rejected"), double(rejected));
        QCOMPARE(note(o, "breaker.opens"), 1.0); // a failed probe keeps it open, it does not reopen
        QVERIFY(note(o, "breaker.held_back") >= 1);
        QVERIFY(note(o, "breaker.open_s") >= 0.020);
        // The interval for the timeline: from the opening to the successful probe's end.
        QVERIFY(note(o, "breaker.open.0.from_s") >= 0);
        QVERIFY(note(o, "breaker.open.0.to_s") - note(o, "breaker.open.0.from_s") >= 0.020);
        QCOMPARE(note(o, "breaker.open.1.from_s"), -1.0); // opened once
        std::vector<Sample> probes;
        for (const Sample &e : o.extras) {
            QCOMPARE(e.kind, SampleKind::Probe);
            probes.push_back(e);
        }
        QVERIFY(probes.size() >= 2); // some failed, then one succeeded
        QVERIFY(rejected >= 1); // who waited for a failed probe
        std::sort(probes.begin(), probes.end(), [](const Sample &a, const Sample &b) { return a.startNs < b.startNs; });
        QCOMPARE(probes.back().status, std::int16_t(200));
        for (std::size_t i = 0; i + 1 < probes.size(); ++i) {
            QCOMPARE(probes[i].status, std::int16_t(500));
            QVERIFY(probes[i + 1].startNs >= probes[i].endNs + 20'000'000); // a cool-down apart, one at a time
        }
    }

    // A server that never recovers: after K failed probes in a row the breaker fails fast,
    // so the run ends after about K cool-downs, every request recorded once.
    void breakerAgainstADeadServerEnds()
    {
        RunConfig c = config(60, 4);
        c.breaker = { 2, 10 };
        const Outcome o = runPattern(QStringLiteral("cond"), c, [](int) {
            return FakeTransport::Reply { 100us, { 0, ErrorKind::Connection } };
        });
        QCOMPARE(int(o.samples.size()), 60);
        QCOMPARE(o.duplicates, 0);
        int sent = 0;
        for (const Sample &s : o.samples)
            sent += s.sent();
        QVERIFY2(sent <= 8, qPrintable(QString::number(sent))); // the few before it opened
        QCOMPARE(note(o, "breaker.rejected"), double(60 - sent));
        // At least K probes, all failed, one at a time and a cool-down apart (failing fast, the
        // breaker still probes when one is due: how many depends on how long the rest takes).
        std::vector<Sample> probes = o.extras;
        QVERIFY2(probes.size() >= 2, qPrintable(QString::number(probes.size())));
        std::sort(probes.begin(), probes.end(), [](const Sample &a, const Sample &b) { return a.startNs < b.startNs; });
        for (std::size_t i = 0; i < probes.size(); ++i) {
            QCOMPARE(probes[i].kind, SampleKind::Probe);
            QCOMPARE(probes[i].error, ErrorKind::Connection);
            if (i > 0)
                QVERIFY(probes[i].startNs >= probes[i - 1].endNs + 10'000'000);
        }
        // The rejected requests are the breaker's outcome, not a stop; one more unsent is.
        PatternResult r;
        r.samples = o.samples;
        for (const auto &[key, value] : o.notes)
            r.notes.append({ key, value });
        QCOMPARE(r.completedOutcome(), PatternResult::Outcome::Finished);
        const auto sentOne = std::find_if(r.samples.begin(), r.samples.end(), [](const Sample &s) { return s.sent(); });
        QVERIFY(sentOne != r.samples.end());
        sentOne->error = ErrorKind::Cancelled; // as if a stop had left it unsent
        QCOMPARE(r.completedOutcome(), PatternResult::Outcome::Stopped);
    }

    // While open, the workers sleep on the condition variable: eight workers held for about
    // 300 ms use far less CPU than one spinning thread would in that time.
    void breakerHoldsWorkersWithoutBusyWaiting()
    {
        RunConfig c = config(40, 8);
        c.breaker = { 1, 300 };
        timespec before {}, after {};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &before);
        const Outcome o = runPattern(QStringLiteral("cond"), c, [](int call) {
            return FakeTransport::Reply { 100us, httpResult(call == 0 ? 500 : 200) };
        });
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &after);
        const double cpuS = double(after.tv_sec - before.tv_sec) + double(after.tv_nsec - before.tv_nsec) / 1e9;
        QVERIFY(note(o, "breaker.open_s") >= 0.3);
        QVERIFY2(cpuS < 0.15, qPrintable(QStringLiteral("%1 s of CPU").arg(cpuS)));
        QCOMPARE(int(o.samples.size()), 40);
    }
};

QTEST_GUILESS_MAIN(TestPatterns)
#include "tst_patterns.moc"

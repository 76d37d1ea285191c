// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/faketransport.h"
#include "patterns/registry.h"
#include "run/runner.h"
#include "testhttpserver.h"

#include <QSignalSpy>
#include <QTest>

#include <set>

#include <signal.h>

using namespace std::chrono_literals;

class TestRunner : public QObject
{
    Q_OBJECT

    static int failedCount(const RunData &run)
    {
        return int(std::count_if(run.results.cbegin(), run.results.cend(),
                                 [](const PatternResult &r) { return r.outcome == PatternResult::Outcome::Failed; }));
    }

    static RunConfig smallConfig(const QUrl &url, int requests = 40)
    {
        RunConfig config;
        config.patterns = PatternRegistry::defaultIds();
        config.requests = requests;
        config.concurrency = 4;
        config.timeoutMs = 3000;
        config.url = url;
        config.bundledServer = false;
        return config;
    }

private Q_SLOTS:
    void inProcessRunsEveryPatternLive()
    {
        Runner runner;
        runner.setMode(Runner::Mode::InProcess);
        runner.setTransportFactory(
            [](const RunConfig &) { return std::make_unique<FakeTransport>(FakeTransport::constant(2ms)); });
        QSignalSpy started(&runner, &Runner::patternStarted);
        QSignalSpy finished(&runner, &Runner::patternFinished);
        QSignalSpy samples(&runner, &Runner::resultUpdated);
        QSignalSpy done(&runner, &Runner::runFinished);
        RunData run;
        run.config = smallConfig(QUrl(), 60);
        runner.start(&run);
        QVERIFY(done.wait(30000));
        QCOMPARE(started.count(), 4);
        QCOMPARE(finished.count(), 4);
        QVERIFY(samples.count() >= 4); // streamed while running, at least once per pattern
        QCOMPARE(run.results.size(), 4);
        for (const PatternResult &result : run.results) {
            QCOMPARE(result.outcome, PatternResult::Outcome::Finished);
            QCOMPARE(int(result.samples.size()), 60);
            QCOMPARE(result.summary().ok, 60);
            QVERIFY(result.totalNs > 0);
            QVERIFY(result.resources.threadsPeak >= 1);
        }
    }

    // A pipeline's queue depths reach the resource points while it runs: with one slow
    // parser, parse's queue is seen full (the buffer less the one being taken).
    void pipelineQueuesAreSampled()
    {
        Runner runner;
        runner.setMode(Runner::Mode::InProcess);
        runner.setTransportFactory(
            [](const RunConfig &) { return std::make_unique<FakeTransport>(FakeTransport::constant(200us)); });
        QSignalSpy done(&runner, &Runner::runFinished);
        RunData run;
        run.config = smallConfig(QUrl(), 200);
        run.config.patterns = { QStringLiteral("pipeline"), QStringLiteral("fanout") };
        run.config.pipeline = { 4, 1, 1, 4, 3000 };
        runner.start(&run);
        QVERIFY(done.wait(30000));
        const PatternResult &pipeline = run.results.at(0);
        int deepest = -1, withQueues = 0; // the first point may come before the pipeline began
        for (const ResourcePoint &p : pipeline.resourceSeries) {
            withQueues += p.hasStageQueues();
            deepest = std::max(deepest, p.stageQueues[1]);
        }
        QVERIFY2(withQueues >= int(pipeline.resourceSeries.size()) - 1, qPrintable(QString::number(withQueues)));
        QVERIFY2(deepest >= 3, qPrintable(QString::number(deepest)));
        for (const ResourcePoint &p : run.results.at(1).resourceSeries)
            QVERIFY(!p.hasStageQueues()); // fanout has none
    }

    // The product path: one child process per pattern, against a real HTTP server.
    void childProcessesMeasureEachPattern()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int index, const QByteArray &) {
            return TestHttpServer::Response { index % 10 == 0 ? 500 : 200, 2, false };
        }));
        Runner runner;
        runner.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
        QSignalSpy progress(&runner, &Runner::progressChanged);
        QSignalSpy done(&runner, &Runner::runFinished);
        RunData run;
        run.config = smallConfig(server.url());
        runner.start(&run);
        QVERIFY(done.wait(60000));
        QCOMPARE(failedCount(run), 0);
        QVERIFY(progress.count() >= 4);
        QCOMPARE(server.requestCount(), 4 * 40);
        int errors = 0;
        for (const PatternResult &result : run.results) {
            QCOMPARE(result.outcome, PatternResult::Outcome::Finished);
            QCOMPARE(int(result.samples.size()), 40);
            std::set<int> indices;
            for (const Sample &s : result.samples)
                indices.insert(s.index);
            QCOMPARE(int(indices.size()), 40);
            const PatternSummary summary = result.summary();
            errors += summary.statusCounts.value(500);
            QVERIFY(result.resources.peakRssBytes > 1'000'000);
            QVERIFY(result.resources.threadsPeak >= 1);
            QVERIFY(!result.resourceSeries.empty());
        }
        QCOMPARE(errors, 16); // every 10th request the server saw
        const auto &results = run.results;
        QCOMPARE(results[0].maxInFlight, 1); // sequential
        QVERIFY(results[2].maxInFlight <= 4); // fanout
        // More threads for one thread per request than for a pool of 4.
        QVERIFY(results[1].resources.threadsPeak > results[2].resources.threadsPeak);
    }

    void crashedChildFailsOnlyItsPattern()
    {
        TestHttpServer server;
        QVERIFY(server.start());
        Runner runner;
        // A "child" that dies at once, as a crashed pattern process would.
        runner.setChildProgram(QStringLiteral("/bin/false"));
        QSignalSpy done(&runner, &Runner::runFinished);
        RunData run;
        RunConfig &config = run.config;
        config = smallConfig(server.url());
        config.patterns = { QStringLiteral("sequential"), QStringLiteral("fanout") };
        runner.start(&run);
        QVERIFY(done.wait(20000));
        QCOMPARE(failedCount(run), 2); // each pattern reported, the run went on to the next
        for (const PatternResult &result : run.results) {
            QCOMPARE(result.outcome, PatternResult::Outcome::Failed);
            QVERIFY2(result.failure.contains(QLatin1String("exited with code 1")), qPrintable(result.failure));
            QCOMPARE(result.summary().errors, 40);
        }
    }

    void killedChildIsReportedAsFailed()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 20, false }; }));
        Runner runner;
        runner.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
        QSignalSpy progress(&runner, &Runner::progressChanged);
        QSignalSpy done(&runner, &Runner::runFinished);
        RunData run;
        RunConfig &config = run.config;
        config = smallConfig(server.url(), 2000);
        config.patterns = { QStringLiteral("sequential"), QStringLiteral("fanout") };
        config.requests = 200;
        runner.start(&run);
        QVERIFY(progress.wait(10000));
        // Kill the first child from outside, as the OOM killer would.
        const auto children = runner.findChildren<QProcess *>();
        QCOMPARE(children.size(), 1);
        ::kill(pid_t(children.first()->processId()), SIGKILL);
        QVERIFY(done.wait(60000));
        QCOMPARE(failedCount(run), 1);
        QCOMPARE(run.results[0].outcome, PatternResult::Outcome::Failed);
        QVERIFY(run.results[0].failure.contains(QLatin1String("crashed or was killed")));
        // Its figures so far are handed in from what it streamed, not lost.
        QVERIFY(run.results[0].resources.peakRssBytes > 1'000'000);
        QVERIFY(run.results[0].resources.threadsPeak >= 1);
        QCOMPARE(run.results[1].outcome, PatternResult::Outcome::Finished);
    }

    void stopKeepsPartialResults()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 10, false }; }));
        Runner runner;
        runner.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
        QSignalSpy samples(&runner, &Runner::resultUpdated);
        QSignalSpy done(&runner, &Runner::runFinished);
        RunData run;
        run.config = smallConfig(server.url(), 5000);
        runner.start(&run);
        QVERIFY(samples.wait(10000));
        runner.stop();
        QVERIFY(done.wait(5000));
        QCOMPARE(run.results.size(), 1); // the later patterns never started
        const PatternResult &result = run.results.first();
        QCOMPARE(result.outcome, PatternResult::Outcome::Stopped);
        const PatternSummary summary = result.summary();
        QVERIFY(summary.ok > 0);
        QVERIFY(summary.ok < 5000);
    }

    void resetsTheServerBeforeEachPatternAndStopsDuringReset()
    {
        QList<QByteArray> paths;
        TestHttpServer server;
        QVERIFY(server.start([&paths](int, const QByteArray &path) {
            paths.append(path); // called on the server thread only, read after stop()
            return TestHttpServer::Response { 200, path == "/reset" ? 300 : 0, false };
        }));
        {
            Runner runner;
            runner.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
            runner.setServerUrl(server.url(QString()));
            QSignalSpy done(&runner, &Runner::runFinished);
            RunData run;
            run.config = smallConfig(server.url(), 5);
            run.config.patterns = { QStringLiteral("sequential"), QStringLiteral("fanout") };
            runner.start(&run);
            QVERIFY(done.wait(30000));
            QCOMPARE(run.results.size(), 2);

            // Stop while the reset is still in flight: no pattern may start after that.
            runner.start(&run);
            runner.stop();
            QVERIFY(done.wait(5000));
            QCOMPARE(run.results.size(), 1);
            QCOMPARE(run.results.first().outcome, PatternResult::Outcome::Stopped);
        }
        server.stop();
        // Two complete patterns, each after its own reset (which waits for the server to be
        // idle) and each followed by a read of its /stats; then one reset and nothing else.
        // Polls of /stats while a pattern runs may come in between: they are left out here.
        QList<QByteArray> calls;
        for (int i = 0; i < paths.size(); ++i) {
            const bool poll = paths[i] == "/stats" && i + 1 < paths.size() && paths[i + 1] == "/data";
            if (!poll)
                calls.append(paths[i] == "/data" ? QByteArray("/data") : paths[i]);
        }
        const QByteArray reset = "/reset?wait_ms=10000";
        QCOMPARE(calls.size(), 2 + 5 + 1 + 5 + 1 + 2);
        QCOMPARE(calls[0], reset);
        QCOMPARE(calls[6], QByteArray("/stats"));
        QCOMPARE(calls[7], reset);
        QCOMPARE(calls[13], QByteArray("/stats"));
        QCOMPARE(calls[14], reset);
        QCOMPARE(calls[15], QByteArray("/stats")); // the stopped pattern's counters, no pattern
    }
};

QTEST_GUILESS_MAIN(TestRunner)
#include "tst_runner.moc"

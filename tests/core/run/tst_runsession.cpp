// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "fakesession.h"
#include "run/experimentrunner.h"
#include "run/runsession.h"

#include <QSignalSpy>
#include <QTest>

#include <signal.h>

using namespace std::chrono_literals;

// The run session owns running: its run data, the bundled server (started, reused,
// restarted), the seed rule and a run waiting for the server. Driven here without any
// window: patterns in-process, on the fake transport or against the real bundled server.
class TestRunSession : public QObject
{
    Q_OBJECT

    static RunConfig bundledConfig(const QString &profile)
    {
        RunConfig config;
        config.patterns = { QStringLiteral("fanout") };
        config.requests = 20;
        config.concurrency = 4;
        config.timeoutMs = 5000;
        config.bundledServer = true;
        config.server.profile = profile;
        return config;
    }

private Q_SLOTS:
    void runsAnExternalRunLiveIntoItsRunData()
    {
        RunSession session;
        useFakeTransport(session, 1ms);
        QSignalSpy started(&session, &RunSession::runStarted);
        QSignalSpy patternStarted(&session, &RunSession::patternStarted);
        QSignalSpy updated(&session, &RunSession::resultUpdated);
        QSignalSpy progress(&session, &RunSession::progressChanged);
        QSignalSpy patternFinished(&session, &RunSession::patternFinished);
        QSignalSpy finished(&session, &RunSession::runFinished);
        QSignalSpy waiting(&session, &RunSession::waitingForServer);
        const RunConfig config = fakeExternalConfig(50);
        session.start(config);
        QCOMPARE(started.count(), 1);
        QVERIFY(session.isRunning());
        QVERIFY(finished.wait(30000));
        QVERIFY(!session.isRunning());
        QCOMPARE(waiting.count(), 0); // no server involved
        QCOMPARE(patternStarted.count(), 2);
        QCOMPARE(patternFinished.count(), 2);
        QVERIFY(updated.count() >= 2);
        QVERIFY(progress.count() >= 2);
        const RunData &run = session.run();
        QCOMPARE(run.config, config);
        QCOMPARE(run.results.size(), 2);
        QCOMPARE(run.summaries.size(), 2);
        for (qsizetype i = 0; i < 2; ++i) {
            QCOMPARE(run.results[i].id, config.patterns[i]);
            QCOMPARE(run.results[i].outcome, PatternResult::Outcome::Finished);
            QCOMPARE(int(run.results[i].samples.size()), 50);
            QCOMPARE(run.summaries[i].ok, 50); // summarized when the pattern finished
        }
        QCOMPARE(progress.last().at(1).value<Progress>().total, 50);
    }

    // A preset's run ends with its verdict, before runFinished.
    void aPresetRunSaysWhetherItsLessonShowed()
    {
        RunSession session;
        useFakeTransport(session, 2ms);
        RunConfig config = fakeExternalConfig(80);
        config.preset = QStringLiteral("classroom"); // sequential vs fanout with a pool of 4
        QSignalSpy checked(&session, &RunSession::lessonChecked);
        QSignalSpy finished(&session, &RunSession::runFinished);
        session.start(config);
        QVERIFY(finished.wait(30000));
        QCOMPARE(checked.count(), 1);
        QVERIFY2(checked.first().at(0).toBool(), qPrintable(checked.first().at(1).toString()));
        QVERIFY(checked.first().at(1).toString().contains(QStringLiteral("sooner than sequential")));
    }

    void stopKeepsWhatRanAndRefusesToSwapTheRun()
    {
        RunSession session;
        useFakeTransport(session, 2ms);
        QSignalSpy updated(&session, &RunSession::resultUpdated);
        QSignalSpy finished(&session, &RunSession::runFinished);
        session.start(fakeExternalConfig(5000));
        QVERIFY(updated.wait(10000));
        QVERIFY(!session.setRun(RunData {})); // never while running
        session.stop();
        QVERIFY(finished.wait(10000));
        QCOMPARE(session.run().results.size(), 1); // the second pattern never started
        QCOMPARE(session.run().results[0].outcome, PatternResult::Outcome::Stopped);
        QVERIFY(session.run().summaries[0].ok > 0);
        RunData opened;
        opened.config.requests = 7;
        QVERIFY(session.setRun(opened));
        QCOMPARE(session.run().config.requests, 7);
    }

    // Seed rule and server policy against the real bundled server.
    void reusesRestartsAndWaitsForTheBundledServer()
    {
        RunSession session;
        session.runner()->setMode(Runner::Mode::InProcess); // the qt engine against the server
        QSignalSpy waiting(&session, &RunSession::waitingForServer);
        QSignalSpy finished(&session, &RunSession::runFinished);
        QSignalSpy notStarted(&session, &RunSession::runNotStarted);

        // No seed asked for and no server yet: a random one, reported, used by the run.
        session.start(bundledConfig(QStringLiteral("zero")));
        QVERIFY(session.isWaitingForServer());
        QCOMPARE(waiting.count(), 1);
        QVERIFY(finished.wait(30000));
        QVERIFY2(notStarted.isEmpty(), notStarted.isEmpty() ? "" : qPrintable(notStarted.first().at(0).toString()));
        const quint64 seed = waiting.first().at(1).toULongLong();
        QVERIFY(seed >= 1);
        QCOMPARE(session.run().config.seed, std::optional<quint64>(seed));
        QCOMPARE(session.serverSeed(), std::optional<quint64>(seed));
        QCOMPARE(session.run().summaries[0].ok, 20);
        const qint64 firstServer = session.server()->processId();
        QVERIFY(firstServer > 0);

        // Same settings, no seed: the running server and its seed are reused, no restart.
        session.start(bundledConfig(QStringLiteral("zero")));
        QVERIFY(!session.isWaitingForServer());
        QVERIFY(finished.wait(30000));
        QCOMPARE(waiting.count(), 1);
        QCOMPARE(session.server()->processId(), firstServer);
        QCOMPARE(session.run().config.seed, std::optional<quint64>(seed));

        // Another seed: the server restarts with it and the run waits for it.
        RunConfig seeded = bundledConfig(QStringLiteral("zero"));
        seeded.seed = 77;
        session.start(seeded);
        QVERIFY(session.isWaitingForServer());
        QVERIFY(finished.wait(30000));
        QCOMPARE(waiting.count(), 2);
        QCOMPARE(waiting.last().at(1).toULongLong(), 77u);
        QVERIFY(session.server()->processId() != firstServer);
        QCOMPARE(session.run().config.seed, std::optional<quint64>(77));

        // Stop while waiting for a restart: nothing runs, and it says so.
        QSignalSpy started(&session, &RunSession::runStarted);
        session.start(bundledConfig(QStringLiteral("fixed")));
        QVERIFY(session.isWaitingForServer());
        session.stop();
        QVERIFY(!session.isRunning());
        QCOMPARE(notStarted.count(), 1);
        // The restart it asked for still happens; the run does not.
        QTRY_VERIFY_WITH_TIMEOUT(session.serverParams().profile == QStringLiteral("fixed")
                                     && session.server()->state() == ServerController::State::Ready,
                                 20000);
        QCOMPARE(started.count(), 0);
    }

    // An experiment's trials: each meets the bundled server with its own seed, S + i.
    void everyTrialMeetsItsOwnSeed()
    {
        RunSession session;
        session.runner()->setMode(Runner::Mode::InProcess); // the qt engine against the bundled server
        ExperimentRunner experiment(&session);
        QSignalSpy waiting(&session, &RunSession::waitingForServer);
        QSignalSpy finished(&experiment, &ExperimentRunner::finished);
        QSignalSpy notStarted(&experiment, &ExperimentRunner::notStarted);
        RunConfig config;
        config.patterns = { QStringLiteral("fanout") };
        config.requests = 10;
        config.concurrency = 2;
        config.timeoutMs = 5000;
        config.server.profile = QStringLiteral("zero");
        config.seed = 100;
        ExperimentPlan plan;
        plan.repeat = 3;
        experiment.start(config, plan);
        QVERIFY(finished.wait(60000));
        QVERIFY2(notStarted.isEmpty(), notStarted.isEmpty() ? "" : qPrintable(notStarted.first().at(0).toString()));
        QCOMPARE(waiting.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(waiting.at(i).at(1).toULongLong(), quint64(100 + i));
        QCOMPARE(experiment.result().results.first().trials.size(), 3);
        QVERIFY(experiment.result().sweep.isEmpty());
        session.server()->stopAndWait();
    }

    void aServerThatDiesStopsTheRun()
    {
        RunSession session;
        session.runner()->setMode(Runner::Mode::InProcess);
        QSignalSpy updated(&session, &RunSession::resultUpdated);
        QSignalSpy finished(&session, &RunSession::runFinished);
        RunConfig config = bundledConfig(QStringLiteral("fixed"));
        config.patterns = { QStringLiteral("sequential"), QStringLiteral("fanout") };
        config.requests = 3000;
        config.timeoutMs = 500;
        config.server.latencyMs = 5;
        session.start(config);
        QVERIFY(updated.wait(30000));
        ::kill(pid_t(session.server()->processId()), SIGKILL);
        QVERIFY(finished.wait(20000));
        QVERIFY(session.serverDiedDuringRun());
        QCOMPARE(session.server()->state(), ServerController::State::Failed);
        QCOMPARE(session.run().results.size(), 1); // fanout never started against a dead server
        const PatternResult &result = session.run().results[0];
        QCOMPARE(result.outcome, PatternResult::Outcome::Stopped);
        // Counting stops at the death: nothing sent after it counts as an answer or an error.
        double diedAtS = -1;
        for (const auto &[key, value] : result.notes) {
            if (key == QLatin1String("server.died_at_s"))
                diedAtS = value;
        }
        QVERIFY(diedAtS > 0);
        int answered = 0;
        for (const Sample &s : result.samples) {
            if (s.sent()) {
                QVERIFY(double(s.startNs) / 1e9 <= diedAtS);
                answered += s.ok();
            }
        }
        QVERIFY(answered > 0);
    }

    void aServerThatCannotStartSaysWhyAndRunsNothing()
    {
        RunSession session;
        session.server()->setPython(QStringLiteral("/nonexistent/python3"));
        QSignalSpy notStarted(&session, &RunSession::runNotStarted);
        QSignalSpy started(&session, &RunSession::runStarted);
        session.start(bundledConfig(QStringLiteral("zero")));
        QTRY_COMPARE_WITH_TIMEOUT(notStarted.count(), 1, 10000);
        QVERIFY2(notStarted.first().at(0).toString().contains(QStringLiteral("Python")),
                 qPrintable(notStarted.first().at(0).toString()));
        QVERIFY(!session.isRunning());
        QCOMPARE(started.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRunSession)
#include "tst_runsession.moc"

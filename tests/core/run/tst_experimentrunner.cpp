// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/descriptorbudget.h"
#include "fakesession.h"
#include "io/resultwriter.h"
#include "io/runfile.h"
#include "run/experimentrunner.h"
#include "run/runsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace std::chrono_literals;

// Experiments driven through a real RunSession, patterns in-process on the fake transport:
// sweeps, trials, stop (also under TSan: the runner's threads, the resource monitor). Against
// the bundled server (a new seed per trial): tst_runsession.
class TestExperimentRunner : public QObject
{
    Q_OBJECT

    // The shared fake run with a seed, so trials can be told apart.
    static RunConfig externalConfig(int requests)
    {
        RunConfig config = fakeExternalConfig(requests);
        config.seed = 40;
        return config;
    }

private Q_SLOTS:
    void sweepWithTrialsInterleavesAndKeepsEveryPoint()
    {
        RunSession session;
        useFakeTransport(session, 1ms);
        ExperimentRunner experiment(&session);
        QList<QPair<int, quint64>> steps; // concurrency and seed of every run, in order
        QStringList order; // patterns as they started
        connect(&session, &RunSession::runStarted, this, [&] {
            steps.append({ session.run().config.concurrency, session.run().config.seed.value_or(0) });
        });
        connect(&session, &RunSession::patternStarted, this,
                [&](int index) { order << session.run().results.at(index).id; });
        QSignalSpy finished(&experiment, &ExperimentRunner::finished);
        QSignalSpy progress(&experiment, &ExperimentRunner::progressChanged);
        ExperimentPlan plan;
        plan.sweepParam = QStringLiteral("concurrency");
        plan.values = { 1, 2, 3, 4 }; // four: the fewest a USL fit or a knee takes
        plan.repeat = 2;
        experiment.start(externalConfig(24), plan);
        QVERIFY(experiment.isRunning());
        QVERIFY(finished.wait(60000));
        QVERIFY(!experiment.isRunning());

        // Values outer, trials inner; trial i meets seed S + i at every value.
        const QList<QPair<int, quint64>> expected { { 1, 40 }, { 1, 41 }, { 2, 40 }, { 2, 41 },
                                                    { 3, 40 }, { 3, 41 }, { 4, 40 }, { 4, 41 } };
        QCOMPARE(steps, expected);
        // Interleaved: every trial runs the patterns in their order (A B, A B, ...).
        QCOMPARE(order.size(), 16);
        for (int i = 0; i < order.size(); ++i)
            QCOMPARE(order.at(i), i % 2 ? QStringLiteral("fanout") : QStringLiteral("sequential"));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toDouble() > 0.8, true);

        const RunData &result = experiment.result();
        QCOMPARE(experiment.stepsDone(), 8);
        QCOMPARE(result.sweep.param, QStringLiteral("concurrency"));
        QCOMPARE(result.sweep.points.size(), 4);
        for (int p = 0; p < 4; ++p) {
            const SweepPoint &point = result.sweep.points.at(p);
            QCOMPARE(point.value, plan.values.at(p));
            QCOMPARE(point.results.size(), 2);
            for (const PatternResult &r : point.results) {
                QCOMPARE(r.trials.size(), 2);
                QVERIFY(r.samples.empty()); // a point keeps figures, not samples
                QVERIFY(r.trials.first().throughputRps > 0);
            }
        }
        // On screen: the last point's last trial, with every trial's figures.
        QCOMPARE(result.config.concurrency, 4);
        QCOMPARE(result.config.seed, std::optional<quint64>(40));
        QCOMPARE(result.results.at(1).samples.size(), std::size_t(24));
        QCOMPARE(result.results.at(1).trials.size(), 2);

        // JSON as in DESIGN.md: the sweep with its fits, the trials' intervals, comparisons.
        const QJsonObject json = ResultWriter::toJson(result);
        const QJsonObject sweep = json.value(QStringLiteral("sweep")).toObject();
        QCOMPARE(sweep.value(QStringLiteral("param")).toString(), QStringLiteral("concurrency"));
        QCOMPARE(sweep.value(QStringLiteral("points")).toArray().size(), 4);
        const QJsonObject fits = sweep.value(QStringLiteral("fits")).toObject();
        QVERIFY(fits.value(QStringLiteral("fanout")).toObject().value(QStringLiteral("usl")).isObject());
        // sequential has no pool: no scaling law to fit.
        QVERIFY(fits.value(QStringLiteral("sequential")).toObject().value(QStringLiteral("usl")).isNull());
        const QJsonObject fanout = json.value(QStringLiteral("results")).toArray().at(1).toObject();
        QCOMPARE(fanout.value(QStringLiteral("trials")).toArray().size(), 2);
        QCOMPARE(fanout.value(QStringLiteral("ci95")).toObject().value(QStringLiteral("p99_ms")).toArray().size(), 2);
        QCOMPARE(json.value(QStringLiteral("comparisons")).toArray().size(), 3); // one pair, three figures
        QCOMPARE(json.value(QStringLiteral("config")).toObject().value(QStringLiteral("repeat")).toInt(), 2);

        // A saved experiment opens again with its points, trials and prediction.
        RunData saved = result;
        saved.prediction = { QStringLiteral("fanout"), QStringLiteral("sequential") };
        RunData reopened;
        QString error;
        QVERIFY2(RunFile::fromJson(RunFile::toJson(saved), &reopened, &error), qPrintable(error));
        QCOMPARE(reopened.sweep.points.size(), 4);
        QCOMPARE(reopened.sweep.values, plan.values);
        QCOMPARE(reopened.sweep.points.at(3).results.at(1).trials, result.sweep.points.at(3).results.at(1).trials);
        QCOMPARE(reopened.sweep.points.at(0).summaries.at(0).throughputRps,
                 result.sweep.points.at(0).summaries.at(0).throughputRps);
        QCOMPARE(reopened.results.at(0).trials, result.results.at(0).trials);
        QCOMPARE(reopened.prediction, saved.prediction);
    }

    void stopKeepsTheStepsThatFinished()
    {
        RunSession session;
        useFakeTransport(session, 2ms);
        ExperimentRunner experiment(&session);
        QSignalSpy finished(&experiment, &ExperimentRunner::finished);
        connect(&experiment, &ExperimentRunner::stepFinished, this, [&](int step) {
            if (step == 0)
                experiment.stop();
        });
        ExperimentPlan plan;
        plan.sweepParam = QStringLiteral("concurrency");
        plan.values = { 1, 2, 3 };
        experiment.start(externalConfig(100), plan);
        QVERIFY(finished.wait(60000));
        QCOMPARE(experiment.stepsDone(), 1);
        QCOMPARE(experiment.result().sweep.points.size(), 1);
        QCOMPARE(experiment.result().sweep.values.size(), 3); // what was planned
        QCOMPARE(experiment.result().results.size(), 2);
        QVERIFY(!session.isRunning());

        // Stopped in the middle of a step: that step is dropped, the earlier ones stay.
        QSignalSpy finished2(&experiment, &ExperimentRunner::finished);
        disconnect(&experiment, &ExperimentRunner::stepFinished, this, nullptr);
        connect(&session, &RunSession::patternStarted, this, [&](int) {
            if (experiment.stepsDone() == 1)
                QTimer::singleShot(5, &experiment, [&] { experiment.stop(); });
        });
        plan.repeat = 2;
        plan.values = { 1, 2 };
        experiment.start(externalConfig(400), plan);
        QVERIFY(finished2.wait(60000));
        QCOMPARE(experiment.stepsDone(), 1);
        const RunData &kept = experiment.result();
        QCOMPARE(kept.sweep.points.size(), 1); // value 1 with one of its two trials
        QCOMPARE(kept.sweep.points.first().results.first().trials.size(), 1);
    }

    // Stop between two steps (the session idle, the next step not yet started): the trials
    // that finished stay with their point.
    void stopBetweenStepsKeepsTheTrials()
    {
        RunSession session;
        useFakeTransport(session, 1ms);
        ExperimentRunner experiment(&session);
        QSignalSpy finished(&experiment, &ExperimentRunner::finished);
        QSignalSpy started(&session, &RunSession::runStarted);
        connect(&experiment, &ExperimentRunner::stepFinished, this, [&](int step) {
            if (step == 1)
                QTimer::singleShot(0, &experiment, [&] {
                    QVERIFY(!session.isRunning());
                    experiment.stop();
                });
        });
        ExperimentPlan plan;
        plan.repeat = 4;
        experiment.start(externalConfig(20), plan);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(experiment.stepsDone(), 2);
        QCOMPARE(started.size(), 2); // no third step began
        QCOMPARE(experiment.result().results.size(), 2);
        QCOMPARE(experiment.result().results.first().trials.size(), 2);
        QTest::qWait(50); // a late step would start here
        QCOMPARE(started.size(), 2);
        QVERIFY(!experiment.isRunning());
    }

    // A sweep past what the machine holds is refused before anything runs (the session
    // would cap the pool, and the point would not be the value asked for).
    void aSweepPastTheMachineIsRefused()
    {
        RunSession session;
        useFakeTransport(session, 1ms);
        ExperimentRunner experiment(&session);
        QSignalSpy finished(&experiment, &ExperimentRunner::finished);
        QSignalSpy notStarted(&experiment, &ExperimentRunner::notStarted);
        QSignalSpy started(&session, &RunSession::runStarted);
        ExperimentPlan plan;
        plan.sweepParam = QStringLiteral("concurrency");
        plan.values = { 1, double(DescriptorBudget::maxClients(false) + 1) };
        experiment.start(externalConfig(20), plan);
        QCOMPARE(notStarted.size(), 1);
        QVERIFY(notStarted.first().at(0).toString().contains(QStringLiteral("more clients than this machine")));
        // A sweep no selected pattern can feel: refused with the reason.
        RunConfig config = externalConfig(20);
        config.patterns = { QStringLiteral("fanout") };
        plan.sweepParam = QStringLiteral("rate");
        plan.values = { 100, 200 };
        QVERIFY(ExperimentRunner::checkPlan(config, plan)
                    .contains(QStringLiteral("none of the patterns (fanout) uses rate")));
        config.patterns << QStringLiteral("ratelimit");
        QVERIFY(ExperimentRunner::checkPlan(config, plan).isEmpty());
        plan.sweepParam = QStringLiteral("latency-ms");
        QVERIFY(ExperimentRunner::checkPlan(config, plan).contains(QStringLiteral("external URL")));
        config.bundledServer = true;
        config.server.profile = QStringLiteral("zero");
        QVERIFY(ExperimentRunner::checkPlan(config, plan).contains(QStringLiteral("zero profile")));
        plan.sweepParam = QStringLiteral("concurrency");
        plan.values = { 1, 2 };
        config.patterns = { QStringLiteral("pipeline") }; // its fetch workers default to --concurrency
        QVERIFY(ExperimentRunner::checkPlan(config, plan).isEmpty());
        QCOMPARE(finished.size(), 1);
        QVERIFY(!experiment.isRunning());
        QCOMPARE(started.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestExperimentRunner)
#include "tst_experimentrunner.moc"

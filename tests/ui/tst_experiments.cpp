// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "charts/comparechart.h"
#include "charts/comparisonchart.h"
#include "charts/experimentchart.h"
#include "comparewindow.h"
#include "fakerun.h"
#include "io/runfile.h"
#include "mainwindow.h"
#include "models/patternlistmodel.h"
#include "models/resultsmodel.h"
#include "predictiondialog.h"
#include "runsettingswidget.h"
#include "testhttpserver.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "uitestmain.h"

// Experiments in the app: the Experiments view (knee, USL fit, Little's law), error bars
// and verdicts of repeated trials, runs compared, predict-then-run, and the window running
// a sweep with trials through its settings.
class TestExperiments : public QObject
{
    Q_OBJECT

    // A concurrency sweep whose figures are known: fanout scales like the USL with sigma
    // 0.05, kappa 0.002 and its p99 bends at 16; sequential does not use the parameter.
    static RunData syntheticSweep()
    {
        RunData run;
        run.config.patterns = { QStringLiteral("fanout"), QStringLiteral("sequential") };
        run.sweep.param = QStringLiteral("concurrency");
        const ExperimentStats::UslFit law { 0.05, 0.002, 50, 1, std::nullopt };
        for (double c : { 1, 2, 4, 8, 16, 32, 64 }) {
            run.sweep.values << c;
            SweepPoint point;
            point.value = c;
            for (const QString &id : run.config.patterns) {
                PatternResult r;
                r.id = id;
                r.title = id;
                RunConfig config;
                config.concurrency = int(c);
                r.params = PatternRegistry::params(id, config);
                PatternSummary s;
                const bool pool = id == u"fanout";
                s.throughputRps = pool ? law.predict(c) : 48;
                s.latencyMs.p99 = pool ? (c <= 16 ? 20.0 : 20.0 * c / 16) : 21;
                s.latencyMs.mean = 1000.0 * (pool ? c : 1) / s.throughputRps; // Little: L = X W
                s.totalTimeS = 5;
                // In flight as sampled: right everywhere but at 64, where it is 30% off.
                r.notes.append({ QStringLiteral("inflight.sampled_mean"), pool ? (c == 64 ? c * 0.7 : c) : 1.0 });
                point.results << r;
                point.summaries << s;
            }
            run.sweep.points << point;
        }
        run.results = run.sweep.points.last().results;
        run.summaries = run.sweep.points.last().summaries;
        return run;
    }

    static void withTrials(RunData *run, const QString &id, QList<double> totalTimes)
    {
        PatternResult &r = run->results[run->indexOf(id)];
        r.trials.clear();
        for (double t : totalTimes)
            r.trials.append({ t, 100 / t, 10 * t });
    }

    static QAction *action(MainWindow &w, const char *name)
    {
        auto *a = w.findChild<QAction *>(QString::fromLatin1(name));
        Q_ASSERT(a);
        return a;
    }

    static void configure(MainWindow &w, const QUrl &url, int requests, const QStringList &patterns)
    {
        w.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
        w.runSettings()->setExternalUrl(url);
        w.runSettings()->findChild<QSpinBox *>(QStringLiteral("requests"))->setValue(requests);
        w.patternModel()->setCheckedIds(patterns);
    }

    static void setSweep(MainWindow &w, const QString &param, const QString &values, int repeat)
    {
        auto *combo = w.runSettings()->findChild<QComboBox *>(QStringLiteral("sweepParam"));
        combo->setCurrentIndex(combo->findData(param));
        w.runSettings()->findChild<QLineEdit *>(QStringLiteral("sweepValues"))->setText(values);
        w.runSettings()->findChild<QSpinBox *>(QStringLiteral("repeat"))->setValue(repeat);
    }

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void experimentChartShowsKneeFitAndLittle()
    {
        ExperimentChart chart;
        chart.resize(1280, 600);
        chart.setRun(syntheticSweep());
        chart.grab();
        const QStringList lines = chart.fitLines();
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).contains(QStringLiteral("knee at 16 concurrency")), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(0).contains(QStringLiteral("USL σ 0.05, κ 0.002")), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(0).contains(QStringLiteral("Little's law off at 64 (30%)")), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).contains(QStringLiteral("does not use concurrency")), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(1).contains(QStringLiteral("Little's law holds")), qPrintable(lines.at(1)));
        QVERIFY(chart.paintedTexts().contains(QStringLiteral("knee 16")));
        QVERIFY(chart.paintedTexts().contains(QStringLiteral("64"))); // the swept values are the ticks
        QVERIFY2(chart.elidedTexts().isEmpty(), qPrintable(chart.elidedTexts().join(QLatin1Char('|'))));

        // A run without a sweep says how to make one.
        ExperimentChart empty;
        empty.resize(800, 500);
        empty.setRun(fakeRun({ QStringLiteral("fanout") }, 50, 4));
        empty.grab();
        QVERIFY(empty.paintedTexts().join(QLatin1Char(' ')).contains(QStringLiteral("--sweep")));
    }

    void comparisonChartDrawsErrorBarsForTrials()
    {
        RunData run = fakeRun({ QStringLiteral("sequential"), QStringLiteral("fanout") }, 50, 4);
        ComparisonChart chart;
        chart.resize(1280, 700);
        chart.setRun(run);
        const QImage without = chart.grab().toImage();
        QVERIFY(!chart.paintedTexts().join(QLatin1Char(' ')).contains(QStringLiteral("n=")));
        withTrials(&run, QStringLiteral("sequential"), { 1.0, 1.1, 1.2, 0.9, 1.05 });
        withTrials(&run, QStringLiteral("fanout"), { 0.2, 0.25, 0.22, 0.21, 0.3 });
        chart.setRun(run);
        const QImage with = chart.grab().toImage();
        const QString texts = chart.paintedTexts().join(QLatin1Char('|'));
        // The bars are the medians now, with n and a drawn interval.
        QVERIFY2(texts.contains(QStringLiteral("1.05 n=5")), qPrintable(texts));
        QVERIFY2(texts.contains(QStringLiteral("0.22 n=5")), qPrintable(texts));
        QVERIFY(with != without);
    }

    void tableSaysWhetherTheDifferenceIsReal()
    {
        RunData run = fakeRun(
            { QStringLiteral("sequential"), QStringLiteral("fanout"), QStringLiteral("backpressure") }, 50, 4);
        withTrials(&run, QStringLiteral("sequential"), { 1.0, 1.1, 1.2, 0.9, 1.05 });
        withTrials(&run, QStringLiteral("fanout"), { 0.2, 0.25, 0.22, 0.21, 0.3 });
        withTrials(&run, QStringLiteral("backpressure"), { 0.24, 0.19, 0.23, 0.28, 0.2 });
        ResultsModel model;
        model.setRun(run);
        const auto verdict = [&](int row) { return model.index(row, ResultsModel::VerdictColumn).data().toString(); };
        QVERIFY2(verdict(0).startsWith(QStringLiteral("slower than")), qPrintable(verdict(0)));
        QVERIFY(verdict(0).contains(QStringLiteral("p=0.0079"))); // 5 vs 5, separated: 2/252
        QCOMPARE(verdict(1), QStringLiteral("fastest (median total time)"));
        QVERIFY2(verdict(2).startsWith(QStringLiteral("no clear difference")), qPrintable(verdict(2)));
        QVERIFY(
            model.index(0, ResultsModel::TrialsColumn).data().toString().startsWith(QStringLiteral("5: median 1.050")));
        QVERIFY(QString::fromUtf8(model.toCsv()).contains(QStringLiteral("Verdict")));
        // Three trials each can never show a difference: said in the verdict.
        withTrials(&run, QStringLiteral("sequential"), { 1.0, 1.1, 1.2 });
        withTrials(&run, QStringLiteral("fanout"), { 0.2, 0.25, 0.22 });
        model.setRun(run);
        QVERIFY2(verdict(0).contains(QStringLiteral("fewer than 4 trials")), qPrintable(verdict(0)));
        // Without trials, no verdict at all.
        model.setRun(fakeRun({ QStringLiteral("sequential") }, 10, 2));
        QVERIFY(verdict(0).isEmpty());
    }

    void compareOpensRunsSideBySide()
    {
        QTemporaryDir dir;
        RunData a = fakeRun({ QStringLiteral("sequential"), QStringLiteral("fanout") }, 40, 4, 1);
        withTrials(&a, QStringLiteral("fanout"), { 0.2, 0.21, 0.22, 0.23, 0.24 });
        RunData b = fakeRun({ QStringLiteral("fanout"), QStringLiteral("waitgroup") }, 40, 4, 2);
        withTrials(&b, QStringLiteral("fanout"), { 0.4, 0.41, 0.42, 0.43, 0.44 });
        QString error;
        const QString pathA = dir.filePath(QStringLiteral("qt.json"));
        const QString pathB = dir.filePath(QStringLiteral("curl.json"));
        QVERIFY(RunFile::save(pathA, a, &error));
        QVERIFY(RunFile::save(pathB, b, &error));

        MainWindow w;
        w.setPersistSettings(false);
        w.setFileChooser([&](MainWindow::FileRequest request, const QString &) {
            return request == MainWindow::FileRequest::CompareRuns ? pathA + QLatin1Char('\n') + pathB : QString();
        });
        action(w, "actionCompare")->trigger();
        auto *window = w.findChild<CompareWindow *>(QStringLiteral("compareWindow"));
        QVERIFY(window);
        QTableWidget *table = window->table();
        QCOMPARE(table->rowCount(), 3 * 3); // sequential, fanout, waitgroup x three figures
        QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("qt"));
        QCOMPARE(table->horizontalHeaderItem(3)->text(), QStringLiteral("curl"));
        // fanout's total time: run a lower, with trials on both sides.
        QString fanoutTime;
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 0)->text() == PatternRegistry::shortTitle(QStringLiteral("fanout"))
                && table->item(r, 1)->text() == u"total_time_s")
                fanoutTime = table->item(r, 5)->text();
        }
        QVERIFY2(fanoutTime.startsWith(QStringLiteral("qt lower (p=0.0079)")), qPrintable(fanoutTime));
        window->chart()->resize(1200, 700);
        window->chart()->grab();
        QVERIFY(window->chart()->paintedTexts().contains(QStringLiteral("curl")));
        QVERIFY(window->chart()->paintedTexts().contains(QStringLiteral("Latency percentiles (ms)")));
        const QString png = dir.filePath(QStringLiteral("compare.png"));
        const QString csv = dir.filePath(QStringLiteral("compare.csv"));
        QVERIFY2(window->exportPng(png, &error), qPrintable(error));
        QVERIFY2(window->exportCsv(csv, &error), qPrintable(error));
        QCOMPARE(QImage(png).size(), ChartPanel::defaultExportSize());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("fanout,total_time_s,curl,"));

        // One file, or a broken one: a message, no window.
        QVERIFY(!w.compareRuns({ pathA }, &error));
        QVERIFY(error.contains(QStringLiteral("two or more")));
        QFile broken(dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{");
        broken.close();
        QVERIFY(!w.compareRuns({ pathA, broken.fileName() }, &error));
        QVERIFY(error.contains(QStringLiteral("broken.json")));
    }

    void predictionDialogRoundTrips()
    {
        PredictionDialog dialog({ QStringLiteral("sequential"), QStringLiteral("fanout") });
        QCOMPARE(dialog.prediction(), Prediction {});
        dialog.setPrediction({ QStringLiteral("fanout"), QStringLiteral("sequential") });
        QCOMPARE(dialog.prediction().firstToFinish, QStringLiteral("fanout"));
        QCOMPARE(dialog.prediction().mostMemory, QStringLiteral("sequential"));
    }

    void predictThenRunRevealsAndSaves()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 2, false }; }));
        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("predicted.json"));
        {
            MainWindow w;
            w.setPersistSettings(false);
            configure(w, server.url(), 40, { QStringLiteral("sequential"), QStringLiteral("fanout") });
            w.setPredictBeforeRun(true);
            QStringList offered;
            // Cancelled: nothing runs.
            w.setPredictionAsker([&](const QStringList &ids) -> std::optional<Prediction> {
                offered = ids;
                return std::nullopt;
            });
            action(w, "actionRun")->trigger();
            QVERIFY(!w.isRunning());
            QCOMPARE(offered, (QStringList { QStringLiteral("sequential"), QStringLiteral("fanout") }));
            // Sequential predicted to finish first: wrong, and the banner says so.
            w.setPredictionAsker([](const QStringList &) -> std::optional<Prediction> {
                return Prediction { QStringLiteral("sequential"), QString() };
            });
            QSignalSpy finished(&w, &MainWindow::runFinished);
            action(w, "actionRun")->trigger();
            QVERIFY(w.isRunning());
            QVERIFY(w.predictionText().isEmpty()); // nothing revealed before the end
            QVERIFY(finished.wait(60000));
            // One run, no trials: the table keeps its trial columns out of the way.
            QVERIFY(
                w.findChild<QTableView *>(QStringLiteral("resultsTable"))->isColumnHidden(ResultsModel::TrialsColumn));
            const QString text = w.predictionText();
            QVERIFY2(text.contains(QStringLiteral("predicted Sequential, result Fan-out ✗")), qPrintable(text));
            QCOMPARE(w.run().prediction.firstToFinish, QStringLiteral("sequential"));
            QString error;
            QVERIFY(w.saveRun(saved, &error));
        }
        MainWindow w;
        w.setPersistSettings(false);
        QString error;
        QVERIFY(w.openRun(saved, &error));
        QCOMPARE(w.run().prediction.firstToFinish, QStringLiteral("sequential"));
        QVERIFY(w.predictionText().contains(QStringLiteral("✗")));
    }

    void windowRunsASweepWithTrials()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 2, false }; }));
        MainWindow w;
        w.setPersistSettings(false);
        configure(w, server.url(), 20, { QStringLiteral("sequential"), QStringLiteral("fanout") });
        setSweep(w, QStringLiteral("concurrency"), QStringLiteral("1,x"), 2);
        QVERIFY(!action(w, "actionRun")->isEnabled());
        QVERIFY2(w.runBlockedReason().startsWith(QStringLiteral("Sweep:")), qPrintable(w.runBlockedReason()));
        setSweep(w, QStringLiteral("rate"), QStringLiteral("100,200"), 2); // neither pattern has a rate
        QVERIFY2(w.runBlockedReason().contains(QStringLiteral("none of the patterns")),
                 qPrintable(w.runBlockedReason()));
        setSweep(w, QStringLiteral("concurrency"), QStringLiteral("1,2"), 2);
        QVERIFY2(action(w, "actionRun")->isEnabled(), qPrintable(w.runBlockedReason()));
        w.show();
        QSignalSpy finished(&w, &MainWindow::runFinished);
        action(w, "actionRun")->trigger();
        QVERIFY(w.isRunning());
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.size(), 1); // one end for the whole experiment, not one per step
        QVERIFY(!w.isRunning());
        QCOMPARE(server.requestCount(), 2 * 2 * 2 * 20);
        QCOMPARE(w.run().sweep.points.size(), 2);
        QCOMPARE(w.run().results.at(1).trials.size(), 2);
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("chartTabs"));
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("experimentsChart"));
        QVERIFY(!w.resultsModel()->index(1, ResultsModel::VerdictColumn).data().toString().isEmpty());
        auto *table = w.findChild<QTableView *>(QStringLiteral("resultsTable"));
        QVERIFY(!table->isColumnHidden(ResultsModel::VerdictColumn));
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("runStatus"))->text().contains(QStringLiteral("4 steps")));
        // The experiment as CSV: a row per value and pattern, medians and intervals.
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("experiment.csv"));
        w.setFileChooser([&](MainWindow::FileRequest request, const QString &) {
            return request == MainWindow::FileRequest::ExportExperiment ? csv : QString();
        });
        QVERIFY(action(w, "actionExportExperiment")->isEnabled());
        action(w, "actionExportExperiment")->trigger();
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = file.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 2 * 2);
        QVERIFY2(rows.at(4).startsWith("concurrency,2,fanout,2,"), rows.at(4).constData());
    }
};

PATTERNLAB_UI_TEST_MAIN(TestExperiments)
#include "tst_experiments.moc"

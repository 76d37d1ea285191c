// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "charts/chartpanel.h"
#include "charts/livechart.h"
#include "charts/timelinewidget.h"
#include "fakerun.h"
#include "imagecheck.h"
#include "io/runfile.h"
#include "mainwindow.h"
#include "model/presets.h"
#include "models/patternlistmodel.h"
#include "models/resultsmodel.h"
#include "runsettingswidget.h"
#include "testhttpserver.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "uitestmain.h"

// The window driven through its real actions (Run, Stop, Save, Open, Export all charts),
// each pattern in a real patternlab-cli child process against an in-process HTTP server.
class TestMainWindow : public QObject
{
    Q_OBJECT

    static QAction *action(MainWindow &w, const char *name)
    {
        auto *a = w.findChild<QAction *>(QString::fromLatin1(name));
        Q_ASSERT(a);
        return a;
    }

    static void configure(MainWindow &w, const QUrl &url, int requests, int concurrency, const QStringList &patterns)
    {
        w.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
        w.runSettings()->setExternalUrl(url);
        w.runSettings()->findChild<QSpinBox *>(QStringLiteral("requests"))->setValue(requests);
        w.runSettings()->findChild<QSpinBox *>(QStringLiteral("concurrency"))->setValue(concurrency);
        w.patternModel()->setCheckedIds(patterns);
    }

    static QString tableText(const ResultsModel *model) { return QString::fromUtf8(model->toCsv()); }

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void runsToCompletionAndSavesAndOpens()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int index, const QByteArray &) {
            return TestHttpServer::Response { index % 10 == 3 ? 500 : 200, 1, false };
        }));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString runPath = dir.filePath(QStringLiteral("run.json"));

        QString tableAfterRun;
        {
            MainWindow w;
            configure(w, server.url(), 30, 3, { QStringLiteral("sequential"), QStringLiteral("fanout") });
            w.show();
            QVERIFY2(action(w, "actionRun")->isEnabled(), qPrintable(w.runBlockedReason()));
            QSignalSpy finished(&w, &MainWindow::runFinished);
            action(w, "actionRun")->trigger();
            QVERIFY(w.isRunning());
            QVERIFY(!action(w, "actionRun")->isEnabled());
            QVERIFY(action(w, "actionStop")->isEnabled());
            QVERIFY(finished.wait(60000));

            QCOMPARE(server.requestCount(), 60);
            QCOMPARE(w.resultsModel()->rowCount(), 2);
            for (int row = 0; row < 2; ++row) {
                QCOMPARE(w.resultsModel()->index(row, ResultsModel::RequestsColumn).data().toInt(), 30);
                QCOMPARE(w.resultsModel()->index(row, ResultsModel::OutcomeColumn).data().toString(),
                         QStringLiteral("finished"));
                QCOMPARE(w.resultsModel()->index(row, ResultsModel::ErrorsColumn).data().toInt(), 3);
            }
            QCOMPARE(w.resultsProxy()->rowCount(), 2);
            QVERIFY(w.liveChart()->latencyPointCount() > 0);
            const int row = w.patternModel()->rowOf(QStringLiteral("fanout"));
            QCOMPARE(w.patternModel()
                         ->index(row, PatternListModel::ProgressColumn)
                         .data(PatternListModel::ProgressRole)
                         .toDouble(),
                     1.0);
            QVERIFY(action(w, "actionRun")->isEnabled());
            tableAfterRun = tableText(w.resultsModel());

            w.setFileChooser([&](MainWindow::FileRequest request, const QString &) {
                return request == MainWindow::FileRequest::SaveRun ? runPath : QString();
            });
            action(w, "actionSave")->trigger();
            QVERIFY(QFileInfo::exists(runPath));
        }

        // A fresh window opens the saved run: same table, charts without running.
        MainWindow w;
        w.setFileChooser([&](MainWindow::FileRequest request, const QString &) {
            return request == MainWindow::FileRequest::OpenRun ? runPath : QString();
        });
        QSignalSpy opened(&w, &MainWindow::runOpened);
        action(w, "actionOpen")->trigger();
        QVERIFY(opened.wait(20000));
        QCOMPARE(opened.first().at(0).toBool(), true);
        QCOMPARE(w.resultsModel()->rowCount(), 2);
        QCOMPARE(tableText(w.resultsModel()), tableAfterRun);
        QCOMPARE(w.run().results.at(0).samples.size(), std::size_t(30));
        QVERIFY(!w.isRunning());
    }

    void stopMidRunKeepsPartialResults()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 20, false }; }));
        MainWindow w;
        configure(w, server.url(), 3000, 2, { QStringLiteral("sequential"), QStringLiteral("fanout") });
        w.show();
        QSignalSpy finished(&w, &MainWindow::runFinished);
        action(w, "actionRun")->trigger();
        // Some requests done, far from all of them.
        QTRY_VERIFY_WITH_TIMEOUT(!w.run().results.isEmpty() && w.run().results.first().samples.size() >= 5, 20000);
        action(w, "actionStop")->trigger();
        QVERIFY(finished.wait(10000));
        QVERIFY(!w.isRunning());
        QCOMPARE(w.resultsModel()->rowCount(), 1); // the second pattern never started
        QCOMPARE(w.resultsModel()->index(0, ResultsModel::OutcomeColumn).data().toString(), QStringLiteral("stopped"));
        const int sent = w.resultsModel()->index(0, ResultsModel::SentColumn).data().toInt();
        QVERIFY(sent >= 5);
        QVERIFY(sent < 3000);
        QCOMPARE(w.resultsModel()->index(0, ResultsModel::RequestsColumn).data().toInt(), 3000);
        QVERIFY(action(w, "actionSave")->isEnabled());
    }

    void exportAllChartsWritesImages()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString runPath = dir.filePath(QStringLiteral("lesson.json"));
        QString error;
        QVERIFY(RunFile::save(runPath,
                              fakeRun({ QStringLiteral("sequential"), QStringLiteral("waitgroup"),
                                        QStringLiteral("fanout"), QStringLiteral("backpressure") },
                                      500, 10),
                              &error));
        const QString pngDir = dir.filePath(QStringLiteral("charts"));
        QVERIFY(QDir().mkpath(pngDir));

        MainWindow w;
        w.show();
        w.setFileChooser([&](MainWindow::FileRequest request, const QString &) {
            switch (request) {
            case MainWindow::FileRequest::OpenRun:
                return runPath;
            case MainWindow::FileRequest::ExportAllCharts:
                return pngDir;
            case MainWindow::FileRequest::ExportTable:
                return dir.filePath(QStringLiteral("table.csv"));
            case MainWindow::FileRequest::ExportSamples:
                return dir.filePath(QStringLiteral("samples.csv"));
            default:
                return QString();
            }
        });
        QSignalSpy opened(&w, &MainWindow::runOpened);
        action(w, "actionOpen")->trigger();
        QVERIFY(opened.wait(20000));
        QCOMPARE(opened.first().at(0).toBool(), true);
        QCOMPARE(w.resultsModel()->rowCount(), 4);
        // A chart tab not on screen catches up when it is shown.
        TimelineWidget *timeline = nullptr;
        for (ChartPanel *panel : w.chartPanels())
            timeline = timeline ? timeline : qobject_cast<TimelineWidget *>(panel);
        QVERIFY(timeline);
        QVERIFY(w.showTab(QStringLiteral("timeline")));
        timeline->grab();
        QCOMPARE(timeline->bandInfo().size(), 4);
        QVERIFY(action(w, "actionExportAll")->isEnabled());
        action(w, "actionExportAll")->trigger();

        action(w, "actionExportTable")->trigger();
        action(w, "actionExportSamples")->trigger();
        QFile table(dir.filePath(QStringLiteral("table.csv")));
        QVERIFY(table.open(QIODevice::ReadOnly));
        QCOMPARE(table.readAll().trimmed().count('\n'), 4); // header + one row per pattern
        QFile samples(dir.filePath(QStringLiteral("samples.csv")));
        QVERIFY(samples.open(QIODevice::ReadOnly));
        // header + one row per request, and one per extra request (fakeRun: one each)
        QCOMPARE(samples.readAll().trimmed().count('\n'), 4 * 500 + 4);

        const QStringList files = QDir(pngDir).entryList({ QStringLiteral("*.png") }, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), w.chartPanels().size());
        for (const QString &file : files) {
            const QString path = QDir(pngDir).filePath(file);
            QImageReader reader(path);
            QCOMPARE(reader.size(), ChartPanel::defaultExportSize());
            const QImage image = reader.read();
            QVERIFY2(!image.isNull(), qPrintable(path));
            QVERIFY2(distinctColors(image) > 50,
                     qPrintable(file + QStringLiteral(": ") + QString::number(distinctColors(image))));
        }
    }

    // Right click on a chart offers "Save as PNG…", which writes that chart.
    void chartContextMenuExportsThatChart()
    {
        QTemporaryDir dir;
        const QString runPath = dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY(RunFile::save(runPath, fakeRun({ QStringLiteral("fanout") }, 100, 4), &error));
        const QString pngPath = dir.filePath(QStringLiteral("latency.png"));
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(w.openRun(runPath, &error));
        w.setFileChooser([&](MainWindow::FileRequest request, const QString &suggested) {
            return request == MainWindow::FileRequest::ExportChart && suggested == QStringLiteral("latency.png")
                ? pngPath
                : QString();
        });
        ChartPanel *latency = nullptr;
        for (ChartPanel *panel : w.chartPanels())
            latency = panel->exportName() == QStringLiteral("latency") ? panel : latency;
        QVERIFY(latency);
        w.showTab(QStringLiteral("latency"));
        // The menu runs its own event loop: pick its only entry from inside it.
        QTimer::singleShot(0, this, [] {
            QMenu *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            QCOMPARE(menu->actions().size(), 1);
            menu->actions().first()->trigger();
            menu->close();
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, QPoint(20, 20), latency->mapToGlobal(QPoint(20, 20)));
        QApplication::sendEvent(latency, &event);
        QImageReader reader(pngPath);
        QCOMPARE(reader.size(), ChartPanel::defaultExportSize());
    }

    void invalidSettingsDisableRun()
    {
        MainWindow w;
        w.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
        w.runSettings()->setExternalUrl(QUrl(QStringLiteral("http://127.0.0.1:1/data")));
        QVERIFY2(action(w, "actionRun")->isEnabled(), qPrintable(w.runBlockedReason()));

        auto *url = w.runSettings()->findChild<QLineEdit *>(QStringLiteral("url"));
        url->setText(QStringLiteral("ftp://example"));
        QVERIFY(!action(w, "actionRun")->isEnabled());
        QVERIFY(action(w, "actionRun")->toolTip().contains(QStringLiteral("URL")));
        QVERIFY(!url->toolTip().isEmpty());
        QVERIFY(!url->styleSheet().isEmpty()); // outlined
        // Nothing leaves loopback: https and other hosts are refused before any request.
        for (const char *elsewhere :
             { "https://127.0.0.1:1/data", "http://example.com/data", "http://10.0.0.1/data" }) {
            url->setText(QString::fromLatin1(elsewhere));
            QVERIFY2(!action(w, "actionRun")->isEnabled(), elsewhere);
        }
        url->setText(QStringLiteral("http://127.0.0.1:1/data"));
        QVERIFY(action(w, "actionRun")->isEnabled());
        QVERIFY(url->styleSheet().isEmpty());

        auto *seed = w.runSettings()->findChild<QLineEdit *>(QStringLiteral("seed"));
        seed->setText(QStringLiteral("abc"));
        QVERIFY(!action(w, "actionRun")->isEnabled());
        QVERIFY(action(w, "actionRun")->toolTip().contains(QStringLiteral("Seed")));
        seed->setText(QStringLiteral("42"));
        QVERIFY(action(w, "actionRun")->isEnabled());

        w.patternModel()->setCheckedIds({});
        QVERIFY(!action(w, "actionRun")->isEnabled());
        QVERIFY(action(w, "actionRun")->toolTip().contains(QStringLiteral("pattern")));

        w.patternModel()->setCheckedIds({ QStringLiteral("fanout") });
        w.setChildProgram(QStringLiteral("/nonexistent/patternlab-cli"));
        QVERIFY(!action(w, "actionRun")->isEnabled());
    }

    void presetsAndPresenterMode()
    {
        MainWindow w;
        w.runSettings()->applyPreset(QStringLiteral("original"));
        QCOMPARE(w.runSettings()->config().requests, 7500);
        QCOMPARE(w.runSettings()->config().concurrency, 15);
        w.runSettings()->applyPreset(QStringLiteral("overload"));
        QVERIFY(w.runSettings()->config().server.capacity > 0);
        const double before = w.font().pointSizeF();
        action(w, "actionZoomIn")->trigger();
        QVERIFY(w.font().pointSizeF() > before);
        action(w, "actionPresenter")->setChecked(true);
        QVERIFY(w.fontScale() > 1.4);
        action(w, "actionPresenter")->setChecked(false);
        QCOMPARE(w.fontScale(), 1.0);
    }

    // Every preset's run, as the window's settings give it back: nothing the preset sets is
    // lost on the way through the fields (the once preset's 0.5 s login once was).
    void everyPresetSurvivesTheSettingsFields()
    {
        MainWindow w;
        for (const Presets::Preset &preset : Presets::all()) {
            w.runSettings()->applyPreset(preset.key);
            const RunConfig got = w.runSettings()->config();
            RunConfig want = got;
            Presets::apply(preset, &want);
            QVERIFY2(got.server == want.server, qPrintable(preset.key));
            QVERIFY2(got.requests == want.requests && got.concurrency == want.concurrency
                         && got.timeoutMs == want.timeoutMs,
                     qPrintable(preset.key));
            QVERIFY2(got.backpressure == want.backpressure && got.rate == want.rate
                         && got.runDeadlineMs == want.runDeadlineMs && got.maxErrors == want.maxErrors
                         && got.hedgeMs == want.hedgeMs,
                     qPrintable(preset.key));
            QVERIFY2(got.pipeline == want.pipeline && got.onceMode == want.onceMode && got.breaker == want.breaker,
                     qPrintable(preset.key));
        }
    }

    void settingsSurviveARestart()
    {
        {
            MainWindow w;
            w.runSettings()->findChild<QSpinBox *>(QStringLiteral("requests"))->setValue(1234);
            w.patternModel()->setCheckedIds({ QStringLiteral("waitgroup") });
            w.close();
        }
        MainWindow w;
        QCOMPARE(w.runSettings()->config().requests, 1234);
        QCOMPARE(w.patternModel()->checkedIds(), QStringList { QStringLiteral("waitgroup") });
    }

    // The product path: the window starts the bundled Flask server itself.
    void runsAgainstTheBundledServer()
    {
        MainWindow w;
        w.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
        RunConfig c = w.runSettings()->config();
        c.bundledServer = true;
        c.requests = 20;
        c.concurrency = 4;
        c.server.profile = QStringLiteral("zero");
        c.seed = 5;
        w.runSettings()->setConfig(c);
        w.patternModel()->setCheckedIds({ QStringLiteral("fanout"), QStringLiteral("backpressure") });
        w.show();
        QSignalSpy finished(&w, &MainWindow::runFinished);
        action(w, "actionRun")->trigger(); // starts the server first, then runs
        QVERIFY(w.isRunning());
        QVERIFY(finished.wait(60000));
        QVERIFY2(w.server()->state() == ServerController::State::Ready, qPrintable(w.server()->failureReason()));
        QCOMPARE(w.resultsModel()->rowCount(), 2);
        QCOMPARE(w.resultsModel()->index(0, ResultsModel::OkColumn).data().toInt(), 20);
        QCOMPARE(w.run().config.seed, std::optional<quint64>(5));

        // Another profile: the window restarts the server with it, then runs.
        const qint64 firstServer = w.server()->processId();
        c.server.profile = QStringLiteral("fixed");
        c.server.latencyMs = 1;
        w.runSettings()->setConfig(c);
        action(w, "actionRun")->trigger();
        QVERIFY(finished.wait(60000));
        QCOMPARE(w.server()->state(), ServerController::State::Ready);
        QCOMPARE(w.server()->profile(), QStringLiteral("fixed"));
        QVERIFY(w.server()->processId() != firstServer);
        QCOMPARE(w.resultsModel()->index(1, ResultsModel::OkColumn).data().toInt(), 20);
        QVERIFY(w.resultsModel()->index(1, ResultsModel::LatencyMinColumn, {}).data(ResultsModel::SortRole).toDouble()
                >= 1.0);

        // Closing the window stops the server.
        QSignalSpy serverStopped(w.server(), &ServerController::stopped);
        w.close();
        QVERIFY(serverStopped.wait(5000));
    }

    // A pattern whose process dies shows as failed in its row; the run goes on.
    void aDyingPatternProcessShowsAsFailed()
    {
        MainWindow w;
        configure(w, QUrl(QStringLiteral("http://127.0.0.1:1/data")), 10, 2,
                  { QStringLiteral("sequential"), QStringLiteral("fanout") });
        w.setChildProgram(QStringLiteral("/bin/false")); // exits 1 at once, like a crash
        QSignalSpy finished(&w, &MainWindow::runFinished);
        action(w, "actionRun")->trigger();
        QVERIFY(finished.wait(20000));
        QCOMPARE(w.resultsModel()->rowCount(), 2); // both were tried
        for (int row = 0; row < 2; ++row) {
            const QModelIndex outcome = w.resultsModel()->index(row, ResultsModel::OutcomeColumn);
            QCOMPARE(outcome.data().toString(), QStringLiteral("failed"));
            QVERIFY(!outcome.data(Qt::ToolTipRole).toString().isEmpty()); // the reason
        }
        const int row = w.patternModel()->rowOf(QStringLiteral("fanout"));
        QCOMPARE(PatternListModel::State(w.patternModel()->index(row, 0).data(PatternListModel::StateRole).toInt()),
                 PatternListModel::State::Failed);
    }

    // A server that cannot start says why, offers Retry, and Run does not hang.
    void serverFailureOffersRetry()
    {
        qputenv("PATTERNLAB_PYTHON", "/nonexistent/python3");
        MainWindow w;
        qunsetenv("PATTERNLAB_PYTHON");
        w.setChildProgram(QStringLiteral(PATTERNLAB_CLI));
        w.show();
        w.startServerIfBundled();
        QTRY_COMPARE_WITH_TIMEOUT(w.server()->state(), ServerController::State::Failed, 10000);
        auto *retry = w.findChild<QWidget *>(QStringLiteral("retryServer"));
        auto *reason = w.findChild<QLabel *>(QStringLiteral("serverFailure"));
        QVERIFY(retry && reason);
        QVERIFY(retry->isVisible());
        QVERIFY(reason->text().contains(QStringLiteral("Python")));
        // Run tries the server again, fails again, and gives the window back.
        action(w, "actionRun")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 10000);
        QCOMPARE(w.server()->state(), ServerController::State::Failed);
        QVERIFY(action(w, "actionRun")->isEnabled());
    }

    // A crafted saved run is refused in one line, off the GUI thread; what was on screen stays.
    void aHostileRunIsRefusedAndTheWindowStays()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hostile.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "config": {}, "results": [{"pattern": "fanout", "requests": 3,)"
                   R"( "samples": {"rows": [[0, 0, -1000000000, 5, 200, "none"]]}}]})");
        file.close();
        MainWindow w;
        w.setFileChooser([&](MainWindow::FileRequest request, const QString &) {
            return request == MainWindow::FileRequest::OpenRun ? path : QString();
        });
        QSignalSpy opened(&w, &MainWindow::runOpened);
        action(w, "actionOpen")->trigger();
        QVERIFY(!action(w, "actionRun")->isEnabled()); // not while a file is being read
        QVERIFY(opened.wait(20000));
        QCOMPARE(opened.first().at(0).toBool(), false);
        QVERIFY(w.run().isEmpty());
        const QString status = w.findChild<QLabel *>(QStringLiteral("runStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("start_ns")), qPrintable(status));
        QVERIFY(action(w, "actionOpen")->isEnabled());
    }

    void closingDuringARunStopsIt()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 20, false }; }));
        MainWindow w;
        configure(w, server.url(), 3000, 2, { QStringLiteral("sequential") });
        w.show();
        QSignalSpy finished(&w, &MainWindow::runFinished);
        action(w, "actionRun")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() >= 3, 20000);
        w.close();
        QVERIFY(finished.wait(5000));
        QVERIFY(!w.isRunning());
        const int count = server.requestCount();
        QVERIFY(count < 3000);
    }
};

PATTERNLAB_UI_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "charts/comparisonchart.h"
#include "charts/experimentchart.h"
#include "charts/livechart.h"
#include "charts/timechart.h"
#include "fakerun.h"
#include "io/runfile.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsTextItem>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

// The window as a teacher meets it on a projector: run with PATTERNLAB_TEST_SCREEN=1280x720
// (and again 1920x1080, see tests/ui/CMakeLists.txt) on an offscreen screen of that size.
class TestPresenter : public QObject
{
    Q_OBJECT

    static QAction *action(MainWindow &w, const char *name) { return w.findChild<QAction *>(QLatin1String(name)); }

    // Every text Qt Charts painted in a panel's charts (titles, legends, axis labels).
    static QStringList chartTexts(QWidget *panel)
    {
        QStringList texts;
        const auto views = panel->findChildren<QChartView *>();
        for (QChartView *view : views) {
            const auto items = view->scene()->items();
            for (QGraphicsItem *item : items) {
                if (auto *text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible())
                    texts << text->toPlainText();
            }
        }
        return texts;
    }
    static QStringList elided(const QStringList &texts)
    {
        QStringList cut;
        for (const QString &t : texts) {
            if (t.contains(QStringLiteral("...")) || t.contains(QChar(0x2026)))
                cut << t;
        }
        return cut;
    }

    QString m_runPath;
    QString m_experimentPath;
    QTemporaryDir m_dir;

    // The four original patterns swept over concurrency 1..64 with five trials each: what a
    // class sees after an experiment.
    static RunData experimentRun()
    {
        const QStringList ids { QStringLiteral("sequential"), QStringLiteral("waitgroup"), QStringLiteral("fanout"),
                                QStringLiteral("backpressure") };
        RunData run = fakeRun(ids, 300, 15);
        run.sweep.param = QStringLiteral("concurrency");
        for (double c : { 1, 2, 4, 8, 16, 32, 64 }) {
            run.sweep.values << c;
            SweepPoint point;
            point.value = c;
            for (qsizetype i = 0; i < run.results.size(); ++i) {
                PatternResult r = run.results.at(i);
                r.samples = {};
                RunConfig config;
                config.concurrency = int(c);
                r.params = PatternRegistry::params(r.id, config);
                r.notes.append({ QStringLiteral("inflight.sampled_mean"), c });
                PatternSummary s = run.summaries.at(i);
                const bool pool = r.id == u"fanout" || r.id == u"backpressure";
                s.throughputRps = pool ? 50 * c / (1 + 0.05 * (c - 1) + 0.002 * c * (c - 1)) : 48;
                s.latencyMs.p99 = pool && c > 16 ? 20.0 * c / 16 : 20.0;
                s.latencyMs.mean = 1000.0 * c / s.throughputRps;
                s.totalTimeS = 5;
                for (int t = 0; t < 5; ++t)
                    r.trials.append({ 5.0 + 0.1 * t, s.throughputRps * (1 + 0.01 * t), s.latencyMs.p99 + t });
                point.results << r;
                point.summaries << s;
            }
            run.sweep.points << point;
        }
        for (qsizetype i = 0; i < run.results.size(); ++i)
            run.results[i].trials = run.sweep.points.last().results.at(i).trials;
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings().clear();
        RunData run = fakeRun({ QStringLiteral("sequential"), QStringLiteral("waitgroup"), QStringLiteral("fanout"),
                                QStringLiteral("backpressure") },
                              3000, 15);
        m_runPath = m_dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY2(RunFile::save(m_runPath, run, &error), qPrintable(error));
        m_experimentPath = m_dir.filePath(QStringLiteral("experiment.json"));
        QVERIFY2(RunFile::save(m_experimentPath, experimentRun(), &error), qPrintable(error));
    }

    void firstStartFitsTheScreen()
    {
        MainWindow w;
        w.show();
        const QRect screen = w.screen()->availableGeometry();
        QVERIFY2(w.frameGeometry().width() <= screen.width(), qPrintable(QString::number(w.width())));
        QVERIFY(w.frameGeometry().height() <= screen.height());
    }

    void presenterModeFitsAndShowsEveryLabel()
    {
        MainWindow w;
        w.show();
        QString error;
        QVERIFY2(w.openRun(m_runPath, &error), qPrintable(error));
        const QRect screen = w.screen()->availableGeometry();
        action(w, "actionPresenter")->trigger();
        QVERIFY(w.isPresenterMode());
        for (QDockWidget *dock : w.findChildren<QDockWidget *>())
            QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
        QTRY_VERIFY(w.width() <= screen.width());
        QVERIFY(w.fontScale() >= 1.4);
        // Bigger text twice: still no wider than the screen.
        action(w, "actionZoomIn")->trigger();
        action(w, "actionZoomIn")->trigger();
        QTest::qWait(50);
        QVERIFY2(w.frameGeometry().width() <= screen.width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(w.frameGeometry().width()).arg(screen.width())));
        action(w, "actionZoomOut")->trigger();
        action(w, "actionZoomOut")->trigger();

        // The live view and the comparison, as painted: no label cut short.
        QVERIFY(w.showTab(QStringLiteral("live")));
        LiveChart *live = w.liveChart();
        live->grab();
        const QStringList liveTexts = chartTexts(live);
        QVERIFY(liveTexts.size() > 10);
        QVERIFY2(elided(liveTexts).isEmpty(), qPrintable(elided(liveTexts).join(QStringLiteral(" | "))));

        QVERIFY(w.showTab(QStringLiteral("comparison")));
        auto *comparison = w.findChild<ComparisonChart *>();
        QVERIFY(comparison);
        comparison->grab();
        QVERIFY(comparison->paintedTexts().contains(QStringLiteral("Fan-out")));
        QVERIFY2(comparison->elidedTexts().isEmpty(),
                 qPrintable(comparison->elidedTexts().join(QStringLiteral(" | "))));

        QVERIFY(w.showTab(QStringLiteral("time")));
        auto *time = w.findChild<TimeChart *>();
        time->grab();
        QVERIFY2(time->elidedTexts().isEmpty(), qPrintable(time->elidedTexts().join(QStringLiteral(" | "))));
    }

    // After an experiment, on the projector: the sweep's chart and the comparison's error bars
    // with every label whole.
    void presenterModeShowsAnExperimentWhole()
    {
        MainWindow w;
        w.show();
        QString error;
        QVERIFY2(w.openRun(m_experimentPath, &error), qPrintable(error));
        action(w, "actionPresenter")->trigger();
        QTRY_VERIFY(w.isPresenterMode());
        QVERIFY(w.showTab(QStringLiteral("experiments")));
        auto *experiments = w.findChild<ExperimentChart *>();
        QVERIFY(experiments);
        experiments->grab();
        QVERIFY(experiments->paintedTexts().contains(QStringLiteral("knee 16")));
        QVERIFY2(experiments->elidedTexts().isEmpty(),
                 qPrintable(experiments->elidedTexts().join(QStringLiteral(" | "))));
        QVERIFY(w.showTab(QStringLiteral("comparison")));
        auto *comparison = w.findChild<ComparisonChart *>();
        comparison->grab();
        QVERIFY(comparison->paintedTexts().join(QLatin1Char(' ')).contains(QStringLiteral("n=5")));
        QVERIFY2(comparison->elidedTexts().isEmpty(),
                 qPrintable(comparison->elidedTexts().join(QStringLiteral(" | "))));
    }

    void keysStepLikeSlides()
    {
        MainWindow w;
        w.show();
        QString error;
        QVERIFY(w.openRun(m_runPath, &error));
        w.setPresenterMode(true);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("chartTabs"));
        const int before = tabs->currentIndex();
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(tabs->currentIndex(), (before + 1) % tabs->count());
        QTest::keyClick(&w, Qt::Key_PageUp);
        QCOMPARE(tabs->currentIndex(), before);
        QTest::keyClick(&w, Qt::Key_L);
        QVERIFY(w.isShowingLessonPage());
        QTest::keyClick(&w, Qt::Key_L);
        QVERIFY(!w.isShowingLessonPage());
        // Leaving presenter mode brings the docks back; the keys no longer step.
        w.setPresenterMode(false);
        QVERIFY(!w.isPresenterMode());
        QCOMPARE(w.fontScale(), 1.0);
        const int now = tabs->currentIndex();
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(tabs->currentIndex(), now);
    }
};

// An offscreen screen of PATTERNLAB_TEST_SCREEN (WxH, default 1280x720), made before the app.
int main(int argc, char **argv)
{
    const QByteArray size = qEnvironmentVariableIsSet("PATTERNLAB_TEST_SCREEN") ? qgetenv("PATTERNLAB_TEST_SCREEN")
                                                                                : QByteArray("1280x720");
    const QList<QByteArray> wh = size.split('x');
    const QString config
        = QDir::temp().filePath(QStringLiteral("patternlab-screen-%1.json").arg(QString::fromLatin1(size)));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"screens": [{"name": "projector", "x": 0, "y": 0, "width": )" + wh.value(0) + R"(, "height": )"
               + wh.value(1) + R"(, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PatternLabTests"));
    QApplication::setApplicationName(QStringLiteral("TestPresenter"));
    TestPresenter test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_presenter.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "chartexport.h"
#include "comparewindow.h"
#include "engine/descriptorbudget.h"
#include "mainwindow.h"
#include "model/presets.h"
#include "runsettingswidget.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {
// Scripted use (README screenshots, lessons prepared in advance): every option acts through
// the window's own actions, then the app quits.
struct Script
{
    bool run = false;
    QString open;
    QString tab;
    double timelineStartS = 0;
    double timelineSpanS = 0; // 0: the whole run
    QString screenshot; // the window, once the run finished or the file opened
    QString screenshotLive; // the window, when the first pattern is half done
    QString exportCharts; // every chart, to this folder
    QString saveRun; // the run as JSON (contract + samples), after --run
    bool quit = false;
};

bool saveWindow(MainWindow &window, const QString &path)
{
    QString error;
    if (!ChartExport::savePng(window.grab().toImage(), path, &error)) {
        std::fprintf(stderr, "patternlab: %s\n", qUtf8Printable(error));
        return false;
    }
    return true;
}

void finish(MainWindow &window, const Script &script)
{
    if (!script.tab.isEmpty())
        window.showTab(script.tab);
    if (script.timelineSpanS > 0)
        window.setTimelineWindow(script.timelineStartS, script.timelineSpanS);
    // Let the shown tab lay itself out first: Qt Charts places its axes and legend in a
    // deferred layout pass, and a grab before it shows the curves without them.
    QEventLoop settle;
    QTimer::singleShot(300, &settle, &QEventLoop::quit);
    settle.exec();
    bool ok = true;
    if (!script.screenshot.isEmpty())
        ok = saveWindow(window, script.screenshot) && ok;
    if (!script.saveRun.isEmpty()) {
        QString error;
        if (!window.saveRun(script.saveRun, &error)) {
            std::fprintf(stderr, "patternlab: %s\n", qUtf8Printable(error));
            ok = false;
        }
    }
    if (!script.exportCharts.isEmpty()) {
        QString error;
        if (!window.exportAllCharts(script.exportCharts, nullptr, &error)) {
            std::fprintf(stderr, "patternlab: %s\n", qUtf8Printable(error));
            ok = false;
        }
    }
    if (script.quit) {
        window.close();
        QCoreApplication::exit(ok ? 0 : 1);
    }
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PatternLab"));
    QApplication::setApplicationName(QStringLiteral("patternlab"));
    QApplication::setApplicationDisplayName(QStringLiteral("PatternLab"));
    QApplication::setApplicationVersion(QStringLiteral(PATTERNLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("patternlab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("PatternLab: concurrency patterns for HTTP clients, side by side."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        { QStringLiteral("open"), QStringLiteral("Open a saved run (JSON)."), QStringLiteral("FILE") },
        { QStringLiteral("run"), QStringLiteral("Run the saved settings once the window is up.") },
        { QStringLiteral("preset"), QStringLiteral("Apply a preset first (patternlab-cli --help lists them)."),
          QStringLiteral("NAME") },
        { QStringLiteral("timeline-window"),
          QStringLiteral("Zoom the worker timeline to START,SPAN seconds, e.g. 0.5,0.2."),
          QStringLiteral("START,SPAN") },
        { QStringLiteral("presenter"), QStringLiteral("Start in presenter mode.") },
        { QStringLiteral("tab"),
          QStringLiteral("Show this tab: live, comparison, latency, timeline, resources, table."),
          QStringLiteral("NAME") },
        { QStringLiteral("size"), QStringLiteral("Window size, e.g. 1600x1000."), QStringLiteral("WxH") },
        { QStringLiteral("screenshot"), QStringLiteral("Save the window as PNG after --run or --open, then quit."),
          QStringLiteral("FILE") },
        { QStringLiteral("screenshot-live"),
          QStringLiteral("With --run: save the window when the first pattern is half done."), QStringLiteral("FILE") },
        { QStringLiteral("save-run"), QStringLiteral("With --run: save the run as JSON when it is done, then quit."),
          QStringLiteral("FILE") },
        { QStringLiteral("report-stalls"),
          QStringLiteral("On quit, print the longest time the GUI thread did not get to its event loop.") },
        { QStringLiteral("compare"),
          QStringLiteral("Compare saved runs side by side (give it twice or more: --compare A.json --compare B.json); "
                         "with --export-charts writes compare.png and compare.csv, with --screenshot the window."),
          QStringLiteral("FILE") },
        { QStringLiteral("export-charts"),
          QStringLiteral("Export every chart as PNG to FOLDER after --run or --open, then quit."),
          QStringLiteral("FOLDER") },
    });
    parser.process(app);

    Script script;
    script.run = parser.isSet(QStringLiteral("run"));
    script.open = parser.value(QStringLiteral("open"));
    script.tab = parser.value(QStringLiteral("tab"));
    if (parser.isSet(QStringLiteral("timeline-window"))) {
        const QStringList parts = parser.value(QStringLiteral("timeline-window")).split(QLatin1Char(','));
        bool okStart = false, okSpan = false;
        script.timelineStartS = parts.size() == 2 ? parts[0].toDouble(&okStart) : 0;
        script.timelineSpanS = parts.size() == 2 ? parts[1].toDouble(&okSpan) : 0;
        if (!okStart || !okSpan || script.timelineStartS < 0 || script.timelineSpanS <= 0) {
            std::fprintf(stderr, "patternlab: --timeline-window takes START,SPAN in seconds, e.g. 0.5,0.2\n");
            return 2;
        }
    }
    script.screenshot = parser.value(QStringLiteral("screenshot"));
    script.screenshotLive = parser.value(QStringLiteral("screenshot-live"));
    script.exportCharts = parser.value(QStringLiteral("export-charts"));
    script.saveRun = parser.value(QStringLiteral("save-run"));
    script.quit = !script.screenshot.isEmpty() || !script.exportCharts.isEmpty() || !script.saveRun.isEmpty();

    // The GUI must never freeze: a 5 ms timer measures the longest gap between its ticks.
    QElapsedTimer sinceTick;
    QElapsedTimer sinceStart;
    sinceStart.start();
    qint64 longestGapMs = 0;
    QTimer stallProbe;
    if (parser.isSet(QStringLiteral("report-stalls"))) {
        stallProbe.setInterval(5);
        sinceTick.start();
        QObject::connect(&stallProbe, &QTimer::timeout, &app, [&] {
            const qint64 gap = sinceTick.restart();
            if (gap > 50 && qEnvironmentVariableIsSet("PATTERNLAB_DEBUG_STALLS"))
                std::fprintf(stderr, "gap %lld ms at %lld ms\n", static_cast<long long>(gap),
                             static_cast<long long>(sinceStart.elapsed()));
            longestGapMs = std::max(longestGapMs, gap);
        });
        stallProbe.start();
        QObject::connect(&app, &QCoreApplication::aboutToQuit, &app, [&] {
            std::fprintf(stderr, "patternlab: longest event-loop gap %lld ms\n", static_cast<long long>(longestGapMs));
        });
    }

    // Every pattern's child inherits this process's file descriptor limit: raise it as the
    // CLI does, and say so in the log.
    const auto [softBefore, softAfter] = DescriptorBudget::raiseProcessLimit();
    MainWindow window;
    window.setPersistSettings(!script.quit); // a scripted run must not rewrite the user's settings
    if (softAfter > softBefore)
        window.appendLog(QStringLiteral("File descriptors: soft limit raised from %1 to %2 (the hard limit)")
                             .arg(softBefore)
                             .arg(softAfter));
    if (parser.isSet(QStringLiteral("report-stalls"))) {
        // Marks, so a stall can be told apart as start-up, run or wrap-up.
        QObject::connect(&window, &MainWindow::runStarted, &app, [&] {
            std::fprintf(stderr, "run started at %lld ms\n", static_cast<long long>(sinceStart.elapsed()));
        });
        QObject::connect(&window, &MainWindow::runFinished, &app, [&] {
            std::fprintf(stderr, "run finished at %lld ms\n", static_cast<long long>(sinceStart.elapsed()));
        });
    }
    const QStringList size = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
    if (size.size() == 2 && size.at(0).toInt() > 0 && size.at(1).toInt() > 0)
        window.resize(size.at(0).toInt(), size.at(1).toInt());
    if (parser.isSet(QStringLiteral("preset"))) {
        const QString key = parser.value(QStringLiteral("preset"));
        if (!Presets::find(key)) {
            std::fprintf(stderr, "patternlab: --preset: unknown preset '%s'\n", qUtf8Printable(key));
            return 2;
        }
        window.runSettings()->applyPreset(key);
    }
    window.show();
    if (parser.isSet(QStringLiteral("presenter")))
        window.setPresenterMode(true);

    if (parser.isSet(QStringLiteral("compare"))) {
        QString error;
        CompareWindow *compare = window.compareRuns(parser.values(QStringLiteral("compare")), &error);
        if (!compare) {
            std::fprintf(stderr, "patternlab: --compare: %s\n", qUtf8Printable(error));
            return 2;
        }
        if (size.size() == 2 && size.at(0).toInt() > 0 && size.at(1).toInt() > 0)
            compare->resize(size.at(0).toInt(), size.at(1).toInt());
        if (!script.quit)
            return app.exec();
        QTimer::singleShot(300, &window, [&window, &script, compare] {
            bool ok = true;
            QString error;
            if (!script.exportCharts.isEmpty()) {
                ok = QDir().mkpath(script.exportCharts)
                    && compare->exportPng(QDir(script.exportCharts).filePath(QStringLiteral("compare.png")), &error)
                    && compare->exportCsv(QDir(script.exportCharts).filePath(QStringLiteral("compare.csv")), &error);
            }
            if (ok && !script.screenshot.isEmpty())
                ok = ChartExport::savePng(compare->grab().toImage(), script.screenshot, &error);
            if (!ok)
                std::fprintf(stderr, "patternlab: %s\n",
                             qUtf8Printable(error.isEmpty() ? QStringLiteral("cannot create the folder") : error));
            window.close();
            QCoreApplication::exit(ok ? 0 : 1);
        });
        return app.exec();
    }
    if (!script.open.isEmpty()) {
        QString error;
        if (!window.openRun(script.open, &error)) {
            std::fprintf(stderr, "patternlab: %s\n", qUtf8Printable(error));
            return 1;
        }
        if (!script.run) {
            QTimer::singleShot(0, &window, [&window, &script] { finish(window, script); });
            return app.exec();
        }
    }
    window.startServerIfBundled();
    if (script.run) {
        if (!script.screenshotLive.isEmpty()) {
            auto taken = std::make_shared<bool>(false);
            QObject::connect(&window, &MainWindow::progressChanged, &window,
                             [&window, &script, taken](const QString &, int completed, int total) {
                                 if (*taken || completed * 2 < total)
                                     return;
                                 *taken = true;
                                 window.showTab(QStringLiteral("live"));
                                 // Let the live view refresh once more before the picture.
                                 QTimer::singleShot(300, &window,
                                                    [&window, &script] { saveWindow(window, script.screenshotLive); });
                             });
        }
        QObject::connect(&window, &MainWindow::runFinished, &window, [&window, &script] { finish(window, script); });
        QTimer::singleShot(0, &window, [&window] {
            if (window.runAction()->isEnabled())
                window.runAction()->trigger();
            else
                std::fprintf(stderr, "patternlab: cannot run: %s\n", qUtf8Printable(window.runBlockedReason()));
        });
    }
    return app.exec();
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/progress.h"
#include "model/rundata.h"
#include "run/servercontroller.h"

#include <QMainWindow>
#include <QSet>
#include <functional>
#include <optional>

class ChartPanel;
class LiveChart;
class PatternListModel;
class PatternPane;
class QAction;
class QDockWidget;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QShortcut;
class QSortFilterProxyModel;
class QStackedWidget;
class QToolBar;
class QTableView;
class QTabWidget;
class QTimer;
class CompareWindow;
class ExperimentRunner;
class ResultsModel;
class RunSession;
class RunSettingsWidget;

// The PatternLab window: pick patterns and settings, Run (F5) / Stop (Esc), watch the live
// view, compare the finished patterns in charts and a table, export PNG/CSV/JSON, open a
// saved run. Running (the bundled server, the seed, every pattern in its own
// `patternlab-cli --run-one` process) belongs to core's RunSession; the window keeps the
// widgets, the actions and the files, and shows what the session reports.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class FileRequest {
        OpenRun,
        SaveRun,
        ExportTable,
        ExportSamples,
        ExportChart,
        ExportAllCharts,
        CompareRuns,
        ExportExperiment
    };
    // Asks for a file or folder (empty: cancelled; CompareRuns: paths separated by '\n').
    // Tests replace the dialogs with this.
    using FileChooser = std::function<QString(FileRequest request, const QString &suggested)>;
    // Predict, then run: asks the class for its prediction among these patterns (nullopt:
    // the run is cancelled). Tests replace the dialog with this.
    using PredictionAsker = std::function<std::optional<Prediction>(const QStringList &patternIds)>;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Default: patternlab-cli beside this executable.
    void setChildProgram(const QString &program);
    void setFileChooser(FileChooser chooser) { m_chooser = std::move(chooser); }
    void setPredictionAsker(PredictionAsker asker) { m_askPrediction = std::move(asker); }
    // Predict, then run (Run > Predict Before Running): on, Run asks for a prediction first.
    void setPredictBeforeRun(bool on);
    ExperimentRunner *experimentRunner() const { return m_experiment; }
    // The prediction banner's text after a run with a prediction; empty when hidden.
    QString predictionText() const;
    // Opens saved runs side by side in a window of their own (File > Compare).
    CompareWindow *compareRuns(const QStringList &paths, QString *error);
    // Starts the bundled server when the settings use it (the app calls this once shown).
    void startServerIfBundled();
    // A scripted window (screenshots, chart exports, --png) leaves the user's settings alone:
    // off, closing it does not write them.
    void setPersistSettings(bool on) { m_persistSettings = on; }

    RunSettingsWidget *runSettings() const { return m_settings; }
    PatternListModel *patternModel() const { return m_patterns; }
    ResultsModel *resultsModel() const { return m_results; }
    QSortFilterProxyModel *resultsProxy() const { return m_resultsProxy; }
    RunSession *session() const { return m_session; }
    ServerController *server() const;
    LiveChart *liveChart() const { return m_live; }
    QList<ChartPanel *> chartPanels() const { return m_panels; }
    QAction *runAction() const { return m_actionRun; }
    const RunData &run() const;
    bool isRunning() const;
    QString runBlockedReason() const; // why Run is disabled; empty when it is not

    // Opens a saved run now (the offscreen export, tests); the Open action reads it on a
    // worker thread instead (openRunInBackground) and emits runOpened when done.
    bool openRun(const QString &path, QString *error);
    void openRunInBackground(const QString &path);
    bool saveRun(const QString &path, QString *error) const;
    // <folder>/<chart>.png for every chart, at ChartPanel::defaultExportSize().
    bool exportAllCharts(const QString &folder, QStringList *written, QString *error) const;
    void setFontScale(double scale);
    // For a projector: docks and toolbar hidden, full screen, text sized for the screen;
    // PgDn/PgUp (or ←/→) step through the charts, ↑/↓ through the patterns, L shows the
    // lesson in place of the charts. The same as the Presenter Mode action (F11).
    void setPresenterMode(bool on);
    bool isPresenterMode() const { return m_presenter; }
    bool isShowingLessonPage() const;
    double fontScale() const { return m_fontScale; }

    // Shows the chart tab with this export name ("live", "comparison", ...) or "table".
    bool showTab(const QString &name);
    // The worker timeline's time window (seconds from the run start; span 0: the whole run).
    void setTimelineWindow(double startS, double spanS);
    // A time-stamped line in the log panel.
    void appendLog(const QString &line);

Q_SIGNALS:
    void runStarted();
    void runFinished();
    void runOpened(bool ok);
    void progressChanged(const QString &patternId, int completed, int total);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createWidgets();
    void createMenus();
    void readSettings();
    void writeSettings() const;

    void onRunTriggered();
    void onStopTriggered();
    void onRunStarted();
    void onRunNotStarted(const QString &reason);
    void onPatternStarted(int index);
    void onProgressChanged(int index, const Progress &progress);
    void onPatternFinished(int index);
    void onRunFinished();
    void onExperimentFinished();
    void revealPrediction();
    void onCompareTriggered();
    void onLiveRefresh();

    void onServerStateChanged(ServerController::State state);
    void onRetryServer();

    void onOpenTriggered();
    void onSaveTriggered();
    void onExportTableTriggered();
    void onExportSamplesTriggered();
    void onExportExperimentTriggered();
    void exportChart(ChartPanel *panel);
    void onExportAllTriggered();
    void onPatternSelected(const QString &id);
    void showRun(); // every chart and the table from run()
    void stepTab(int delta);
    void stepPattern(int delta);
    void toggleLessonPage();
    void showOpenedRun(const QString &path, RunData data);
    void refreshPanels(bool includingLive);
    void onTabChanged(int index);
    void updateActions();
    void updateServerStatus();
    void showError(const QString &title, const QString &message);
    QString choose(FileRequest request, const QString &suggested);

    // The run and the server; the run on screen is m_session->run().
    RunSession *m_session = nullptr;
    QString m_childProgram;
    FileChooser m_chooser;
    PredictionAsker m_askPrediction;
    ExperimentRunner *m_experiment = nullptr;
    Prediction m_pendingPrediction; // asked before the run under way
    QString m_experimentStatus; // the step under way, for the status line
    QString m_experimentProblem; // why the experiment ended early (a step could not start)
    QLabel *m_predictionBanner = nullptr;
    QAction *m_actionPredict = nullptr;
    QAction *m_actionCompare = nullptr;
    int m_liveIndex = -1; // the pattern the live view follows while running
    bool m_liveDirty = false;
    bool m_opening = false; // a saved run is being read on a worker thread
    QTimer *m_liveTimer = nullptr;

    // Widgets
    RunSettingsWidget *m_settings = nullptr;
    PatternListModel *m_patterns = nullptr;
    ResultsModel *m_results = nullptr;
    QSortFilterProxyModel *m_resultsProxy = nullptr;
    QTableView *m_patternView = nullptr;
    QTableView *m_tableView = nullptr;
    QTabWidget *m_tabs = nullptr;
    LiveChart *m_live = nullptr;
    QList<ChartPanel *> m_panels;
    QSet<ChartPanel *> m_stalePanels; // hold an older run than m_run: rebuilt when shown
    QList<QDockWidget *> m_docks;
    PatternPane *m_patternPane = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QLabel *m_serverFailure = nullptr;
    QPushButton *m_retryButton = nullptr;
    QLabel *m_runHint = nullptr;
    QLabel *m_serverStatus = nullptr;
    QLabel *m_runStatus = nullptr;
    double m_fontScale = 1.0;
    bool m_presenter = false;
    QByteArray m_normalState; // the layout presenter mode returns to
    QByteArray m_normalGeometry;
    QList<QShortcut *> m_presenterKeys;
    QToolBar *m_toolbar = nullptr;
    QLabel *m_lessonBanner = nullptr;
    QStackedWidget *m_centreStack = nullptr;
    PatternPane *m_presenterLesson = nullptr;
    double m_baseFontPointSize = 0;

    // Actions; objectName "actionRun" etc., so tests and scripts find them with findChild().
    QAction *m_actionRun = nullptr;
    QAction *m_actionStop = nullptr;
    QAction *m_actionOpen = nullptr;
    QAction *m_actionSave = nullptr;
    QAction *m_actionExportTable = nullptr;
    QAction *m_actionExportSamples = nullptr;
    QAction *m_actionExportExperiment = nullptr;
    QAction *m_actionExportAll = nullptr;
    QAction *m_actionQuit = nullptr;
    QAction *m_actionServerStart = nullptr;
    QAction *m_actionServerRestart = nullptr;
    QAction *m_actionServerStop = nullptr;
    QAction *m_actionPresenter = nullptr;
    QAction *m_actionZoomIn = nullptr;
    QAction *m_actionZoomOut = nullptr;
    bool m_persistSettings = true;
};

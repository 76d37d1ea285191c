#pragma once

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
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;
class QTimer;
class ResultsModel;
class RunSettingsWidget;
class Runner;

// The PatternLab window: pick patterns and settings, Run (F5) / Stop (Esc), watch the live
// view, compare the finished patterns in charts and a table, export PNG/CSV/JSON, open a
// saved run. It starts the bundled server itself (or uses an external URL) and runs every
// pattern in its own `patternlab-cli --run-one` process through core's Runner.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class FileRequest { OpenRun, SaveRun, ExportTable, ExportSamples, ExportChart, ExportAllCharts };
    // Asks for a file or folder (empty: cancelled). Tests replace the dialogs with this.
    using FileChooser = std::function<QString(FileRequest request, const QString &suggested)>;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Default: patternlab-cli beside this executable.
    void setChildProgram(const QString &program);
    void setFileChooser(FileChooser chooser) { m_chooser = std::move(chooser); }
    // Starts the bundled server when the settings use it (the app calls this once shown).
    void startServerIfBundled();

    RunSettingsWidget *runSettings() const { return m_settings; }
    PatternListModel *patternModel() const { return m_patterns; }
    ResultsModel *resultsModel() const { return m_results; }
    QSortFilterProxyModel *resultsProxy() const { return m_resultsProxy; }
    ServerController *server() const { return m_server; }
    LiveChart *liveChart() const { return m_live; }
    QList<ChartPanel *> chartPanels() const { return m_panels; }
    QAction *runAction() const { return m_actionRun; }
    const RunData &run() const { return m_run; }
    bool isRunning() const;
    QString runBlockedReason() const; // why Run is disabled; empty when it is not

    bool openRun(const QString &path, QString *error);
    bool saveRun(const QString &path, QString *error) const;
    // <folder>/<chart>.png for every chart, at ChartPanel::defaultExportSize().
    bool exportAllCharts(const QString &folder, QStringList *written, QString *error) const;
    void setFontScale(double scale);
    double fontScale() const { return m_fontScale; }

    // Shows the chart tab with this export name ("live", "comparison", ...) or "table".
    bool showTab(const QString &name);

Q_SIGNALS:
    void runStarted();
    void runFinished();
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
    void startRun(RunConfig config);
    void onPatternStarted(const QString &id, int position, int count);
    void onProgressChanged(const QString &id, int completed, int total, int inFlight);
    void onSamplesAvailable(const QString &id, const std::vector<Sample> &samples);
    void onResourcesAvailable(const QString &id, const std::vector<ResourcePoint> &points);
    void onPatternFinished(const PatternResult &result);
    void onPatternFailed(const QString &id, const QString &reason);
    void onRunnerFinished();
    void onLiveRefresh();

    void startServer(const ServerParams &params, quint64 seed);
    void onServerStateChanged(ServerController::State state);
    void onRetryServer();
    void appendLog(const QString &line);

    void onOpenTriggered();
    void onSaveTriggered();
    void onExportTableTriggered();
    void onExportSamplesTriggered();
    void exportChart(ChartPanel *panel);
    void onExportAllTriggered();
    void onPatternSelected(const QString &id);
    void showRun(); // every chart and the table from m_run
    void refreshPanels(bool includingLive);
    void onTabChanged(int index);
    void updateActions();
    void updateServerStatus();
    void showError(const QString &title, const QString &message);
    QString choose(FileRequest request, const QString &suggested);

    // Core objects
    ServerController *m_server = nullptr;
    Runner *m_runner = nullptr;
    QString m_childProgram;
    FileChooser m_chooser;

    // The run on screen: live while running, then final; or an opened file.
    RunData m_run;
    qsizetype m_currentIndex = -1;
    bool m_liveDirty = false;
    QTimer *m_liveTimer = nullptr;
    std::optional<RunConfig> m_pendingRun; // waiting for the server to (re)start
    ServerParams m_serverParams;
    quint64 m_serverSeed = 0;
    std::optional<std::pair<ServerParams, quint64>> m_restartWith; // start again once stopped

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
    double m_baseFontPointSize = 0;

    // Actions; objectName "actionRun" etc., so tests and scripts find them with findChild().
    QAction *m_actionRun = nullptr;
    QAction *m_actionStop = nullptr;
    QAction *m_actionOpen = nullptr;
    QAction *m_actionSave = nullptr;
    QAction *m_actionExportTable = nullptr;
    QAction *m_actionExportSamples = nullptr;
    QAction *m_actionExportAll = nullptr;
    QAction *m_actionQuit = nullptr;
    QAction *m_actionServerStart = nullptr;
    QAction *m_actionServerRestart = nullptr;
    QAction *m_actionServerStop = nullptr;
    QAction *m_actionPresenter = nullptr;
    QAction *m_actionZoomIn = nullptr;
    QAction *m_actionZoomOut = nullptr;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "mainwindow.h"

#include "chartexport.h"
#include "charts/comparisonchart.h"
#include "charts/experimentchart.h"
#include "charts/latencychart.h"
#include "charts/livechart.h"
#include "charts/resourcechart.h"
#include "charts/timechart.h"
#include "charts/timelinewidget.h"
#include "comparewindow.h"
#include "io/resultwriter.h"
#include "io/runfile.h"
#include "model/presets.h"
#include "models/patternlistmodel.h"
#include "models/progressdelegate.h"
#include "models/resultsmodel.h"
#include "patternpane.h"
#include "patterns/registry.h"
#include "predictiondialog.h"
#include "run/experimentrunner.h"
#include "run/runsession.h"
#include "runsettingswidget.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QThreadPool>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
// The live view redraws at most this often (>= 5 Hz, the floor) and only when new
// samples arrived; each redraw rebuilds decimated series and feeds them with replace().
constexpr int kLiveRefreshMs = 150;

QString stateName(ServerController::State state)
{
    switch (state) {
    case ServerController::State::Stopped:
        return MainWindow::tr("stopped");
    case ServerController::State::Starting:
        return MainWindow::tr("starting…");
    case ServerController::State::Ready:
        return MainWindow::tr("ready");
    case ServerController::State::Failed:
        return MainWindow::tr("failed");
    }
    return {};
}
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("PatternLab"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/patternlab.svg")));
    m_baseFontPointSize = font().pointSizeF() > 0 ? font().pointSizeF() : 10;

    m_session = new RunSession(this);
    setChildProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/patternlab-cli"));
    m_liveTimer = new QTimer(this);
    m_liveTimer->setInterval(kLiveRefreshMs);

    createActions();
    createWidgets();
    createMenus();

    connect(m_session, &RunSession::waitingForServer, this, [this](const ServerParams &params, quint64 seed) {
        m_runStatus->setText(tr("Starting the server (profile %1, seed %2)…").arg(params.profile).arg(seed));
        updateActions();
    });
    connect(m_session, &RunSession::runNotStarted, this, &MainWindow::onRunNotStarted);
    connect(m_session, &RunSession::runStarted, this, &MainWindow::onRunStarted);
    connect(m_session, &RunSession::patternStarted, this, &MainWindow::onPatternStarted);
    connect(m_session, &RunSession::progressChanged, this, &MainWindow::onProgressChanged);
    connect(m_session, &RunSession::resultUpdated, this, [this](int index) {
        if (index == m_liveIndex)
            m_liveDirty = true;
    });
    connect(m_session, &RunSession::patternFinished, this, &MainWindow::onPatternFinished);
    connect(m_session, &RunSession::runFinished, this, &MainWindow::onRunFinished);
    // Made after the connections above: the window handles a step's end before the
    // experiment moves on to the next step or finishes.
    m_experiment = new ExperimentRunner(m_session, this);
    connect(m_experiment, &ExperimentRunner::finished, this, &MainWindow::onExperimentFinished);
    connect(m_experiment, &ExperimentRunner::notStarted, this, [this](const QString &reason) {
        m_experimentProblem = reason;
        appendLog(tr("Experiment: %1").arg(reason));
    });
    connect(m_experiment, &ExperimentRunner::stepStarted, this, [this](int step, int steps, double value, int trial) {
        const ExperimentPlan &plan = m_experiment->plan();
        QString what = tr("Experiment, step %1 of %2").arg(step + 1).arg(steps);
        if (!plan.sweepParam.isEmpty())
            what += tr(": %1 = %2").arg(plan.sweepParam).arg(value);
        if (plan.repeat > 1)
            what += tr(", trial %1 of %2").arg(trial + 1).arg(plan.repeat);
        m_experimentStatus = what;
        m_runStatus->setText(what);
    });
    connect(m_experiment, &ExperimentRunner::progressChanged, this, [this](double fraction, qint64 etaMs) {
        QString text = m_experimentStatus + tr(" · %1% done").arg(qRound(fraction * 100));
        if (etaMs >= 0)
            text += etaMs < 60'000 ? tr(" · about %1 s left").arg((etaMs + 999) / 1000)
                                   : tr(" · about %1 min left").arg((etaMs + 59'999) / 60'000);
        m_runStatus->setText(text);
    });
    m_askPrediction = [this](const QStringList &ids) { return PredictionDialog::ask(this, ids); };
    connect(m_session, &RunSession::lessonChecked, this, [this](bool shown, const QString &text) {
        m_lessonBanner->setText((shown ? QStringLiteral("✓ ") : QStringLiteral("⚠ ")) + text);
        m_lessonBanner->setStyleSheet(shown ? QStringLiteral("background: #E3F4E8; color: #0B5A2A; padding: 4px;")
                                            : QStringLiteral("background: #FDECD8; color: #7A3B00; padding: 4px;"));
        m_lessonBanner->show();
    });
    connect(m_session, &RunSession::serverStateChanged, this, &MainWindow::onServerStateChanged);
    connect(m_session, &RunSession::logLineAvailable, this, &MainWindow::appendLog);
    connect(m_session, &RunSession::warningAvailable, this, [this](const QString &line) {
        appendLog(tr("Note: %1").arg(line));
        m_runStatus->setText(line);
    });
    connect(m_liveTimer, &QTimer::timeout, this, &MainWindow::onLiveRefresh);
    connect(m_settings, &RunSettingsWidget::changed, this, &MainWindow::updateActions);
    connect(m_settings, &RunSettingsWidget::presetApplied, this,
            [this](const QStringList &patterns) { m_patterns->setCheckedIds(patterns); });
    connect(m_patterns, &PatternListModel::checkedChanged, this, &MainWindow::updateActions);

    readSettings();
    updateServerStatus();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The session stops its child and its server when destroyed; disconnect first so nothing
    // reaches half-destroyed widgets.
    m_session->disconnect(this);
}

void MainWindow::setChildProgram(const QString &program)
{
    m_childProgram = program;
    m_session->runner()->setChildProgram(program);
    if (m_actionRun)
        updateActions();
}

ServerController *MainWindow::server() const
{
    return m_session->server();
}

const RunData &MainWindow::run() const
{
    return m_session->run();
}

bool MainWindow::isRunning() const
{
    return m_session->isRunning() || (m_experiment && m_experiment->isRunning());
}

// ---------------------------------------------------------------------------------------
// Construction

void MainWindow::createActions()
{
    const auto make = [this](QAction *&member, const QString &name, const QString &text, const QKeySequence &key = {}) {
        member = new QAction(text, this);
        member->setObjectName(name);
        if (!key.isEmpty())
            member->setShortcut(key);
        addAction(member); // shortcuts work whatever has the focus
    };
    make(m_actionRun, QStringLiteral("actionRun"), tr("&Run"), QKeySequence(Qt::Key_F5));
    make(m_actionStop, QStringLiteral("actionStop"), tr("&Stop"), QKeySequence(Qt::Key_Escape));
    make(m_actionOpen, QStringLiteral("actionOpen"), tr("&Open Run…"), QKeySequence::Open);
    make(m_actionSave, QStringLiteral("actionSave"), tr("&Save Run As JSON…"), QKeySequence::Save);
    make(m_actionExportTable, QStringLiteral("actionExportTable"), tr("Export &Table as CSV…"));
    make(m_actionExportSamples, QStringLiteral("actionExportSamples"), tr("Export Raw &Samples as CSV…"));
    make(m_actionExportExperiment, QStringLiteral("actionExportExperiment"), tr("Export &Experiment as CSV…"));
    make(m_actionExportAll, QStringLiteral("actionExportAll"), tr("Export &All Charts…"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    make(m_actionQuit, QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit);
    make(m_actionServerStart, QStringLiteral("actionServerStart"), tr("&Start Server"));
    make(m_actionServerRestart, QStringLiteral("actionServerRestart"), tr("&Restart Server"));
    make(m_actionServerStop, QStringLiteral("actionServerStop"), tr("S&top Server"));
    make(m_actionPredict, QStringLiteral("actionPredict"), tr("&Predict Before Running"));
    m_actionPredict->setCheckable(true);
    m_actionPredict->setToolTip(
        tr("Before each run, the class records which pattern will finish first and which "
           "will use the most memory; after the run the app reveals prediction against result"));
    make(m_actionCompare, QStringLiteral("actionCompare"), tr("&Compare Runs…"));
    make(m_actionPresenter, QStringLiteral("actionPresenter"), tr("&Presenter Mode"), QKeySequence(Qt::Key_F11));
    m_actionPresenter->setCheckable(true);
    make(m_actionZoomIn, QStringLiteral("actionZoomIn"), tr("&Bigger Text"), QKeySequence(Qt::CTRL | Qt::Key_Equal));
    m_actionZoomIn->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus) });
    make(m_actionZoomOut, QStringLiteral("actionZoomOut"), tr("&Smaller Text"), QKeySequence(Qt::CTRL | Qt::Key_Minus));

    m_actionRun->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_actionStop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_actionOpen->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_actionSave->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));

    connect(m_actionRun, &QAction::triggered, this, &MainWindow::onRunTriggered);
    connect(m_actionStop, &QAction::triggered, this, &MainWindow::onStopTriggered);
    connect(m_actionOpen, &QAction::triggered, this, &MainWindow::onOpenTriggered);
    connect(m_actionCompare, &QAction::triggered, this, &MainWindow::onCompareTriggered);
    connect(m_actionSave, &QAction::triggered, this, &MainWindow::onSaveTriggered);
    connect(m_actionExportTable, &QAction::triggered, this, &MainWindow::onExportTableTriggered);
    connect(m_actionExportSamples, &QAction::triggered, this, &MainWindow::onExportSamplesTriggered);
    connect(m_actionExportExperiment, &QAction::triggered, this, &MainWindow::onExportExperimentTriggered);
    connect(m_actionExportAll, &QAction::triggered, this, &MainWindow::onExportAllTriggered);
    connect(m_actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_actionServerStart, &QAction::triggered, this, [this] {
        const RunConfig c = m_settings->config();
        m_session->startServer(c.server, c.seed);
    });
    connect(m_actionServerRestart, &QAction::triggered, this, &MainWindow::onRetryServer);
    connect(m_actionServerStop, &QAction::triggered, this, [this] { m_session->stopServer(); });
    connect(m_actionPresenter, &QAction::toggled, this, &MainWindow::setPresenterMode);
    connect(m_actionZoomIn, &QAction::triggered, this, [this] { setFontScale(m_fontScale * 1.15); });
    connect(m_actionZoomOut, &QAction::triggered, this, [this] { setFontScale(m_fontScale / 1.15); });

    // Presenter mode's keys, like slides (a presentation remote sends PgDn/PgUp).
    const auto key = [this](QKeySequence sequence, std::function<void()> act) {
        auto *shortcut = new QShortcut(sequence, this, std::move(act));
        shortcut->setEnabled(false);
        m_presenterKeys.append(shortcut);
    };
    key(QKeySequence(Qt::Key_PageDown), [this] { stepTab(1); });
    key(QKeySequence(Qt::Key_PageUp), [this] { stepTab(-1); });
    key(QKeySequence(Qt::Key_Right), [this] { stepTab(1); });
    key(QKeySequence(Qt::Key_Left), [this] { stepTab(-1); });
    key(QKeySequence(Qt::Key_Down), [this] { stepPattern(1); });
    key(QKeySequence(Qt::Key_Up), [this] { stepPattern(-1); });
    key(QKeySequence(Qt::Key_L), [this] { toggleLessonPage(); });
}

void MainWindow::createWidgets()
{
    // Centre: the live view, the comparison charts and the table, one tab each.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("chartTabs"));
    m_live = new LiveChart(m_tabs);
    m_panels = { m_live,
                 new ComparisonChart(m_tabs),
                 new TimeChart(m_tabs),
                 new LatencyChart(m_tabs),
                 new TimelineWidget(m_tabs),
                 new ResourceChart(m_tabs),
                 new ExperimentChart(m_tabs) };
    for (ChartPanel *panel : std::as_const(m_panels)) {
        panel->setObjectName(panel->exportName() + QStringLiteral("Chart"));
        m_tabs->addTab(panel, panel->title());
        connect(panel, &ChartPanel::exportRequested, this, [this, panel] { exportChart(panel); });
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);
    m_results = new ResultsModel(this);
    // The trials' columns only where there are trials.
    connect(m_results, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_tableView)
            return;
        const bool trials = Experiments::minTrials(run().results) > 0;
        m_tableView->setColumnHidden(ResultsModel::TrialsColumn, !trials);
        m_tableView->setColumnHidden(ResultsModel::VerdictColumn, !trials);
    });
    m_resultsProxy = new QSortFilterProxyModel(this);
    m_resultsProxy->setSourceModel(m_results);
    m_resultsProxy->setSortRole(ResultsModel::SortRole);
    m_tableView = new QTableView(m_tabs);
    m_tableView->setObjectName(QStringLiteral("resultsTable"));
    m_tableView->setModel(m_resultsProxy);
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(-1, Qt::AscendingOrder); // run order until a header is clicked
    m_tableView->setAlternatingRowColors(true);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tableView->verticalHeader()->hide();
    m_tabs->addTab(m_tableView, tr("Table"));
    // Centre: a banner that says whether a preset's lesson showed, above the tabs; in presenter
    // mode the lesson pane can take the tabs' place (L).
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(2);
    m_lessonBanner = new QLabel(centre);
    m_lessonBanner->setObjectName(QStringLiteral("lessonBanner"));
    m_lessonBanner->setWordWrap(true);
    m_lessonBanner->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_lessonBanner->hide();
    centreLayout->addWidget(m_lessonBanner);
    // Predict, then run: the class's prediction against the result, after the run.
    m_predictionBanner = new QLabel(centre);
    m_predictionBanner->setObjectName(QStringLiteral("predictionBanner"));
    m_predictionBanner->setWordWrap(true);
    m_predictionBanner->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_predictionBanner->setStyleSheet(QStringLiteral("background: #E8EEF8; color: #1B3A6B; padding: 4px;"));
    m_predictionBanner->hide();
    centreLayout->addWidget(m_predictionBanner);
    m_centreStack = new QStackedWidget(centre);
    m_centreStack->addWidget(m_tabs);
    m_presenterLesson = new PatternPane(m_centreStack);
    m_presenterLesson->setObjectName(QStringLiteral("presenterLesson"));
    m_centreStack->addWidget(m_presenterLesson);
    centreLayout->addWidget(m_centreStack, 1);
    setCentralWidget(centre);

    // Left: patterns, settings, Run/Stop.
    auto *runPanel = new QWidget(this);
    auto *runLayout = new QVBoxLayout(runPanel);
    m_patterns = new PatternListModel(this);
    m_patternView = new QTableView(runPanel);
    m_patternView->setObjectName(QStringLiteral("patternList"));
    m_patternView->setModel(m_patterns);
    m_patternView->setItemDelegateForColumn(PatternListModel::ProgressColumn, new ProgressDelegate(m_patternView));
    m_patternView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_patternView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_patternView->verticalHeader()->hide();
    m_patternView->setShowGrid(false);
    m_patternView->horizontalHeader()->setSectionResizeMode(PatternListModel::PatternColumn,
                                                            QHeaderView::ResizeToContents);
    m_patternView->horizontalHeader()->setSectionResizeMode(PatternListModel::ProgressColumn,
                                                            QHeaderView::ResizeToContents);
    m_patternView->horizontalHeader()->setStretchLastSection(true);
    m_patternView->setMinimumHeight(m_patternView->verticalHeader()->defaultSectionSize() * 5);
    runLayout->addWidget(m_patternView, 1);
    connect(m_patternView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    onPatternSelected(m_patterns->idAt(current.row()));
            });

    m_settings = new RunSettingsWidget(runPanel);
    m_settings->setObjectName(QStringLiteral("runSettings"));
    runLayout->addWidget(m_settings);

    auto *buttons = new QHBoxLayout;
    for (QAction *action : { m_actionRun, m_actionStop }) {
        auto *button = new QToolButton(runPanel);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(button);
    }
    runLayout->addLayout(buttons);
    m_runHint = new QLabel(runPanel);
    m_runHint->setObjectName(QStringLiteral("runHint"));
    m_runHint->setWordWrap(true);
    m_runHint->setStyleSheet(QStringLiteral("color: #D51E1E;"));
    runLayout->addWidget(m_runHint);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(runPanel);
    scroll->setWidgetResizable(true);
    auto *runDock = new QDockWidget(tr("Patterns and settings"), this);
    runDock->setObjectName(QStringLiteral("runDock"));
    runDock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, runDock);

    // Right: the classroom pane.
    m_patternPane = new PatternPane(this);
    m_patternPane->setObjectName(QStringLiteral("patternPane"));
    auto *paneDock = new QDockWidget(tr("About the pattern"), this);
    paneDock->setObjectName(QStringLiteral("patternDock"));
    paneDock->setWidget(m_patternPane);
    addDockWidget(Qt::RightDockWidgetArea, paneDock);
    m_patternPane->setPattern(PatternRegistry::ids().value(0));

    // Bottom: the server, its log, and a Retry when it failed.
    auto *serverPanel = new QWidget(this);
    auto *serverLayout = new QVBoxLayout(serverPanel);
    serverLayout->setContentsMargins(4, 4, 4, 4);
    auto *serverButtons = new QHBoxLayout;
    m_serverFailure = new QLabel(serverPanel);
    m_serverFailure->setObjectName(QStringLiteral("serverFailure"));
    m_serverFailure->setWordWrap(true);
    m_serverFailure->setStyleSheet(QStringLiteral("color: #D51E1E; font-weight: bold;"));
    m_serverFailure->hide();
    m_retryButton = new QPushButton(tr("Retry"), serverPanel);
    m_retryButton->setObjectName(QStringLiteral("retryServer"));
    m_retryButton->hide();
    connect(m_retryButton, &QPushButton::clicked, this, &MainWindow::onRetryServer);
    serverButtons->addWidget(m_serverFailure, 1);
    serverButtons->addWidget(m_retryButton);
    for (QAction *action : { m_actionServerStart, m_actionServerRestart, m_actionServerStop }) {
        auto *button = new QToolButton(serverPanel);
        button->setDefaultAction(action);
        serverButtons->addWidget(button);
    }
    serverLayout->addLayout(serverButtons);
    m_log = new QPlainTextEdit(serverPanel);
    m_log->setObjectName(QStringLiteral("serverLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    QFont mono; // the family only, so presenter mode enlarges the log too
    mono.setFamily(QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
    mono.setStyleHint(QFont::Monospace);
    m_log->setFont(mono);
    serverLayout->addWidget(m_log, 1);
    auto *logDock = new QDockWidget(tr("Server and log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(serverPanel);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);

    m_serverStatus = new QLabel(this);
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));
    m_runStatus = new QLabel(this);
    m_runStatus->setObjectName(QStringLiteral("runStatus"));
    statusBar()->addWidget(m_runStatus, 1);
    statusBar()->addPermanentWidget(m_serverStatus);

    auto *toolbar = m_toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName(QStringLiteral("runToolbar"));
    toolbar->addAction(m_actionRun);
    toolbar->addAction(m_actionStop);
    toolbar->addSeparator();
    toolbar->addAction(m_actionOpen);
    toolbar->addAction(m_actionSave);
    toolbar->addAction(m_actionExportAll);
    toolbar->addSeparator();
    toolbar->addAction(m_actionPresenter);

    m_docks = { runDock, paneDock, logDock };
    // First start (no saved layout): room for the pattern summaries and the pane's code.
    // First start (no saved layout): as much as the screen it opens on allows, up to
    // 1500 x 950 (room for the pattern summaries and the pane's code).
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1500, 950);
    const QSize first(std::min(1500, available.width() * 95 / 100), std::min(950, available.height() * 92 / 100));
    resize(first);
    resizeDocks({ runDock, paneDock }, { first.width() * 30 / 100, first.width() * 22 / 100 }, Qt::Horizontal);
    resizeDocks({ logDock }, { first.height() / 6 }, Qt::Vertical);
    // Long texts must never make the window wider than the screen: they elide or wrap.
    for (QLabel *label : { m_serverStatus, m_runStatus })
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actionOpen);
    file->addAction(m_actionSave);
    file->addAction(m_actionCompare);
    file->addSeparator();
    file->addAction(m_actionExportTable);
    file->addAction(m_actionExportSamples);
    file->addAction(m_actionExportExperiment);
    QMenu *charts = file->addMenu(tr("Export &Chart as PNG"));
    for (ChartPanel *panel : std::as_const(m_panels))
        charts->addAction(tr("%1…").arg(panel->title()), this, [this, panel] { exportChart(panel); });
    file->addAction(m_actionExportAll);
    file->addSeparator();
    file->addAction(m_actionQuit);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_actionRun);
    run->addAction(m_actionStop);
    run->addAction(m_actionPredict);
    QMenu *presets = run->addMenu(tr("&Presets"));
    for (const Presets::Preset &preset : Presets::all())
        presets->addAction(preset.name, this, [this, key = preset.key] { m_settings->applyPreset(key); });

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    server->addAction(m_actionServerStart);
    server->addAction(m_actionServerRestart);
    server->addAction(m_actionServerStop);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_actionPresenter);
    view->addAction(m_actionZoomIn);
    view->addAction(m_actionZoomOut);
    view->addSeparator();
    for (QDockWidget *dock : std::as_const(m_docks))
        view->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About PatternLab"), this, [this] {
        auto *box = new QMessageBox(QMessageBox::Information, tr("About PatternLab"),
                                    tr("<b>PatternLab</b> %1<br>Concurrency patterns for HTTP clients, measured side "
                                       "by side.<br>Each pattern runs in its own process; percentiles are nearest "
                                       "rank.")
                                        .arg(QCoreApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

// ---------------------------------------------------------------------------------------
// Settings

void MainWindow::readSettings()
{
    QSettings s;
    s.beginGroup(QStringLiteral("run"));
    m_settings->restoreSettings(s);
    if (s.contains(QStringLiteral("patterns")))
        m_patterns->setCheckedIds(s.value(QStringLiteral("patterns")).toStringList());
    s.endGroup();
    s.beginGroup(QStringLiteral("window"));
    restoreGeometry(s.value(QStringLiteral("geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("state")).toByteArray());
    const double scale = s.value(QStringLiteral("fontScale"), 1.0).toDouble();
    setFontScale(scale); // presenter mode is chosen each time (F11), never restored
    s.endGroup();
}

void MainWindow::writeSettings() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("run"));
    m_settings->saveSettings(s);
    s.setValue(QStringLiteral("patterns"), m_patterns->checkedIds());
    s.endGroup();
    s.beginGroup(QStringLiteral("window"));
    s.setValue(QStringLiteral("geometry"), m_presenter ? m_normalGeometry : saveGeometry());
    s.setValue(QStringLiteral("state"), m_presenter ? m_normalState : saveState());
    s.setValue(QStringLiteral("fontScale"), m_presenter ? 1.0 : m_fontScale);
    s.endGroup();
}

void MainWindow::setPresenterMode(bool on)
{
    if (m_presenter == on)
        return;
    m_presenter = on;
    const QSignalBlocker blocker(m_actionPresenter);
    m_actionPresenter->setChecked(on);
    for (QShortcut *shortcut : std::as_const(m_presenterKeys))
        shortcut->setEnabled(on);
    if (on) {
        m_normalState = saveState();
        m_normalGeometry = saveGeometry();
        for (QDockWidget *dock : std::as_const(m_docks))
            dock->hide();
        m_toolbar->hide();
        // One chart fills the screen; text sized for the back row: 1.6 x at 720 lines,
        // proportionally more on a taller screen.
        const QRect available = screen() ? screen()->availableGeometry() : geometry();
        setFontScale(std::clamp(1.6 * available.height() / 720.0, 1.2, 3.0));
        setGeometry(screen() ? screen()->geometry() : geometry()); // what full screen means, also where no WM says so
        showFullScreen();
        m_runStatus->setText(tr("Presenter mode: PgDn/PgUp step through the charts, ↑/↓ through the patterns, "
                                "L shows the lesson, F11 returns"));
    } else {
        m_centreStack->setCurrentWidget(m_tabs);
        setFontScale(1.0);
        showNormal();
        restoreGeometry(m_normalGeometry);
        restoreState(m_normalState);
        m_toolbar->show();
    }
}

void MainWindow::stepTab(int delta)
{
    m_centreStack->setCurrentWidget(m_tabs);
    const int count = m_tabs->count();
    m_tabs->setCurrentIndex((m_tabs->currentIndex() + delta + count) % count);
}

void MainWindow::stepPattern(int delta)
{
    const QStringList ids = run().isEmpty() ? m_patterns->checkedIds() : [this] {
        QStringList list;
        for (const PatternResult &r : run().results)
            list << r.id;
        return list;
    }();
    if (ids.isEmpty())
        return;
    const qsizetype at = ids.indexOf(m_patternPane->pattern());
    const QString id = ids.at((std::max<qsizetype>(at, 0) + delta + ids.size()) % ids.size());
    m_patternView->selectRow(m_patterns->rowOf(id)); // follows through onPatternSelected
    onPatternSelected(id);
}

void MainWindow::toggleLessonPage()
{
    if (m_centreStack->currentWidget() == m_presenterLesson) {
        m_centreStack->setCurrentWidget(m_tabs);
        return;
    }
    m_presenterLesson->setPattern(m_patternPane->pattern());
    m_centreStack->setCurrentWidget(m_presenterLesson);
}

bool MainWindow::isShowingLessonPage() const
{
    return m_centreStack->currentWidget() == m_presenterLesson;
}

void MainWindow::setFontScale(double scale)
{
    m_fontScale = std::clamp(scale, 0.6, 3.0);
    QFont f = font();
    f.setPointSizeF(m_baseFontPointSize * m_fontScale);
    setFont(f); // children inherit it; chart panels re-apply it to their charts
    // Bigger text must not make the window wider than its screen.
    QTimer::singleShot(0, this, [this] {
        const QRect available = screen() ? screen()->availableGeometry() : QRect();
        if (available.isValid() && !isFullScreen() && (width() > available.width() || height() > available.height()))
            resize(std::min(width(), available.width()), std::min(height(), available.height()));
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_persistSettings)
        writeSettings();
    // Stop everything we started: an experiment (no next step), the pattern's process (killed
    // at the latest when the session is destroyed) and the bundled server.
    m_experiment->stop();
    m_session->stop();
    m_session->server()->stop(1000);
    event->accept();
}

// ---------------------------------------------------------------------------------------
// Running

QString MainWindow::runBlockedReason() const
{
    if (isRunning())
        return tr("A run is in progress: Stop (Esc) ends it");
    if (m_opening)
        return tr("A saved run is being opened");
    const QString invalid = m_settings->validationError();
    if (!invalid.isEmpty())
        return invalid;
    if (m_patterns->checkedIds().isEmpty())
        return tr("Check at least one pattern to run");
    RunConfig config = m_settings->config();
    config.patterns = m_patterns->checkedIds();
    if (const QString why = ExperimentRunner::checkPlan(config, m_settings->plan()); !why.isEmpty())
        return why.left(1).toUpper() + why.mid(1);
    if (!QFileInfo(m_childProgram).isExecutable())
        return tr("%1 is missing: build patternlab-cli").arg(m_childProgram);
    return {};
}

void MainWindow::updateActions()
{
    const QString reason = runBlockedReason();
    const bool running = isRunning();
    m_actionRun->setEnabled(reason.isEmpty());
    m_actionRun->setToolTip(reason.isEmpty() ? tr("Run the checked patterns (F5)") : reason);
    m_runHint->setText(running ? QString() : reason);
    m_runHint->setVisible(!running && !reason.isEmpty());
    m_actionStop->setEnabled(running);
    m_actionOpen->setEnabled(!running && !m_opening);
    const bool haveResults = !run().isEmpty() && !running;
    m_actionSave->setEnabled(haveResults);
    m_actionExportTable->setEnabled(haveResults);
    m_actionExportSamples->setEnabled(haveResults);
    m_actionExportExperiment->setEnabled(haveResults
                                         && (!run().sweep.isEmpty() || Experiments::minTrials(run().results) > 0));
    m_actionExportAll->setEnabled(haveResults);
    m_settings->setEnabled(!running);
    const auto state = server()->state();
    m_actionServerStart->setEnabled(
        !running && (state == ServerController::State::Stopped || state == ServerController::State::Failed));
    m_actionServerRestart->setEnabled(!running);
    m_retryButton->setEnabled(!running);
    m_actionServerStop->setEnabled(
        !running && (state == ServerController::State::Ready || state == ServerController::State::Starting));
}

void MainWindow::onRunTriggered()
{
    if (!runBlockedReason().isEmpty())
        return;
    RunConfig config = m_settings->config();
    config.patterns = m_patterns->checkedIds();
    m_pendingPrediction = {};
    if (m_actionPredict->isChecked()) {
        const std::optional<Prediction> prediction = m_askPrediction(config.patterns);
        if (!prediction)
            return;
        m_pendingPrediction = *prediction;
    }
    m_predictionBanner->hide();
    const ExperimentPlan plan = m_settings->plan();
    m_experimentProblem.clear();
    if (plan.isExperiment())
        m_experiment->start(config, plan);
    else
        m_session->start(config);
    updateActions();
}

void MainWindow::onCompareTriggered()
{
    const QString chosen = choose(FileRequest::CompareRuns, QString());
    if (chosen.isEmpty())
        return;
    QString error;
    if (!compareRuns(chosen.split(QLatin1Char('\n'), Qt::SkipEmptyParts), &error))
        showError(tr("Compare Runs"), error);
}

CompareWindow *MainWindow::compareRuns(const QStringList &paths, QString *error)
{
    if (paths.size() < 2) {
        *error = tr("Choose two or more saved runs to compare (hold Ctrl to pick several).");
        return nullptr;
    }
    QList<RunData> runs;
    QStringList labels;
    for (const QString &path : paths) {
        RunData data;
        if (!RunFile::load(path, &data, error))
            return nullptr;
        runs << data;
        labels << QFileInfo(path).completeBaseName();
    }
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (labels.count(labels.at(i)) > 1)
            labels[i] = paths.at(i);
    }
    auto *window = new CompareWindow(runs, labels, this);
    window->setFont(font());
    window->show();
    appendLog(tr("Comparing %1").arg(paths.join(QStringLiteral(", "))));
    return window;
}

void MainWindow::setPredictBeforeRun(bool on)
{
    m_actionPredict->setChecked(on);
}

QString MainWindow::predictionText() const
{
    return m_predictionBanner->isHidden() ? QString() : m_predictionBanner->text();
}

void MainWindow::revealPrediction()
{
    const Prediction &p = run().prediction;
    if (p.isEmpty()) {
        m_predictionBanner->hide();
        return;
    }
    const Experiments::PredictionOutcome actual = Experiments::predictionOutcome(run());
    const auto name = [](const QString &id) { return id.isEmpty() ? tr("none") : PatternRegistry::shortTitle(id); };
    QStringList parts;
    if (!p.firstToFinish.isEmpty())
        parts << tr("Finishes first: predicted %1, result %2 %3")
                     .arg(name(p.firstToFinish), name(actual.firstToFinish),
                          p.firstToFinish == actual.firstToFinish ? QStringLiteral("✓") : QStringLiteral("✗"));
    if (!p.mostMemory.isEmpty())
        parts << tr("Most memory: predicted %1, result %2 %3")
                     .arg(name(p.mostMemory), name(actual.mostMemory),
                          p.mostMemory == actual.mostMemory ? QStringLiteral("✓") : QStringLiteral("✗"));
    m_predictionBanner->setText(tr("Your prediction — ") + parts.join(QStringLiteral(" · ")));
    m_predictionBanner->show();
}

void MainWindow::onExperimentFinished()
{
    RunData result = m_experiment->result();
    result.prediction = m_pendingPrediction;
    const int done = m_experiment->stepsDone();
    const int steps = m_experiment->plan().steps();
    const bool kept = !result.results.isEmpty();
    if (kept && m_session->setRun(std::move(result)))
        showRun();
    QString status = done == steps ? tr("Experiment finished: %1 steps").arg(steps)
                                   : tr("Experiment stopped: %1 of %2 steps kept").arg(done).arg(steps);
    if (!m_experimentProblem.isEmpty())
        status = tr("%1 (%2)").arg(status, m_experimentProblem);
    m_runStatus->setText(status);
    if (!kept) { // nothing ran: the run on screen is an earlier one, and so is its prediction
        m_predictionBanner->hide();
        updateActions();
        Q_EMIT runFinished();
        return;
    }
    if (!run().sweep.isEmpty() && !run().sweep.points.isEmpty())
        showTab(QStringLiteral("experiments"));
    revealPrediction();
    updateActions();
    Q_EMIT runFinished();
}

void MainWindow::onRunStarted()
{
    m_lessonBanner->hide();
    const RunConfig &config = run().config;
    setWindowTitle(tr("PatternLab"));
    m_liveIndex = -1;
    m_results->clear();
    m_patterns->clearResults();
    m_patterns->resetProgress(config.patterns);
    m_live->clear();
    m_tabs->setCurrentWidget(m_live);
    refreshPanels(false); // the previous run's charts go
    m_liveTimer->start();
    updateActions();
    Q_EMIT runStarted();
}

void MainWindow::onRunNotStarted(const QString &reason)
{
    m_runStatus->setText(tr("Not run: %1").arg(reason));
    updateActions();
}

void MainWindow::onStopTriggered()
{
    if (!isRunning())
        return;
    if (!m_session->isWaitingForServer())
        m_runStatus->setText(tr("Stopping…"));
    if (m_experiment->isRunning())
        m_experiment->stop(); // keeps the steps that finished
    else
        m_session->stop();
}

void MainWindow::onPatternStarted(int index)
{
    const PatternResult &result = run().results.at(index);
    m_liveIndex = index;
    m_live->setFocusPattern(result.id);
    m_live->showResult(result, true);
    // The classroom pane and the list follow the running pattern.
    m_patternPane->setPattern(result.id);
    m_patternView->selectionModel()->blockSignals(true);
    m_patternView->selectRow(m_patterns->rowOf(result.id));
    m_patternView->selectionModel()->blockSignals(false);
    m_patterns->setState(result.id, PatternListModel::State::Running);
    m_runStatus->setText(
        tr("Running %1 (%2 of %3)…").arg(result.title).arg(index + 1).arg(run().config.patterns.size()));
}

void MainWindow::onProgressChanged(int index, const Progress &progress)
{
    const QString &id = run().results.at(index).id;
    m_patterns->setProgress(id, progress.completed, progress.total);
    Q_EMIT progressChanged(id, progress.completed, progress.total);
}

bool MainWindow::showTab(const QString &name)
{
    if (name == QLatin1String("table")) {
        m_tabs->setCurrentWidget(m_tableView);
        return true;
    }
    for (ChartPanel *panel : std::as_const(m_panels)) {
        if (panel->exportName() == name) {
            m_tabs->setCurrentWidget(panel);
            return true;
        }
    }
    return false;
}

void MainWindow::setTimelineWindow(double startS, double spanS)
{
    for (ChartPanel *panel : std::as_const(m_panels)) {
        if (auto *timeline = qobject_cast<TimelineWidget *>(panel))
            timeline->setTimeWindow(std::int64_t(startS * 1e9), std::int64_t(spanS * 1e9));
    }
}

void MainWindow::onLiveRefresh()
{
    if (!m_liveDirty || m_liveIndex < 0)
        return;
    m_liveDirty = false;
    m_live->showResult(run().results.at(m_liveIndex), true);
}

void MainWindow::onPatternFinished(int index)
{
    const PatternResult &result = run().results.at(index);
    const PatternSummary &summary = run().summaries.at(index);
    using State = PatternListModel::State;
    const State state = result.outcome == PatternResult::Outcome::Failed
        ? State::Failed
        : (result.outcome == PatternResult::Outcome::Stopped ? State::Stopped : State::Finished);
    m_patterns->setState(result.id, state, result.failure);
    if (result.outcome != PatternResult::Outcome::Failed)
        m_patterns->setResultSummary(result.id, summary);
    m_liveDirty = false;
    m_live->showResult(result);
    // The table and comparison charts grow pattern by pattern: the class sees each bar arrive.
    m_results->setRun(run());
    refreshPanels(false);
}

void MainWindow::onRunFinished()
{
    m_liveTimer->stop();
    const RunData &data = run();
    // Patterns a Stop kept from starting go back to idle.
    for (const QString &id : std::as_const(data.config.patterns)) {
        const int row = m_patterns->rowOf(id);
        if (row >= 0 && data.indexOf(id) < 0)
            m_patterns->setState(id, PatternListModel::State::Idle);
    }
    if (m_experiment->isRunning()) {
        m_liveIndex = -1;
        updateActions();
        return; // one step of an experiment: onExperimentFinished reports the whole
    }
    if (!m_pendingPrediction.isEmpty()) {
        RunData withPrediction = data;
        withPrediction.prediction = m_pendingPrediction;
        m_session->setRun(std::move(withPrediction));
    }
    const bool stopped
        = std::any_of(run().results.cbegin(), run().results.cend(),
                      [](const PatternResult &r) { return r.outcome == PatternResult::Outcome::Stopped; })
        || run().results.size() < run().config.patterns.size();
    m_runStatus->setText(m_session->serverDiedDuringRun()
                             ? tr("Run stopped: the bundled server failed (partial results kept)")
                             : stopped ? tr("Run stopped: partial results kept")
                                       : tr("Run finished"));
    m_liveIndex = -1;
    // Every finished pattern already updated the charts and the table (onPatternFinished).
    if (run().results.isEmpty())
        showRun();
    revealPrediction();
    updateActions();
    Q_EMIT runFinished();
}

// ---------------------------------------------------------------------------------------
// Server

void MainWindow::startServerIfBundled()
{
    if (!m_settings->useBundledServer())
        return;
    const RunConfig c = m_settings->config();
    m_session->startServer(c.server, c.seed);
}

void MainWindow::onRetryServer()
{
    const RunConfig c = m_settings->config();
    m_session->restartServer(c.server, c.seed);
}

void MainWindow::onServerStateChanged(ServerController::State)
{
    updateServerStatus();
    updateActions();
}

void MainWindow::updateServerStatus()
{
    const ServerController *server = m_session->server();
    const auto state = server->state();
    QString text;
    if (!m_settings->useBundledServer() && state == ServerController::State::Stopped) {
        text = tr("Server: external %1").arg(m_settings->externalUrl().toString());
    } else {
        text = tr("Server: %1").arg(stateName(state));
        if (state == ServerController::State::Ready)
            text += tr(" · port %1 · profile %2 · seed %3")
                        .arg(server->port())
                        .arg(m_session->serverParams().profile)
                        .arg(m_session->serverSeed().value_or(0));
    }
    m_serverStatus->setText(text);
    const bool failed = state == ServerController::State::Failed;
    m_serverFailure->setVisible(failed);
    m_retryButton->setVisible(failed);
    if (failed) {
        m_serverFailure->setText(tr("The server could not start: %1").arg(server->failureReason()));
        m_serverStatus->setToolTip(server->failureReason());
    } else {
        m_serverStatus->setToolTip({});
    }
}

void MainWindow::appendLog(const QString &line)
{
    m_log->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + line);
}

// ---------------------------------------------------------------------------------------
// Files

QString MainWindow::choose(FileRequest request, const QString &suggested)
{
    if (m_chooser)
        return m_chooser(request, suggested);
    switch (request) {
    case FileRequest::OpenRun:
        return QFileDialog::getOpenFileName(this, tr("Open a saved run"), suggested, tr("PatternLab runs (*.json)"));
    case FileRequest::SaveRun:
        return QFileDialog::getSaveFileName(this, tr("Save the run"), suggested, tr("JSON (*.json)"));
    case FileRequest::ExportTable:
    case FileRequest::ExportSamples:
    case FileRequest::ExportExperiment:
        return QFileDialog::getSaveFileName(this, tr("Export CSV"), suggested, tr("CSV (*.csv)"));
    case FileRequest::CompareRuns:
        return QFileDialog::getOpenFileNames(this, tr("Compare runs (pick two or more)"), suggested,
                                             tr("PatternLab runs (*.json)"))
            .join(QLatin1Char('\n'));
    case FileRequest::ExportChart:
        return QFileDialog::getSaveFileName(this, tr("Export chart"), suggested, tr("PNG image (*.png)"));
    case FileRequest::ExportAllCharts:
        return QFileDialog::getExistingDirectory(this, tr("Export all charts to a folder"), suggested);
    }
    return {};
}

void MainWindow::showError(const QString &title, const QString &message)
{
    appendLog(message);
    m_runStatus->setText(message);
    // Not modal-blocking: the event loop (and a test) keeps running.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool MainWindow::openRun(const QString &path, QString *error)
{
    if (isRunning() || m_opening) {
        *error = tr("a run is in progress: stop it first");
        return false;
    }
    RunData data;
    if (!RunFile::load(path, &data, error))
        return false;
    showOpenedRun(path, std::move(data));
    return true;
}

void MainWindow::openRunInBackground(const QString &path)
{
    if (isRunning() || m_opening)
        return;
    // Reading and checking a large run takes seconds: off the GUI thread, so the window
    // (and a class watching it) never freezes. The result comes back as a queued call.
    m_opening = true;
    m_runStatus->setText(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    updateActions();
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, path] {
        auto data = std::make_shared<RunData>();
        auto error = std::make_shared<QString>();
        const bool ok = RunFile::load(path, data.get(), error.get());
        QMetaObject::invokeMethod(
            qApp,
            [self, path, ok, data, error] {
                if (!self)
                    return;
                self->m_opening = false;
                if (ok)
                    self->showOpenedRun(path, std::move(*data));
                else
                    self->showError(tr("Cannot open the run"), *error);
                self->updateActions();
                Q_EMIT self->runOpened(ok);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showOpenedRun(const QString &path, RunData data)
{
    m_session->setRun(std::move(data));
    const RunData &opened = run();
    m_settings->setConfig(opened.config);
    m_patterns->setCheckedIds(opened.config.patterns);
    m_patterns->clearResults();
    for (qsizetype i = 0; i < opened.results.size(); ++i) {
        const PatternResult &r = opened.results.at(i);
        using State = PatternListModel::State;
        m_patterns->setState(r.id,
                             r.outcome == PatternResult::Outcome::Failed        ? State::Failed
                                 : r.outcome == PatternResult::Outcome::Stopped ? State::Stopped
                                                                                : State::Finished,
                             r.failure);
        m_patterns->setResultSummary(r.id, opened.summaries.at(i));
    }
    showRun();
    setWindowTitle(tr("PatternLab — %1").arg(QFileInfo(path).fileName()));
    m_runStatus->setText(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
    m_settings->setPlan(
        { opened.sweep.param, opened.sweep.values, std::max(1, Experiments::minTrials(opened.results)) });
    revealPrediction();
    updateActions();
}

bool MainWindow::saveRun(const QString &path, QString *error) const
{
    return RunFile::save(path, run(), error);
}

void MainWindow::showRun()
{
    m_results->setRun(run());
    refreshPanels(true);
}

void MainWindow::refreshPanels(bool includingLive)
{
    // Only the chart on screen is rebuilt now; the others when their tab is shown, so the
    // end of a pattern costs one chart, not five.
    for (ChartPanel *panel : std::as_const(m_panels)) {
        if (panel == m_live && !includingLive)
            continue;
        if (m_tabs->currentWidget() == panel) {
            panel->setRun(run());
            m_stalePanels.remove(panel);
        } else {
            m_stalePanels.insert(panel);
        }
    }
}

void MainWindow::onTabChanged(int index)
{
    auto *panel = qobject_cast<ChartPanel *>(m_tabs->widget(index));
    if (panel && m_stalePanels.remove(panel))
        panel->setRun(run());
}

void MainWindow::onOpenTriggered()
{
    const QString path = choose(FileRequest::OpenRun, QDir::homePath());
    if (!path.isEmpty())
        openRunInBackground(path);
}

void MainWindow::onSaveTriggered()
{
    const QString path = choose(FileRequest::SaveRun, QStringLiteral("patternlab-run.json"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveRun(path, &error))
        showError(tr("Cannot save the run"), error);
    else
        m_runStatus->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::onExportTableTriggered()
{
    const QString path = choose(FileRequest::ExportTable, QStringLiteral("patternlab-summary.csv"));
    if (path.isEmpty())
        return;
    QString error;
    // The contract's CSV (raw numbers, same columns as patternlab-cli --csv).
    if (!ResultWriter::writeFile(path, ResultWriter::summaryCsv(run().results), &error))
        showError(tr("Cannot export the table"), error);
    else
        m_runStatus->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::onExportExperimentTriggered()
{
    const QString path = choose(FileRequest::ExportExperiment, QStringLiteral("patternlab-experiment.csv"));
    if (path.isEmpty())
        return;
    QString error;
    // One row per sweep value and pattern: medians, 95% intervals, Little's law (--csv's).
    if (!ResultWriter::writeFile(path, ResultWriter::experimentCsv(run()), &error))
        showError(tr("Cannot export the experiment"), error);
    else
        m_runStatus->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::onExportSamplesTriggered()
{
    const QString path = choose(FileRequest::ExportSamples, QStringLiteral("patternlab-samples.csv"));
    if (path.isEmpty())
        return;
    QString error;
    if (!ResultWriter::writeFile(path, ResultWriter::samplesCsv(run().results), &error))
        showError(tr("Cannot export the samples"), error);
    else
        m_runStatus->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::exportChart(ChartPanel *panel)
{
    const QString path = choose(FileRequest::ExportChart, panel->exportName() + QStringLiteral(".png"));
    if (path.isEmpty())
        return;
    QString error;
    if (!ChartExport::savePng(panel->renderImage(run(), ChartPanel::defaultExportSize()), path, &error))
        showError(tr("Cannot export the chart"), error);
    else
        m_runStatus->setText(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

bool MainWindow::exportAllCharts(const QString &folder, QStringList *written, QString *error) const
{
    // The window's own panels render copies of themselves: fonts (presenter mode) and the
    // live chart's pattern follow what is on screen.
    QStringList files;
    const QFileInfo dir(folder);
    if (!dir.isDir() || !dir.isWritable()) {
        *error = tr("%1 is not a writable folder").arg(folder);
        return false;
    }
    for (ChartPanel *panel : m_panels) {
        const QString path = QDir(folder).filePath(panel->exportName() + QStringLiteral(".png"));
        if (!ChartExport::savePng(panel->renderImage(run(), ChartPanel::defaultExportSize()), path, error))
            return false;
        files.append(path);
    }
    if (written)
        *written = files;
    return true;
}

void MainWindow::onExportAllTriggered()
{
    const QString folder = choose(FileRequest::ExportAllCharts, QDir::homePath());
    if (folder.isEmpty())
        return;
    QString error;
    QStringList written;
    if (!exportAllCharts(folder, &written, &error))
        showError(tr("Cannot export the charts"), error);
    else
        m_runStatus->setText(tr("Exported %1 charts to %2").arg(written.size()).arg(QDir::toNativeSeparators(folder)));
}

void MainWindow::onPatternSelected(const QString &id)
{
    m_patternPane->setPattern(id);
    if (isShowingLessonPage())
        m_presenterLesson->setPattern(id);
    if (!isRunning() && run().indexOf(id) >= 0) {
        m_live->setFocusPattern(id);
        m_live->setRun(run());
    }
}

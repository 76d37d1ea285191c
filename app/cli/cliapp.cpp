// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "cliapp.h"

#include "clioptions.h"
#include "engine/descriptorbudget.h"
#include "io/eventstream.h"
#include "io/report.h"
#include "io/resultwriter.h"
#include "io/runfile.h"
#include "model/rundata.h"
#include "run/childprocess.h"
#include "run/experimentrunner.h"
#include "run/patternexecution.h"
#include "run/runsession.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace CliApp {

namespace {

std::atomic<bool> s_stopSignal { false };

extern "C" void onStopSignal(int)
{
    s_stopSignal.store(true);
}

void installStopHandlers()
{
    struct sigaction action
    {
    };
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN); // a vanished reader shows up as a write error instead
    std::signal(SIGXFSZ, SIG_IGN); // a file size limit too: the write fails, the old file stays
}

void printErr(const QString &line)
{
    std::fprintf(stderr, "patternlab-cli: %s\n", qUtf8Printable(line));
    std::fflush(stderr);
}

void printOut(const QString &text)
{
    std::fputs(qUtf8Printable(text), stdout);
    std::fflush(stdout);
}

bool writeAll(int fd, const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, std::size_t(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        left -= written;
    }
    return true;
}

// The child side of process isolation: run one pattern here and stream what happens.
int runOne(const CliOptions &options)
{
    PatternExecution execution(options.config, options.runOne);
    QByteArray out;
    EventStream::appendHello(&out, options.runOne, options.config.requests);
    if (!writeAll(STDOUT_FILENO, out))
        return PatternFailed;
    execution.start();
    const auto flush = [&](const PatternExecution::Update &update) {
        out.clear();
        for (const Sample &sample : update.samples)
            EventStream::appendSample(&out, sample);
        for (const Sample &sample : update.extraSamples)
            EventStream::appendSample(&out, sample);
        for (const ResourcePoint &point : update.resources)
            EventStream::appendResource(&out, point);
        EventStream::appendProgress(&out, update.progress);
        return writeAll(STDOUT_FILENO, out);
    };
    bool readerGone = false;
    while (!execution.waitFinished(std::chrono::milliseconds(100))) {
        if (s_stopSignal.load() || readerGone)
            execution.requestStop();
        if (!readerGone && !flush(execution.poll()))
            readerGone = true;
    }
    if (readerGone || !flush(execution.poll()))
        return PatternFailed;
    const PatternResult result = execution.result();
    out.clear();
    for (const auto &[key, value] : result.notes)
        EventStream::appendNote(&out, key, value);
    EventStream::appendDone(&out, result.totalNs, result.maxInFlight, result.resources);
    return writeAll(STDOUT_FILENO, out) ? Ok : PatternFailed;
}

bool everyRequestFailedToConnect(const QList<PatternResult> &results)
{
    bool anySent = false;
    for (const PatternResult &result : results) {
        for (const Sample &sample : result.samples) {
            if (!sample.sent())
                continue;
            anySent = true;
            if (sample.error != ErrorKind::Connection)
                return false;
        }
    }
    return anySent;
}

class ProgressLine
{
public:
    explicit ProgressLine(bool enabled) : m_enabled(enabled) { }
    void show(const QString &id, const Progress &p)
    {
        if (!m_enabled)
            return;
        std::fprintf(stderr, "\r%-14s %7d / %-7d (%3d%%)  in flight %-6d", qUtf8Printable(id), p.completed, p.total,
                     p.total ? p.completed * 100 / p.total : 0, p.inFlight);
        std::fflush(stderr);
        m_dirty = true;
    }
    void clear()
    {
        if (m_enabled && m_dirty)
            std::fprintf(stderr, "\r%70s\r", "");
        m_dirty = false;
    }

private:
    bool m_enabled;
    bool m_dirty = false;
};

// Saves the whole run (samples included) and lets the desktop app export every chart of it
// offscreen, as its "Export all charts" does.
bool renderCharts(const QString &renderer, const RunData &run, const QString &folder, QString *error)
{
    QTemporaryDir scratch;
    const QString runPath = scratch.filePath(QStringLiteral("run.json"));
    if (!scratch.isValid() || !RunFile::save(runPath, run, error)) {
        if (error->isEmpty())
            *error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    ChildProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(renderer, { QStringLiteral("--open"), runPath, QStringLiteral("--export-charts"), folder });
    if (!process.waitForFinished(120000)) {
        process.stopAndWait(1000);
        *error = QStringLiteral("the chart renderer did not finish within 120 s");
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString detail = process.stderrTail().lastLine();
        *error = QStringLiteral("the chart renderer failed")
            + (detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
        return false;
    }
    return true;
}

// --compare: saved runs side by side; no requests.
int compare(const CliOptions &options, const QString &chartRenderer)
{
    QList<RunData> runs;
    QStringList labels;
    for (const QString &path : options.compareFiles) {
        RunData run;
        QString error;
        if (!RunFile::load(path, &run, &error)) {
            printErr(QStringLiteral("--compare: ") + error);
            return BadArguments;
        }
        runs << run;
        labels << QFileInfo(path).completeBaseName();
    }
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (labels.count(labels.at(i)) > 1)
            labels[i] = options.compareFiles.at(i); // two a.json from different folders
    }
    if (!options.quiet)
        printOut(Report::compareReport(runs, labels));
    int exitCode = Ok;
    const auto write = [&](const QString &path, const QByteArray &contents) {
        QString error;
        if (!path.isEmpty() && !ResultWriter::writeFile(path, contents, &error)) {
            printErr(error);
            exitCode = PatternFailed;
        }
    };
    write(options.jsonPath, QJsonDocument(ResultWriter::compareJson(runs, labels)).toJson());
    write(options.csvPath, ResultWriter::compareCsv(runs, labels));
    if (!options.pngDir.isEmpty()) {
        ChildProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        QStringList arguments;
        for (const QString &path : options.compareFiles)
            arguments << QStringLiteral("--compare") << path;
        process.start(chartRenderer, arguments << QStringLiteral("--export-charts") << options.pngDir);
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            process.stopAndWait(1000);
            printErr(QStringLiteral("--png: the chart renderer failed: ") + process.stderrTail().lastLine());
            exitCode = PatternFailed;
        }
    }
    return exitCode;
}

} // namespace

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("patternlab-cli"));
    installStopHandlers();
    // Unbounded patterns open a socket (and more) per request: allow what the system allows,
    // for us and for every pattern's child, which inherits it. Said below.
    const auto [softBefore, softAfter] = DescriptorBudget::raiseProcessLimit();

    const CliParseResult parsed = parseCliArguments(QCoreApplication::arguments());
    switch (parsed.action) {
    case CliParseResult::Action::Help:
    case CliParseResult::Action::Version:
        printOut(parsed.text + QLatin1Char('\n'));
        return Ok;
    case CliParseResult::Action::Error:
        printErr(parsed.text);
        return BadArguments;
    case CliParseResult::Action::Run:
        break;
    }
    CliOptions options = parsed.options;
    if (!options.runOne.isEmpty())
        return runOne(options);

    // Every output problem is found before any request is sent.
    const QList<QPair<const char *, QString>> outputs
        = { { "json", options.jsonPath }, { "csv", options.csvPath }, { "samples-csv", options.samplesCsvPath } };
    for (const auto &[flag, path] : outputs) {
        QString error;
        if (!path.isEmpty() && !ResultWriter::checkWritable(path, &error)) {
            printErr(QStringLiteral("--%1: %2").arg(QLatin1String(flag), error));
            return BadArguments;
        }
    }
    // Charts are drawn by the desktop app (Widgets, Charts), which this process must not
    // load: every pattern child is this binary, and its memory is what we measure.
    const QString chartRenderer = QCoreApplication::applicationDirPath() + QStringLiteral("/patternlab");
    if (!options.pngDir.isEmpty()) {
        if (!QFileInfo(chartRenderer).isExecutable()) {
            printErr(QStringLiteral("--png: the desktop app %1, which draws the charts, is missing; build it "
                                    "(scripts/setup.sh) or drop --png")
                         .arg(chartRenderer));
            return BadArguments;
        }
        if (!QDir().mkpath(options.pngDir) || !QFileInfo(options.pngDir).isWritable()) {
            printErr(QStringLiteral("--png: cannot create or write to the folder %1").arg(options.pngDir));
            return BadArguments;
        }
    }

    if (!options.compareFiles.isEmpty())
        return compare(options, chartRenderer);
    if (const QString why = ExperimentRunner::checkPlan(options.config, options.plan); !why.isEmpty()) {
        printErr(QStringLiteral("--") + why);
        return BadArguments;
    }

    // Memory follows the run's size: every request is a 32-byte sample in the measuring child
    // and again here (docs/ARCHITECTURE.md, Limits). Say so before a run that needs a lot.
    const qint64 samples = qint64(options.config.requests) * options.config.patterns.size();
    if (!options.quiet && options.config.requests > 1'000'000)
        std::fprintf(stderr, "Note: %lld requests keep about %lld MB of samples in memory (about 70 bytes each)\n",
                     static_cast<long long>(samples), static_cast<long long>(samples * 70 / 1'000'000));
    if (!options.quiet && softAfter > softBefore)
        std::fprintf(stderr, "File descriptors: soft limit raised from %ld to %ld (the hard limit)\n", softBefore,
                     softAfter);
    RunSession session;
    session.runner()->setChildProgram(QCoreApplication::applicationFilePath());
    ExperimentRunner experiment(&session);
    const bool isExperiment = options.plan.isExperiment();
    QObject::connect(&session, &RunSession::warningAvailable, &app, [&](const QString &line) {
        if (!options.quiet)
            printErr(line);
    });
    const bool showProgress = !options.quiet && isatty(STDERR_FILENO);
    ProgressLine progress(showProgress);
    QString notStarted;
    bool interrupted = false;

    QObject::connect(&session, &RunSession::waitingForServer, &app, [&](const ServerParams &params, quint64 seed) {
        if (!options.quiet)
            std::fprintf(stderr, "Starting the bundled server (profile %s, seed %llu)...\n",
                         qUtf8Printable(params.profile), static_cast<unsigned long long>(seed));
    });
    QObject::connect(&session, &RunSession::runNotStarted, &app, [&](const QString &reason) {
        if (isExperiment)
            return; // the experiment says why (notStarted) and keeps the steps that finished
        notStarted = reason;
        QCoreApplication::quit();
    });
    QObject::connect(&experiment, &ExperimentRunner::notStarted, &app,
                     [&](const QString &reason) { notStarted = reason; });
    QObject::connect(&session, &RunSession::runStarted, &app, [&] {
        if (!options.quiet && !isExperiment)
            printOut(QStringLiteral("PatternLab: ") + Report::configLine(session.run().config)
                     + QStringLiteral("\n\n"));
    });
    QObject::connect(&experiment, &ExperimentRunner::stepStarted, &app,
                     [&](int step, int steps, double value, int trial) {
                         if (options.quiet)
                             return;
                         const ExperimentPlan &plan = experiment.plan();
                         QString line = QStringLiteral("[%1/%2]").arg(step + 1).arg(steps);
                         if (!plan.sweepParam.isEmpty())
                             line += QStringLiteral(" %1=%2").arg(plan.sweepParam).arg(value);
                         if (plan.repeat > 1)
                             line += QStringLiteral(" trial %1 of %2 (seed %3)")
                                         .arg(trial + 1)
                                         .arg(plan.repeat)
                                         .arg(experiment.result().config.seed.value_or(0) + quint64(trial));
                         if (experiment.etaMs() > 0)
                             line += QStringLiteral(", about %1 s left").arg((experiment.etaMs() + 999) / 1000);
                         printOut(line + QLatin1Char('\n'));
                     });
    QObject::connect(&session, &RunSession::progressChanged, &app,
                     [&](int index, const Progress &p) { progress.show(session.run().results.at(index).id, p); });
    QObject::connect(&session, &RunSession::patternFinished, &app, [&](int index) {
        progress.clear();
        const PatternResult &result = session.run().results.at(index);
        if (!options.quiet && isExperiment) {
            const PatternSummary s = result.summary();
            printOut(QStringLiteral("  %1 %2 s  %3 req/s  p99 %4 ms%5\n")
                         .arg(result.id, -12)
                         .arg(s.totalTimeS, 0, 'f', 2)
                         .arg(s.throughputRps, 0, 'f', 0)
                         .arg(s.latencyMs.p99, 0, 'f', 1)
                         .arg(result.outcome == PatternResult::Outcome::Finished
                                  ? QString()
                                  : QStringLiteral(" [%1]").arg(result.outcomeName())));
        } else if (!options.quiet)
            printOut(Report::patternReport(result) + QLatin1Char('\n'));
        else if (result.outcome == PatternResult::Outcome::Failed)
            printErr(QStringLiteral("%1 failed: %2").arg(result.id, result.failure));
    });
    QObject::connect(session.server(), &ServerController::failed, &app, [&](const QString &reason) {
        if (!session.runner()->isRunning())
            return; // a start failure: runNotStarted says it
        progress.clear();
        printErr(QStringLiteral("the bundled server failed during the run, stopping: ") + reason);
    });
    QObject::connect(&session, &RunSession::lessonChecked, &app, [&](bool shown, const QString &text) {
        if (isExperiment)
            return; // a preset's lesson is about one run
        if (!options.quiet || !shown)
            std::fprintf(stderr, "%s %s\n", shown ? "Shown:" : "Not shown:", qUtf8Printable(text));
    });
    QObject::connect(&session, &RunSession::runFinished, &app, [&] {
        if (!isExperiment)
            QCoreApplication::quit();
    });
    QObject::connect(&experiment, &ExperimentRunner::finished, &app, &QCoreApplication::quit);

    QTimer signalPoll;
    QObject::connect(&signalPoll, &QTimer::timeout, &app, [&] {
        if (s_stopSignal.exchange(false)) {
            interrupted = true;
            progress.clear();
            printErr(isExperiment ? QStringLiteral("stopping: the experiment reports the steps that finished")
                                  : QStringLiteral("stopping: the patterns report what they did so far"));
            if (isExperiment)
                experiment.stop();
            else
                session.stop();
        }
    });
    signalPoll.start(100);

    if (isExperiment) {
        experiment.start(options.config, options.plan);
        if (experiment.isRunning())
            app.exec();
    } else {
        session.start(options.config);
        if (session.isRunning())
            app.exec();
    }
    session.server()->stopAndWait();
    const int notStartedCode
        = session.server()->state() == ServerController::State::Failed ? ServerFailed : Interrupted;
    if (!notStarted.isEmpty()) {
        printErr(notStarted);
        // An experiment whose later step could not start still reports the steps that did.
        if (!isExperiment || experiment.stepsDone() == 0)
            return notStartedCode;
    }

    const RunData &run = isExperiment ? experiment.result() : session.run();
    const RunConfig &config = run.config;
    const QList<PatternResult> &results = run.results;
    if (!options.quiet)
        printOut(isExperiment ? Report::experimentReport(run) : Report::comparisonTable(results));
    if (isExperiment && experiment.stepsDone() < options.plan.steps())
        printErr(QStringLiteral("%1 of %2 steps finished; the files hold those")
                     .arg(experiment.stepsDone())
                     .arg(options.plan.steps()));
    const QStringList notRun = isExperiment ? QStringList() : run.notRun();
    if (!notRun.isEmpty())
        printErr(QStringLiteral("not run (stopped before they started): %1").arg(notRun.join(QStringLiteral(", "))));

    int exitCode = Ok;
    for (const auto &[flag, path] : outputs) {
        if (path.isEmpty())
            continue;
        QByteArray contents;
        if (QByteArrayView(flag) == "json")
            contents = QJsonDocument(ResultWriter::toJson(run)).toJson();
        else if (QByteArrayView(flag) == "csv")
            contents = isExperiment ? ResultWriter::experimentCsv(run) : ResultWriter::summaryCsv(results);
        else
            contents = ResultWriter::samplesCsv(results);
        QString error;
        if (!ResultWriter::writeFile(path, contents, &error)) {
            printErr(error);
            exitCode = PatternFailed;
        }
    }

    if (!options.pngDir.isEmpty()) {
        QString error;
        if (!renderCharts(chartRenderer, run, options.pngDir, &error)) {
            printErr(QStringLiteral("--png: ") + error);
            exitCode = PatternFailed;
        } else if (!options.quiet) {
            printOut(QStringLiteral("Charts written to %1\n").arg(options.pngDir));
        }
    }

    if (session.serverDiedDuringRun())
        return ServerFailed;
    if (!notStarted.isEmpty())
        return notStartedCode; // an experiment cut short: its files hold the steps that finished
    if (std::any_of(results.begin(), results.end(),
                    [](const PatternResult &r) { return r.outcome == PatternResult::Outcome::Failed; })) {
        printErr(QStringLiteral("at least one pattern failed (see its report)"));
        return PatternFailed;
    }
    if (interrupted)
        return Interrupted; // the files hold what ran, and "not_run" lists the rest
    if (everyRequestFailedToConnect(results)) {
        printErr(QStringLiteral("could not reach the server at %1: every request failed to connect; "
                                "is it running? (or drop --url to use the bundled server)")
                     .arg(config.url.toString()));
        return ServerUnreachable;
    }
    return exitCode;
}

} // namespace CliApp

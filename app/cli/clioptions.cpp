// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "clioptions.h"

#include "model/presets.h"

#include "patterns/registry.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QMap>
#include <limits>

namespace {

struct Flag
{
    const char *name;
    const char *valueName;
    const char *help;
};

// One table for the parser and the help text, so they never disagree.
constexpr Flag s_flags[] = {
    { "preset", "NAME", "A run tuned to show one lesson (other flags override it): " },
    { "patterns", "LIST", "Comma-separated pattern ids or 'all' (default: the Go original's four); ids: " },
    { "requests", "N", "Requests per pattern (default 7500)" },
    { "concurrency", "C", "Workers for pooled patterns (default 15)" },
    { "timeout-ms", "T", "Per-request timeout in milliseconds (default 10000)" },
    { "max-seconds", "S", "Time limit per pattern; unsent requests count as cancelled (default 900)" },
    { "engine", "qt|curl", "HTTP client engine (default qt)" },
    { "url", "URL", "Target an external server on loopback, e.g. http://127.0.0.1:5000/data" },
    { "server", "bundled", "Start the bundled simulation server (default)" },
    { "profile", "NAME", "Bundled server profile: seed, random-walk, fixed, zero, stall, heavy-tail (default seed)" },
    { "latency-ms", "X", "Bundled server latency (fixed) or centre (random-walk)" },
    { "error-rate", "P", "Bundled server error probability, 0..1" },
    { "capacity", "K", "Bundled server: requests in service at once" },
    { "max-queue", "Q", "Bundled server: waiting requests before it answers 503" },
    { "seed", "S", "Seed for the bundled server's random source (default: random, reported)" },
    { "json", "FILE", "Write the run as JSON" },
    { "csv", "FILE", "Write one row per pattern as CSV" },
    { "samples-csv", "FILE", "Write one row per request as CSV" },
    { "png", "DIR", "Render the comparison charts as PNG files into DIR" },
    { "stall-every-s", "S", "Bundled server, profile stall: a freeze every S seconds (default 5)" },
    { "stall-ms", "M", "Bundled server, profile stall: how long each freeze lasts (default 1000)" },
    { "tail-ms", "T", "Bundled server, profile heavy-tail: the slow answers' latency (default 500)" },
    { "tail-rate", "P", "Bundled server, profile heavy-tail: share of slow answers, 0..1 (default 0.02)" },
    { "token-ms", "T", "Bundled server: how long GET /token takes, the once pattern's login (default 200)" },
    { "sweep", "PARAM=V1,V2,...",
      "Run the patterns at each value of one parameter (concurrency, rate, hedge-ms, latency-ms, capacity); "
      "reports the knee, the USL fit and Little's law per point" },
    { "repeat", "K",
      "Run every pattern K times, interleaved, trial i against server seed S+i; medians, 95% intervals and "
      "Mann-Whitney verdicts (4 or more to show a difference; default 1)" },
    { "compare", "FILE",
      "Compare saved runs (--compare A.json B.json ...): differences per pattern, verdicts where trials exist; "
      "sends no requests" },
    { "run-one", "ID", "Internal: run one pattern and stream events to stdout (used by the parent run)" },
};

class Validator
{
public:
    explicit Validator(const QCommandLineParser &parser) : m_parser(parser) { }

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    void fail(const QString &flag, const QString &reason)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("--") + flag + QStringLiteral(": ") + reason;
    }

    void integer(const char *flag, int *target, long long lo, long long hi)
    {
        const QString name = QString::fromLatin1(flag);
        if (!m_parser.isSet(name))
            return;
        const QString text = m_parser.value(name);
        bool ok = false;
        const long long value = text.toLongLong(&ok);
        if (!ok)
            fail(name, QStringLiteral("'%1' is not a whole number").arg(text));
        else if (value < lo || value > hi)
            fail(name, QStringLiteral("%1 is out of range, use %2..%3").arg(text).arg(lo).arg(hi));
        else
            *target = int(value);
    }

    void real(const char *flag, double *target, double lo, double hi)
    {
        const QString name = QString::fromLatin1(flag);
        if (!m_parser.isSet(name))
            return;
        const QString text = m_parser.value(name);
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok)
            fail(name, QStringLiteral("'%1' is not a number").arg(text));
        else if (!(value >= lo && value <= hi))
            fail(name, QStringLiteral("%1 is out of range, use %2..%3").arg(text).arg(lo).arg(hi));
        else
            *target = value;
    }

private:
    const QCommandLineParser &m_parser;
    QString m_error;
};

} // namespace

CliParseResult parseCliArguments(const QStringList &arguments)
{
    CliParseResult result;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setApplicationDescription(
        QStringLiteral("Fires the same N HTTP requests once per concurrency pattern and compares latency, throughput, "
                       "errors, memory and threads.\nExit codes: 0 ran, 2 bad arguments, 3 server unreachable, "
                       "4 bundled server could not start, 5 a pattern failed, 6 interrupted (what ran is written)."));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help"));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Show the version"));
    const QCommandLineOption quiet({ QStringLiteral("q"), QStringLiteral("quiet") },
                                   QStringLiteral("No progress and no report; errors only"));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(quiet);
    for (const Flag &flag : s_flags) {
        QString help = QString::fromLatin1(flag.help);
        if (QByteArrayView(flag.name) == "patterns")
            help += PatternRegistry::ids().join(QStringLiteral(", "));
        if (QByteArrayView(flag.name) == "preset") {
            QStringList keys;
            for (const Presets::Preset &p : Presets::all())
                keys << p.key;
            help += keys.join(QStringLiteral(", "));
        }
        QCommandLineOption option(QString::fromLatin1(flag.name), help, QString::fromLatin1(flag.valueName));
        if (QByteArrayView(flag.name) == "run-one")
            option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
    // The patterns' own flags, from the one table in runconfig.h.
    for (const PatternFlag &flag : patternFlagTable()) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(flag.name),
                                            QStringLiteral("Pattern ") + QString::fromLatin1(flag.help),
                                            QString::fromLatin1(flag.valueName)));
    }
    for (const PatternTextFlag &flag : patternTextFlagTable()) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(flag.name),
                                            QStringLiteral("Pattern ") + QString::fromLatin1(flag.help),
                                            QString::fromLatin1(flag.valueName)));
    }

    if (!parser.parse(arguments)) {
        result.text = parser.errorText() + QStringLiteral(" (see --help)");
        return result;
    }
    if (parser.isSet(help)) {
        result.action = CliParseResult::Action::Help;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = CliParseResult::Action::Version;
        result.text = QStringLiteral("patternlab-cli 0.1.0");
        return result;
    }
    if (!parser.positionalArguments().isEmpty() && !parser.isSet(QStringLiteral("compare"))) {
        result.text = QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first());
        return result;
    }

    CliOptions &o = result.options;
    RunConfig &c = o.config;
    Validator v(parser);
    o.quiet = parser.isSet(quiet);

    c.patterns = PatternRegistry::defaultIds();
    if (parser.isSet(QStringLiteral("preset"))) {
        const QString key = parser.value(QStringLiteral("preset"));
        if (const Presets::Preset *preset = Presets::find(key)) {
            Presets::apply(*preset, &c);
        } else {
            QStringList keys;
            for (const Presets::Preset &p : Presets::all())
                keys << p.key;
            v.fail(QStringLiteral("preset"),
                   QStringLiteral("unknown preset '%1', use %2").arg(key, keys.join(QStringLiteral(", "))));
        }
    }
    if (parser.isSet(QStringLiteral("patterns"))) {
        const QString list = parser.value(QStringLiteral("patterns"));
        if (list == u"all") {
            c.patterns = PatternRegistry::ids();
        } else {
            c.patterns.clear();
            for (const QString &id : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString trimmed = id.trimmed();
                if (c.patterns.contains(trimmed))
                    v.fail(QStringLiteral("patterns"),
                           QStringLiteral("'%1' is listed twice; each pattern runs once per run").arg(trimmed));
                if (!PatternRegistry::ids().contains(trimmed))
                    v.fail(QStringLiteral("patterns"),
                           QStringLiteral("unknown pattern '%1', known: %2, or all")
                               .arg(trimmed, PatternRegistry::ids().join(QLatin1Char(','))));
                c.patterns << trimmed;
            }
            if (c.patterns.isEmpty())
                v.fail(QStringLiteral("patterns"),
                       QStringLiteral("the list is empty, name at least one pattern or all"));
        }
    }
    if (parser.isSet(QStringLiteral("run-one"))) {
        o.runOne = parser.value(QStringLiteral("run-one"));
        if (!PatternRegistry::ids().contains(o.runOne))
            v.fail(QStringLiteral("run-one"), QStringLiteral("unknown pattern '%1'").arg(o.runOne));
        c.patterns = { o.runOne };
    }

    v.integer("requests", &c.requests, 1, 10'000'000);
    v.integer("concurrency", &c.concurrency, 1, 100'000);
    v.integer("timeout-ms", &c.timeoutMs, 1, 600'000);
    v.integer("max-seconds", &c.maxSeconds, 1, 86'400);
    for (const PatternFlag &flag : patternFlagTable()) {
        if (flag.integer) {
            int value = int(flag.get(c));
            v.integer(flag.name, &value, (long long)(flag.min), (long long)(flag.max));
            flag.set(c, value);
        } else {
            double value = flag.get(c);
            v.real(flag.name, &value, flag.min, flag.max);
            flag.set(c, value);
        }
    }
    for (const PatternTextFlag &flag : patternTextFlagTable()) {
        const QString name = QString::fromLatin1(flag.name);
        if (!parser.isSet(name))
            continue;
        const QString why = flag.set(c, parser.value(name));
        if (!why.isEmpty())
            v.fail(name, why);
    }
    if (c.rate.burst > c.rate.maxInFlight)
        v.fail(QStringLiteral("burst"),
               QStringLiteral("%1 is more than --max-in-flight %2: a burst could never start")
                   .arg(c.rate.burst)
                   .arg(c.rate.maxInFlight));

    if (parser.isSet(QStringLiteral("engine"))) {
        const auto engine = engineFromName(parser.value(QStringLiteral("engine")));
        if (engine)
            c.engine = *engine;
        else
            v.fail(QStringLiteral("engine"),
                   QStringLiteral("unknown engine '%1', use qt or curl").arg(parser.value(QStringLiteral("engine"))));
    }

    if (parser.isSet(QStringLiteral("server")) && parser.value(QStringLiteral("server")) != u"bundled")
        v.fail(QStringLiteral("server"), QStringLiteral("only 'bundled' is supported; use --url for another server"));
    if (parser.isSet(QStringLiteral("url"))) {
        if (parser.isSet(QStringLiteral("server")))
            v.fail(QStringLiteral("url"), QStringLiteral("give either --url or --server bundled, not both"));
        const QString text = parser.value(QStringLiteral("url"));
        QUrl url(text, QUrl::StrictMode);
        QString why;
        if (!isLoopbackHttpUrl(url, &why)) {
            v.fail(QStringLiteral("url"), why);
        } else {
            if (url.path().isEmpty() || url.path() == u"/")
                url.setPath(QStringLiteral("/data"));
            c.url = url;
            c.bundledServer = false;
        }
    }

    if (parser.isSet(QStringLiteral("profile"))) {
        const QString profile = parser.value(QStringLiteral("profile"));
        static const QStringList profiles
            = { QStringLiteral("seed"), QStringLiteral("random-walk"), QStringLiteral("fixed"),
                QStringLiteral("zero"), QStringLiteral("stall"),       QStringLiteral("heavy-tail") };
        if (profiles.contains(profile))
            c.server.profile = profile;
        else
            v.fail(QStringLiteral("profile"),
                   QStringLiteral("unknown profile '%1', use %2").arg(profile, profiles.join(QStringLiteral(", "))));
    }
    v.real("latency-ms", &c.server.latencyMs, 0, 300'000);
    v.real("error-rate", &c.server.errorRate, 0, 1);
    v.integer("capacity", &c.server.capacity, 1, 100'000);
    v.integer("max-queue", &c.server.maxQueue, 0, 1'000'000);
    v.real("stall-every-s", &c.server.stallEverySeconds, 0.01, 3600);
    v.real("stall-ms", &c.server.stallMs, 0, 3'600'000);
    v.real("tail-ms", &c.server.tailMs, 0, 300'000);
    v.real("tail-rate", &c.server.tailRate, 0, 1);
    v.real("token-ms", &c.server.tokenMs, 0, 300'000);
    {
        const double every = c.server.stallEverySeconds >= 0 ? c.server.stallEverySeconds : 5;
        const double freeze = c.server.stallMs >= 0 ? c.server.stallMs : 1000;
        if (freeze >= every * 1000)
            v.fail(parser.isSet(QStringLiteral("stall-ms")) ? QStringLiteral("stall-ms")
                                                            : QStringLiteral("stall-every-s"),
                   QStringLiteral("a freeze of %1 ms every %2 s never ends; make the freeze shorter than the period")
                       .arg(freeze)
                       .arg(every));
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        const QString text = parser.value(QStringLiteral("seed"));
        const quint64 seed = text.toULongLong(&ok);
        if (!ok || seed > quint64(std::numeric_limits<qint64>::max()))
            v.fail(QStringLiteral("seed"), QStringLiteral("'%1' is not a whole number 0..2^63-1").arg(text));
        c.seed = seed;
    }
    if (!c.bundledServer) {
        for (const char *flag : { "profile", "latency-ms", "error-rate", "capacity", "max-queue", "stall-every-s",
                                  "stall-ms", "tail-ms", "tail-rate", "token-ms" }) {
            if (parser.isSet(QString::fromLatin1(flag)))
                v.fail(QString::fromLatin1(flag), QStringLiteral("sets the bundled server, which --url does not use"));
        }
    }

    o.jsonPath = parser.value(QStringLiteral("json"));
    o.csvPath = parser.value(QStringLiteral("csv"));
    o.samplesCsvPath = parser.value(QStringLiteral("samples-csv"));
    o.pngDir = parser.value(QStringLiteral("png"));
    // Outputs: named, and each its own file (two outputs on one path would overwrite each other).
    QMap<QString, QString> outputOwners; // absolute path -> flag
    for (const char *flag : { "json", "csv", "samples-csv", "png" }) {
        const QString name = QString::fromLatin1(flag);
        if (!parser.isSet(name))
            continue;
        const QString path = parser.value(name);
        if (path.trimmed().isEmpty()) {
            v.fail(name,
                   QStringLiteral("the file name is empty; give a path, e.g. --%1 run.%2")
                       .arg(name, name == u"png" ? QStringLiteral("d") : QStringLiteral("out")));
            continue;
        }
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (outputOwners.contains(absolute))
            v.fail(name,
                   QStringLiteral("%1 is also the file of --%2; give each output its own file")
                       .arg(path, outputOwners.value(absolute)));
        outputOwners.insert(absolute, name);
    }

    if (parser.isSet(QStringLiteral("sweep"))) {
        ExperimentPlan &plan = o.plan;
        const QString why
            = Experiments::parseSweep(parser.value(QStringLiteral("sweep")), &plan.sweepParam, &plan.values);
        if (!why.isEmpty())
            v.fail(QStringLiteral("sweep"), why);
        else if (Experiments::setsServer(plan.sweepParam) && !c.bundledServer)
            v.fail(QStringLiteral("sweep"),
                   QStringLiteral("%1 sets the bundled server, which --url does not use").arg(plan.sweepParam));
        else if (parser.isSet(plan.sweepParam))
            v.fail(QStringLiteral("sweep"),
                   QStringLiteral("--%1 is set too; the sweep sets it at each value, drop one").arg(plan.sweepParam));
    }
    v.integer("repeat", &o.plan.repeat, 1, Experiments::MaxRepeat);
    if (parser.isSet(QStringLiteral("compare"))) {
        o.compareFiles = parser.values(QStringLiteral("compare")) + parser.positionalArguments();
        if (o.compareFiles.size() < 2)
            v.fail(QStringLiteral("compare"), QStringLiteral("give two or more saved runs: --compare A.json B.json"));
        // Every flag that shapes a run would be silently ignored: refused instead.
        QStringList runFlags;
        for (const Flag &flag : s_flags) {
            const QByteArrayView name(flag.name);
            if (name != "compare" && name != "json" && name != "csv" && name != "png")
                runFlags << QString::fromLatin1(flag.name);
        }
        for (const PatternFlag &flag : patternFlagTable())
            runFlags << QString::fromLatin1(flag.name);
        for (const PatternTextFlag &flag : patternTextFlagTable())
            runFlags << QString::fromLatin1(flag.name);
        for (const QString &flag : std::as_const(runFlags)) {
            if (parser.isSet(flag))
                v.fail(QStringLiteral("compare"),
                       QStringLiteral("reads saved runs and runs nothing; drop --%1").arg(flag));
        }
        // An output on top of an input would replace a saved run with the comparison.
        for (const char *flag : { "json", "csv" }) {
            const QString name = QString::fromLatin1(flag);
            if (!parser.isSet(name))
                continue;
            const QString output = QFileInfo(parser.value(name)).absoluteFilePath();
            for (const QString &input : std::as_const(o.compareFiles)) {
                if (QFileInfo(input).absoluteFilePath() == output)
                    v.fail(name,
                           QStringLiteral("%1 is one of the runs compared; write the comparison to another file")
                               .arg(parser.value(name)));
            }
        }
    }

    if (v.failed()) {
        result.text = v.error();
        return result;
    }
    result.action = CliParseResult::Action::Run;
    return result;
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/experiment.h"

#include <QSet>
#include <algorithm>
#include <cmath>

namespace Experiments {

namespace {
struct ParamRange
{
    const char *name;
    double min;
    double max;
    bool integer;
};
// concurrency, latency-ms and capacity as their CLI flags allow; rate and hedge-ms from the
// pattern flag table.
std::optional<ParamRange> rangeOf(const QString &param)
{
    if (param == u"concurrency")
        return ParamRange { "concurrency", 1, 100'000, true };
    if (param == u"latency-ms")
        return ParamRange { "latency-ms", 0, 300'000, false };
    if (param == u"capacity")
        return ParamRange { "capacity", 1, 100'000, true };
    if (param == u"rate" || param == u"hedge-ms") {
        const PatternFlag *flag = findPatternFlag(param);
        Q_ASSERT(flag);
        return ParamRange { flag->name, flag->min, flag->max, flag->integer };
    }
    return std::nullopt;
}
} // namespace

const QStringList &sweepParams()
{
    static const QStringList params { QStringLiteral("concurrency"), QStringLiteral("rate"), QStringLiteral("hedge-ms"),
                                      QStringLiteral("latency-ms"), QStringLiteral("capacity") };
    return params;
}

bool setsServer(const QString &param)
{
    return param == u"latency-ms" || param == u"capacity";
}

QString apply(RunConfig *config, const QString &param, double value)
{
    const std::optional<ParamRange> range = rangeOf(param);
    if (!range)
        return QStringLiteral("unknown parameter '%1', use %2").arg(param, sweepParams().join(QStringLiteral(", ")));
    if (!(value >= range->min && value <= range->max))
        return QStringLiteral("%1=%2 is out of range, use %3..%4")
            .arg(param)
            .arg(value)
            .arg(range->min)
            .arg(range->max);
    if (range->integer && value != std::round(value))
        return QStringLiteral("%1=%2 is not a whole number").arg(param).arg(value);
    if (param == u"concurrency")
        config->concurrency = int(value);
    else if (param == u"latency-ms")
        config->server.latencyMs = value;
    else if (param == u"capacity")
        config->server.capacity = int(value);
    else
        findPatternFlag(param)->set(*config, value);
    return {};
}

double valueOf(const RunConfig &config, const QString &param)
{
    if (param == u"concurrency")
        return config.concurrency;
    if (param == u"latency-ms")
        return config.server.latencyMs;
    if (param == u"capacity")
        return config.server.capacity;
    const PatternFlag *flag = findPatternFlag(param);
    return flag ? flag->get(config) : 0;
}

QString parseSweep(QStringView text, QString *param, QList<double> *values)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    const QString usage = QStringLiteral("write PARAM=V1,V2,... e.g. concurrency=1,2,4,8");
    if (eq <= 0)
        return QStringLiteral("'%1' names no parameter; %2").arg(text.toString(), usage);
    const QString name = text.left(eq).trimmed().toString();
    if (!rangeOf(name))
        return QStringLiteral("unknown parameter '%1', use %2").arg(name, sweepParams().join(QStringLiteral(", ")));
    QList<double> parsed;
    QSet<double> seen;
    for (QStringView part : text.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok)
            return QStringLiteral("'%1' is not a number; %2").arg(part.trimmed().toString(), usage);
        RunConfig probe;
        if (const QString why = apply(&probe, name, v); !why.isEmpty())
            return why;
        if (seen.contains(v))
            return QStringLiteral("%1=%2 is listed twice; each value runs once").arg(name).arg(v);
        seen.insert(v);
        parsed << v;
    }
    if (parsed.size() < 2)
        return QStringLiteral("a sweep needs at least two values; %1").arg(usage);
    if (parsed.size() > MaxSweepValues)
        return QStringLiteral("%1 values, at most %2").arg(parsed.size()).arg(MaxSweepValues);
    *param = name;
    *values = parsed;
    return {};
}

TrialFigures figures(const PatternSummary &summary)
{
    return { summary.totalTimeS, summary.throughputRps, summary.latencyMs.p99 };
}

const std::array<Metric, 3> &metrics()
{
    static const std::array<Metric, 3> table { {
        { "total_time_s", "total time", "s", &TrialFigures::totalTimeS, false },
        { "throughput_rps", "throughput", "req/s", &TrialFigures::throughputRps, true },
        { "p99_ms", "p99", "ms", &TrialFigures::p99Ms, false },
    } };
    return table;
}

std::vector<double> values(const QList<TrialFigures> &trials, double TrialFigures::*member)
{
    std::vector<double> out;
    out.reserve(std::size_t(trials.size()));
    for (const TrialFigures &t : trials)
        out.push_back(t.*member);
    return out;
}

TrialFigures medianFigures(const PatternResult &result, const PatternSummary &summary)
{
    if (result.trials.isEmpty())
        return figures(summary);
    TrialFigures median;
    for (const Metric &m : metrics())
        median.*m.member = ExperimentStats::median(values(result.trials, m.member));
    return median;
}

QList<Comparison> comparisons(const QList<PatternResult> &results)
{
    QList<Comparison> out;
    for (qsizetype i = 0; i < results.size(); ++i) {
        for (qsizetype j = i + 1; j < results.size(); ++j) {
            const PatternResult &a = results.at(i);
            const PatternResult &b = results.at(j);
            if (a.trials.isEmpty() || b.trials.isEmpty())
                continue;
            for (const Metric &m : metrics()) {
                const std::vector<double> va = values(a.trials, m.member);
                const std::vector<double> vb = values(b.trials, m.member);
                Comparison c;
                c.a = a.id;
                c.b = b.id;
                c.metric = QString::fromLatin1(m.key);
                c.medianA = ExperimentStats::median(va);
                c.medianB = ExperimentStats::median(vb);
                c.pValue = ExperimentStats::mannWhitney(va, vb).pValue;
                c.verdict = ExperimentStats::verdict(va, vb, c.pValue);
                out << c;
            }
        }
    }
    return out;
}

int minTrials(const QList<PatternResult> &results)
{
    int least = 0;
    for (const PatternResult &r : results) {
        if (!r.trials.isEmpty())
            least = least == 0 ? int(r.trials.size()) : std::min(least, int(r.trials.size()));
    }
    return least;
}

QList<QPair<double, TrialFigures>> curve(const Sweep &sweep, const QString &patternId)
{
    QList<QPair<double, TrialFigures>> points;
    for (const SweepPoint &point : sweep.points) {
        for (qsizetype i = 0; i < point.results.size() && i < point.summaries.size(); ++i) {
            if (point.results.at(i).id == patternId)
                points.append({ point.value, medianFigures(point.results.at(i), point.summaries.at(i)) });
        }
    }
    std::sort(points.begin(), points.end(), [](const auto &l, const auto &r) { return l.first < r.first; });
    return points;
}

QMap<QString, Fit> fits(const Sweep &sweep)
{
    QMap<QString, Fit> out;
    QStringList ids;
    for (const SweepPoint &point : sweep.points) {
        for (const PatternResult &r : point.results) {
            if (!ids.contains(r.id))
                ids << r.id;
        }
    }
    for (const QString &id : ids) {
        const auto points = curve(sweep, id);
        std::vector<double> x;
        std::vector<double> throughput;
        std::vector<double> p99;
        for (const auto &[value, f] : points) {
            x.push_back(value);
            throughput.push_back(f.throughputRps);
            p99.push_back(f.p99Ms);
        }
        Fit fit;
        const bool used = std::any_of(sweep.points.begin(), sweep.points.end(), [&](const SweepPoint &p) {
            return std::any_of(p.results.begin(), p.results.end(),
                               [&](const PatternResult &r) { return r.id == id && usesParam(r, sweep.param); });
        });
        fit.usesParam = used;
        if (sweep.param == u"concurrency" && used)
            fit.usl = ExperimentStats::fitUsl(x, throughput);
        // A pattern that ignores the parameter has no knee in it, whatever its noise does.
        const auto at = used ? ExperimentStats::knee(x, p99) : std::nullopt;
        if (at)
            fit.knee = x[*at];
        out.insert(id, fit);
    }
    return out;
}

bool usesParam(const PatternResult &result, const QString &param)
{
    return setsServer(param) || result.params.contains(RunConfig::flagKey(param));
}

std::optional<ExperimentStats::LittleCheck> little(const PatternResult &result, const PatternSummary &summary)
{
    const std::optional<double> sampled = result.note(u"inflight.sampled_mean");
    if (!sampled || summary.totalTimeS < MinLittleSeconds)
        return std::nullopt;
    return ExperimentStats::LittleCheck { *sampled, summary.throughputRps * summary.latencyMs.mean / 1000.0 };
}

QString verdictNamed(const QString &verdict, const QString &nameA, const QString &nameB)
{
    if (verdict == u"a lower")
        return nameA + QStringLiteral(" lower");
    if (verdict == u"b lower")
        return nameB + QStringLiteral(" lower");
    return verdict;
}

PredictionOutcome predictionOutcome(const RunData &run)
{
    PredictionOutcome outcome;
    double fastest = 0;
    std::int64_t most = -1;
    for (qsizetype i = 0; i < run.results.size() && i < run.summaries.size(); ++i) {
        const PatternResult &r = run.results.at(i);
        if (r.outcome != PatternResult::Outcome::Finished)
            continue;
        const double time = medianFigures(r, run.summaries.at(i)).totalTimeS;
        if (outcome.firstToFinish.isEmpty() || time < fastest) {
            outcome.firstToFinish = r.id;
            fastest = time;
        }
        if (r.resources.peakRssBytes > most) {
            outcome.mostMemory = r.id;
            most = r.resources.peakRssBytes;
        }
    }
    return outcome;
}

QList<RunDifference> compareRuns(const QList<RunData> &runs)
{
    QStringList ids;
    for (const RunData &run : runs) {
        for (const PatternResult &r : run.results) {
            if (!ids.contains(r.id))
                ids << r.id;
        }
    }
    QList<RunDifference> out;
    for (const QString &id : ids) {
        for (const Metric &m : metrics()) {
            RunDifference d;
            d.pattern = id;
            d.metric = QString::fromLatin1(m.key);
            const PatternResult *first = nullptr;
            for (const RunData &run : runs) {
                const qsizetype i = run.indexOf(id);
                if (i < 0 || i >= run.summaries.size()) {
                    d.values << std::nullopt;
                    d.changePercent << std::nullopt;
                    d.pValues << std::nullopt;
                    d.verdicts << QString();
                    continue;
                }
                const PatternResult &result = run.results.at(i);
                const double value = medianFigures(result, run.summaries.at(i)).*m.member;
                if (&run == &runs.first())
                    first = &result;
                d.values << value;
                const std::optional<double> base = d.values.first();
                d.changePercent << (base && *base != 0 ? std::optional(100.0 * (value - *base) / *base) : std::nullopt);
                if (first && first != &result && !first->trials.isEmpty() && !result.trials.isEmpty()) {
                    const std::vector<double> a = values(first->trials, m.member);
                    const std::vector<double> b = values(result.trials, m.member);
                    const double p = ExperimentStats::mannWhitney(a, b).pValue;
                    d.pValues << p;
                    d.verdicts << ExperimentStats::verdict(a, b, p);
                } else {
                    d.pValues << std::nullopt;
                    d.verdicts << QString();
                }
            }
            out << d;
        }
    }
    return out;
}

} // namespace Experiments

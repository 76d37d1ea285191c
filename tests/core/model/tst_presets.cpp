// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/presets.h"

#include <QTest>

// Each preset says after its run whether its lesson showed, with the figures; the check
// itself is tested here on made-up results (bench/presets.sh measures the real runs).
class TestPresets : public QObject
{
    Q_OBJECT

    static RunData runOf(const char *preset, const QList<std::pair<QString, PatternSummary>> &patterns)
    {
        RunData run;
        Presets::apply(*Presets::find(QString::fromLatin1(preset)), &run.config);
        for (const auto &[id, summary] : patterns) {
            PatternResult r;
            r.id = id;
            r.requests = summary.requests;
            run.results.append(r);
            run.summaries.append(summary);
        }
        return run;
    }
    static PatternSummary summary(double totalS, double rps = 0, int shed = 0)
    {
        PatternSummary s;
        s.requests = 600;
        s.totalTimeS = totalS;
        s.throughputRps = rps;
        if (shed)
            s.statusCounts.insert(503, shed);
        return s;
    }

private Q_SLOTS:
    void everyPresetIsComplete()
    {
        QVERIFY(Presets::all().size() >= 4);
        for (const Presets::Preset &p : Presets::all()) {
            QVERIFY(!p.name.isEmpty() && !p.lesson.isEmpty() && !p.patterns.isEmpty());
            QCOMPARE(Presets::find(p.key), &p);
            RunConfig c;
            c.engine = Engine::Curl;
            c.seed = 9;
            Presets::apply(p, &c);
            QCOMPARE(c.preset, p.key);
            QCOMPARE(c.patterns, p.patterns);
            QCOMPARE(c.engine, Engine::Curl); // kept
            QCOMPARE(c.seed, std::optional<quint64>(9));
        }
        QVERIFY(!Presets::find(u"nope"));
    }

    void classroom()
    {
        const int c = Presets::find(u"classroom")->config.concurrency;
        auto shown = Presets::check(runOf("classroom",
                                          { { QStringLiteral("sequential"), summary(6.0) },
                                            { QStringLiteral("fanout"), summary(6.0 / (0.7 * c)) } }));
        QVERIFY(shown && shown->shown);
        QVERIFY2(shown->text.contains(QStringLiteral("sooner")), qPrintable(shown->text));
        auto missed = Presets::check(
            runOf("classroom",
                  { { QStringLiteral("sequential"), summary(6.0) }, { QStringLiteral("fanout"), summary(1.2) } }));
        QVERIFY(missed && !missed->shown);
        QVERIFY2(missed->text.contains(QStringLiteral("only 5.0×")), qPrintable(missed->text));
    }

    void overloadNeedsA503PerPool()
    {
        auto shown = Presets::check(runOf(
            "overload",
            { { QStringLiteral("fanout"), summary(1, 0, 12) }, { QStringLiteral("backpressure"), summary(1, 0, 3) } }));
        QVERIFY(shown && shown->shown);
        auto missed = Presets::check(runOf(
            "overload",
            { { QStringLiteral("fanout"), summary(1, 0, 12) }, { QStringLiteral("backpressure"), summary(1, 0, 0) } }));
        QVERIFY(missed && !missed->shown);
        QVERIFY2(missed->text.contains(QStringLiteral("backpressure 0")), qPrintable(missed->text));
    }

    void backpressureNeedsBlockedSendsAndLowerRate()
    {
        RunData run = runOf(
            "backpressure",
            { { QStringLiteral("fanout"), summary(1, 4000) }, { QStringLiteral("backpressure"), summary(2, 2000) } });
        auto missed = Presets::check(run); // no blocked sends recorded
        QVERIFY(missed && !missed->shown);
        run.results[1].notes.append({ QStringLiteral("backpressure.blocked_sends"), 300 });
        auto shown = Presets::check(run);
        QVERIFY(shown && shown->shown);
    }

    void asyncNeedsFewerThreadsAndTheSamePace()
    {
        RunData run = runOf(
            "async", { { QStringLiteral("fanout"), summary(1, 1400) }, { QStringLiteral("async"), summary(1, 1350) } });
        run.results[0].resources.threadsPeak = 36;
        run.results[1].resources.threadsPeak = 3;
        auto shown = Presets::check(run);
        QVERIFY(shown && shown->shown);
        QVERIFY2(shown->text.contains(QStringLiteral("on 3 threads")), qPrintable(shown->text));
        run.results[1].resources.threadsPeak = 20; // a thread per request in disguise
        QVERIFY(!Presets::check(run)->shown);
        run.results[1].resources.threadsPeak = 3;
        run.summaries[1].throughputRps = 500; // few threads, but slow
        QVERIFY(!Presets::check(run)->shown);
    }

    void stallNeedsTheWaitInLine()
    {
        PatternSummary pool = summary(5), open = summary(5);
        pool.latencyMs.p99 = 7;
        open.latencyMs.p99 = 7; // the service time hides the freeze...
        open.latencyFromIntendedMs.p99 = 480; // ...the wait from the planned start does not
        RunData run = runOf("stall", { { QStringLiteral("fanout"), pool }, { QStringLiteral("ratelimit"), open } });
        auto shown = Presets::check(run);
        QVERIFY(shown && shown->shown);
        QVERIFY2(shown->text.contains(QStringLiteral("480 ms")), qPrintable(shown->text));
        run.summaries[1].latencyFromIntendedMs.p99 = 9; // the schedule never met a freeze
        QVERIFY(!Presets::check(run)->shown);
    }

    void deadlineNeedsAbortsAndUnsentJobs()
    {
        PatternSummary bounded = summary(1);
        bounded.requests = 2000;
        bounded.sent = 700;
        bounded.aborted = 15;
        RunData run
            = runOf("deadline", { { QStringLiteral("fanout"), summary(3) }, { QStringLiteral("deadline"), bounded } });
        auto shown = Presets::check(run);
        QVERIFY(shown && shown->shown);
        QVERIFY2(shown->text.contains(QStringLiteral("15 requests aborted in flight, 1300 never sent")),
                 qPrintable(shown->text));
        run.summaries[1].sent = 2000; // the run ended before its deadline
        run.summaries[1].aborted = 0;
        QVERIFY(!Presets::check(run)->shown);
    }

    void tailNeedsHalfTheP99ForFewExtraRequests()
    {
        PatternSummary pool = summary(1), hedged = summary(1);
        pool.latencyMs.p99 = 500;
        hedged.latencyMs.p99 = 13;
        hedged.requests = 2000;
        hedged.extraSent = 60; // 3 %
        RunData run = runOf("tail", { { QStringLiteral("fanout"), pool }, { QStringLiteral("hedged"), hedged } });
        auto shown = Presets::check(run);
        QVERIFY(shown && shown->shown);
        run.summaries[1].extraSent = 400; // 20 %: too dear
        QVERIFY(!Presets::check(run)->shown);
        run.summaries[1].extraSent = 60;
        run.summaries[1].latencyMs.p99 = 300; // not half
        QVERIFY(!Presets::check(run)->shown);
    }

    void pipelineNeedsAFullBufferBeforeTheSlowStage()
    {
        PatternSummary pool = summary(1.4, 1100), stages = summary(5, 300);
        RunData run = runOf("pipeline", { { QStringLiteral("fanout"), pool }, { QStringLiteral("pipeline"), stages } });
        run.results[1].notes
            = { { QStringLiteral("stage.parse.max_queue"), 15 }, { QStringLiteral("stage.fetch.blocked_s"), 80 } };
        auto shown = Presets::check(run);
        QVERIFY(shown && shown->shown);
        QVERIFY2(shown->text.contains(QStringLiteral("300 req/s")), qPrintable(shown->text));
        run.results[1].notes[0].second = 4; // the parse buffer never filled
        QVERIFY(!Presets::check(run)->shown);
    }

    void onceNeedsOneLogin()
    {
        RunData run
            = runOf("once", { { QStringLiteral("fanout"), summary(1) }, { QStringLiteral("once"), summary(1.5) } });
        run.results[1].notes = { { QStringLiteral("once.logins"), 1 } };
        run.results[1].server.valid = true;
        run.results[1].server.tokensIssued = 1;
        QVERIFY(Presets::check(run)->shown);
        run.results[1].server.tokensIssued = 3; // the server saw more logins than the client counted
        QVERIFY(!Presets::check(run)->shown);
        run.results[1].server.tokensIssued = 1;
        run.results[1].notes = { { QStringLiteral("once.logins"), 15 } };
        QVERIFY(!Presets::check(run)->shown);
    }

    void breakerNeedsHalfTheFailures()
    {
        PatternSummary pool = summary(4), guarded = summary(6);
        pool.errors = 90;
        guarded.errors = 37; // 30 failed, 7 rejected
        guarded.requests = 600;
        guarded.sent = 593;
        RunData run = runOf("breaker", { { QStringLiteral("fanout"), pool }, { QStringLiteral("cond"), guarded } });
        run.results[1].notes
            = { { QStringLiteral("breaker.held_back"), 32 }, { QStringLiteral("breaker.open_s"), 2.4 } };
        auto shown = Presets::check(run);
        QVERIFY(shown && shown->shown);
        QVERIFY2(shown->text.contains(QStringLiteral(
                     "30 requests failed and 7 were rejected (never sent) against the pool's 90 failed")),
                 qPrintable(shown->text));
        run.summaries[1].errors = 60; // not half
        QVERIFY(!Presets::check(run)->shown);
    }

    void saysWhoseLimitItWas()
    {
        PatternResult r;
        r.server.valid = true;
        r.server.cpuPercentPeak = 97;
        QVERIFY(Presets::saturation(r).contains(QStringLiteral("server was saturated")));
        r.server.cpuPercentPeak = 40;
        QVERIFY(Presets::saturation(r).isEmpty());
    }

    void customRunsAreNotChecked()
    {
        RunData run;
        QVERIFY(!Presets::check(run));
    }
};

QTEST_GUILESS_MAIN(TestPresets)
#include "tst_presets.moc"

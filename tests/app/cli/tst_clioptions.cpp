// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "clioptions.h"
#include "model/runconfig.h"
#include "patterns/registry.h"

#include <QTest>

class TestCliOptions : public QObject
{
    Q_OBJECT
    static CliParseResult parse(const QStringList &args)
    {
        return parseCliArguments(QStringList { QStringLiteral("patternlab-cli") } + args);
    }

private Q_SLOTS:
    void defaultsAreTheOriginals()
    {
        const auto r = parse({});
        QCOMPARE(r.action, CliParseResult::Action::Run);
        const RunConfig &c = r.options.config;
        QCOMPARE(c.requests, 7500);
        QCOMPARE(c.concurrency, 15);
        QCOMPARE(c.timeoutMs, 10000);
        QCOMPARE(c.engine, Engine::Qt);
        QVERIFY(c.bundledServer);
        QCOMPARE(c.server.profile, QStringLiteral("seed"));
        QCOMPARE(c.patterns, PatternRegistry::defaultIds());
        QVERIFY(!c.seed.has_value());
    }

    void validFlags()
    {
        const auto r = parse({ QStringLiteral("--patterns"), QStringLiteral("fanout,sequential"),
                               QStringLiteral("--requests=20"), QStringLiteral("--concurrency"), QStringLiteral("3"),
                               QStringLiteral("--engine"), QStringLiteral("curl"), QStringLiteral("--url"),
                               QStringLiteral("http://127.0.0.1:5000"), QStringLiteral("--seed"), QStringLiteral("42"),
                               QStringLiteral("--quiet") });
        QCOMPARE(r.action, CliParseResult::Action::Run);
        const RunConfig &c = r.options.config;
        QCOMPARE(c.patterns, QStringList({ QStringLiteral("fanout"), QStringLiteral("sequential") }));
        QCOMPARE(c.requests, 20);
        QCOMPARE(c.concurrency, 3);
        QCOMPARE(c.engine, Engine::Curl);
        QVERIFY(!c.bundledServer);
        QCOMPARE(c.url.toString(), QStringLiteral("http://127.0.0.1:5000/data")); // /data added
        QCOMPARE(c.seed, std::optional<quint64>(42));
        QVERIFY(r.options.quiet);
    }

    void childArgumentsRoundTrip()
    {
        RunConfig c;
        c.requests = 77;
        c.concurrency = 4;
        c.timeoutMs = 1234;
        c.maxSeconds = 60;
        c.engine = Engine::Curl;
        c.url = QUrl(QStringLiteral("http://127.0.0.1:9/data"));
        c.backpressure = { 50, 7, 2, 3, 20 };
        const auto r = parse(c.childArguments(QStringLiteral("backpressure")));
        QCOMPARE(r.action, CliParseResult::Action::Run);
        QCOMPARE(r.options.runOne, QStringLiteral("backpressure"));
        const RunConfig &p = r.options.config;
        QCOMPARE(p.requests, 77);
        QCOMPARE(p.concurrency, 4);
        QCOMPARE(p.timeoutMs, 1234);
        QCOMPARE(p.maxSeconds, 60);
        QCOMPARE(p.engine, Engine::Curl);
        QCOMPARE(p.url, c.url);
        QVERIFY(p.backpressure == c.backpressure);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("flag");
        QTest::addRow("requests zero") << QStringList { QStringLiteral("--requests"), QStringLiteral("0") }
                                       << QStringLiteral("--requests");
        QTest::addRow("requests negative")
            << QStringList { QStringLiteral("--requests=-5") } << QStringLiteral("--requests");
        QTest::addRow("requests text") << QStringList { QStringLiteral("--requests"), QStringLiteral("lots") }
                                       << QStringLiteral("--requests");
        QTest::addRow("concurrency zero")
            << QStringList { QStringLiteral("--concurrency"), QStringLiteral("0") } << QStringLiteral("--concurrency");
        QTest::addRow("concurrency text") << QStringList { QStringLiteral("--concurrency"), QStringLiteral("1.5") }
                                          << QStringLiteral("--concurrency");
        QTest::addRow("timeout zero") << QStringList { QStringLiteral("--timeout-ms"), QStringLiteral("0") }
                                      << QStringLiteral("--timeout-ms");
        QTest::addRow("unknown pattern") << QStringList { QStringLiteral("--patterns"), QStringLiteral("fanout,turbo") }
                                         << QStringLiteral("--patterns");
        QTest::addRow("empty patterns") << QStringList { QStringLiteral("--patterns"), QStringLiteral(",") }
                                        << QStringLiteral("--patterns");
        QTest::addRow("engine") << QStringList { QStringLiteral("--engine"), QStringLiteral("go") }
                                << QStringLiteral("--engine");
        QTest::addRow("malformed url") << QStringList { QStringLiteral("--url"), QStringLiteral("http//nope") }
                                       << QStringLiteral("--url");
        QTest::addRow("https url") << QStringList { QStringLiteral("--url"), QStringLiteral("ftp://127.0.0.1/") }
                                   << QStringLiteral("--url");
        QTest::addRow("remote url") << QStringList { QStringLiteral("--url"), QStringLiteral("http://10.1.2.3/data") }
                                    << QStringLiteral("--url");
        QTest::addRow("profile") << QStringList { QStringLiteral("--profile"), QStringLiteral("fast") }
                                 << QStringLiteral("--profile");
        QTest::addRow("error rate") << QStringList { QStringLiteral("--error-rate"), QStringLiteral("1.5") }
                                    << QStringLiteral("--error-rate");
        QTest::addRow("latency") << QStringList { QStringLiteral("--latency-ms"), QStringLiteral("-1") }
                                 << QStringLiteral("--latency-ms");
        QTest::addRow("seed") << QStringList { QStringLiteral("--seed"), QStringLiteral("x") }
                              << QStringLiteral("--seed");
        QTest::addRow("server") << QStringList { QStringLiteral("--server"), QStringLiteral("remote") }
                                << QStringLiteral("--server");
        QTest::addRow("profile with url")
            << QStringList { QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1/"),
                             QStringLiteral("--profile"), QStringLiteral("zero") }
            << QStringLiteral("--profile");
        QTest::addRow("unknown flag") << QStringList { QStringLiteral("--turbo") } << QStringLiteral("turbo");
        QTest::addRow("missing value") << QStringList { QStringLiteral("--requests") } << QStringLiteral("requests");
        QTest::addRow("positional") << QStringList { QStringLiteral("fanout") } << QStringLiteral("fanout");
        // Every pattern flag: below its minimum, above its maximum, not a number.
        for (const PatternFlag &flag : patternFlagTable()) {
            const QString name = QString::fromLatin1(flag.name);
            const QString dashed = QStringLiteral("--") + name;
            QTest::addRow("%s below min", flag.name) << QStringList { dashed, QString::number(flag.min - 1) } << name;
            QTest::addRow("%s above max", flag.name)
                << QStringList { dashed, QString::number(flag.max * 2 + 1) } << name;
            QTest::addRow("%s text", flag.name) << QStringList { dashed, QStringLiteral("soon") } << name;
        }
        QTest::addRow("burst above max-in-flight")
            << QStringList { QStringLiteral("--burst"), QStringLiteral("50"), QStringLiteral("--max-in-flight"),
                             QStringLiteral("10") }
            << QStringLiteral("burst");
        QTest::addRow("tail-rate") << QStringList { QStringLiteral("--tail-rate"), QStringLiteral("2") }
                                   << QStringLiteral("tail-rate");
        QTest::addRow("token-ms negative")
            << QStringList { QStringLiteral("--token-ms"), QStringLiteral("-1") } << QStringLiteral("token-ms");
        for (const char *bad : { "fetch", "fetch=x", "fetch=-1", "parse=0", "aggregate=2", "sort=3", "fetch=99999" })
            QTest::addRow("stages %s", bad)
                << QStringList { QStringLiteral("--stages"), QString::fromLatin1(bad) } << QStringLiteral("stages");
        QTest::addRow("once-mode") << QStringList { QStringLiteral("--once-mode"), QStringLiteral("twice") }
                                   << QStringLiteral("once-mode");
        // Experiments.
        for (const char *bad : { "concurrency", "=1,2", "threads=1,2", "concurrency=1", "concurrency=1,x",
                                 "concurrency=0,4", "concurrency=1.5,2", "concurrency=2,2", "rate=0,10" })
            QTest::addRow("sweep %s", bad)
                << QStringList { QStringLiteral("--sweep"), QString::fromLatin1(bad) } << QStringLiteral("--sweep");
        QTest::addRow("sweep and its flag")
            << QStringList { QStringLiteral("--sweep"), QStringLiteral("concurrency=1,2"),
                             QStringLiteral("--concurrency"), QStringLiteral("4") }
            << QStringLiteral("--sweep");
        QTest::addRow("sweep server with url")
            << QStringList { QStringLiteral("--sweep"), QStringLiteral("capacity=1,2"), QStringLiteral("--url"),
                             QStringLiteral("http://127.0.0.1:1/") }
            << QStringLiteral("--sweep");
        QTest::addRow("repeat zero") << QStringList { QStringLiteral("--repeat"), QStringLiteral("0") }
                                     << QStringLiteral("--repeat");
        QTest::addRow("repeat text") << QStringList { QStringLiteral("--repeat"), QStringLiteral("many") }
                                     << QStringLiteral("--repeat");
        QTest::addRow("compare one file")
            << QStringList { QStringLiteral("--compare"), QStringLiteral("a.json") } << QStringLiteral("--compare");
        QTest::addRow("compare and repeat")
            << QStringList { QStringLiteral("--compare"), QStringLiteral("a.json"), QStringLiteral("b.json"),
                             QStringLiteral("--repeat"), QStringLiteral("3") }
            << QStringLiteral("--compare");
        QTest::addRow("compare and a run flag")
            << QStringList { QStringLiteral("--compare"), QStringLiteral("a.json"), QStringLiteral("b.json"),
                             QStringLiteral("--engine"), QStringLiteral("curl") }
            << QStringLiteral("--engine");
        QTest::addRow("compare onto an input")
            << QStringList { QStringLiteral("--compare"), QStringLiteral("a.json"), QStringLiteral("b.json"),
                             QStringLiteral("--json"), QStringLiteral("b.json") }
            << QStringLiteral("--json");
        QTest::addRow("stall longer than its period")
            << QStringList { QStringLiteral("--profile"),       QStringLiteral("stall"),
                             QStringLiteral("--stall-every-s"), QStringLiteral("1"),
                             QStringLiteral("--stall-ms"),      QStringLiteral("1500") }
            << QStringLiteral("stall");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, flag);
        const auto r = parse(args);
        QCOMPARE(r.action, CliParseResult::Action::Error);
        QVERIFY2(r.text.contains(flag), qPrintable(r.text));
        QVERIFY2(!r.text.contains(QLatin1Char('\n')), "the error must be one line");
    }

    void experimentFlags()
    {
        auto r = parse({ QStringLiteral("--sweep"), QStringLiteral("concurrency=1, 4,16"), QStringLiteral("--repeat"),
                         QStringLiteral("5") });
        QCOMPARE(r.action, CliParseResult::Action::Run);
        QCOMPARE(r.options.plan.sweepParam, QStringLiteral("concurrency"));
        QCOMPARE(r.options.plan.values, (QList<double> { 1, 4, 16 }));
        QCOMPARE(r.options.plan.repeat, 5);
        QCOMPARE(r.options.plan.steps(), 15);
        r = parse({ QStringLiteral("--sweep"), QStringLiteral("hedge-ms=0,2.5,10") });
        QCOMPARE(r.action, CliParseResult::Action::Run);
        QCOMPARE(r.options.plan.values, (QList<double> { 0, 2.5, 10 }));
        QCOMPARE(r.options.plan.repeat, 1);
        r = parse({ QStringLiteral("--compare"), QStringLiteral("a.json"), QStringLiteral("b.json"),
                    QStringLiteral("c.json") });
        QCOMPARE(r.action, CliParseResult::Action::Run);
        QCOMPARE(r.options.compareFiles,
                 (QStringList { QStringLiteral("a.json"), QStringLiteral("b.json"), QStringLiteral("c.json") }));
        QVERIFY(!r.options.plan.isExperiment());
        QVERIFY(parse({ QStringLiteral("--help") }).text.contains(QStringLiteral("--sweep")));
    }

    // The text flags: what they set, in any order, and back to the same text.
    void textFlagsParse()
    {
        const auto r = parse({ QStringLiteral("--stages"), QStringLiteral("parse=3, fetch=6"),
                               QStringLiteral("--once-mode"), QStringLiteral("naive") });
        QCOMPARE(r.action, CliParseResult::Action::Run);
        QCOMPARE(r.options.config.pipeline.fetchWorkers, 6);
        QCOMPARE(r.options.config.pipeline.parseWorkers, 3);
        QCOMPARE(r.options.config.onceMode, OnceMode::Naive);
        const QStringList child = r.options.config.childArguments(QStringLiteral("pipeline"));
        QVERIFY(child.contains(QStringLiteral("fetch=6,parse=3,aggregate=1")));
        QCOMPARE(child.at(child.indexOf(QStringLiteral("--once-mode")) + 1), QStringLiteral("naive"));
    }

    void helpListsTheFlags()
    {
        const auto r = parse({ QStringLiteral("--help") });
        QCOMPARE(r.action, CliParseResult::Action::Help);
        for (const char *flag : { "--patterns", "--requests", "--concurrency", "--timeout-ms", "--engine", "--url",
                                  "--profile", "--seed", "--json", "--csv", "--samples-csv", "--quiet",
                                  "--stall-every-s", "--stall-ms", "--tail-ms", "--tail-rate" })
            QVERIFY2(r.text.contains(QLatin1String(flag)), flag);
        for (const PatternFlag &flag : patternFlagTable())
            QVERIFY2(r.text.contains(QStringLiteral("--") + QLatin1String(flag.name)), flag.name);
        for (const PatternTextFlag &flag : patternTextFlagTable())
            QVERIFY2(r.text.contains(QStringLiteral("--") + QLatin1String(flag.name)), flag.name);
        QVERIFY(r.text.contains(QLatin1String("--token-ms")));
        for (const QString &id : PatternRegistry::ids())
            QVERIFY2(r.text.contains(id), qPrintable(id));
        QVERIFY(!r.text.contains(QLatin1String("--run-one"))); // internal
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"

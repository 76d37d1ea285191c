// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/registry.h"
#include "testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

// patternlab-cli end to end, as a user runs it.
class TestCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(PATTERNLAB_CLI), args);
        Run run;
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished();
            run.err = QStringLiteral("timed out");
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

private Q_SLOTS:
    void badArgumentsExitTwoBeforeAnyRequest_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("requests") << QStringList { QStringLiteral("--requests"), QStringLiteral("0") };
        QTest::addRow("concurrency") << QStringList { QStringLiteral("--concurrency"), QStringLiteral("-3") };
        QTest::addRow("pattern") << QStringList { QStringLiteral("--patterns"), QStringLiteral("nope") };
        QTest::addRow("engine") << QStringList { QStringLiteral("--engine"), QStringLiteral("java") };
        QTest::addRow("json folder missing")
            << QStringList { QStringLiteral("--json"), QStringLiteral("/nonexistent/dir/run.json") };
        QTest::addRow("csv is a folder") << QStringList { QStringLiteral("--csv"), QStringLiteral("/tmp") };
        QTest::addRow("json empty") << QStringList { QStringLiteral("--json"), QString() };
        QTest::addRow("json under a file")
            << QStringList { QStringLiteral("--json"), QStringLiteral(PATTERNLAB_CLI "/run.json") };
        QTest::addRow("one file, two outputs")
            << QStringList { QStringLiteral("--json"), QStringLiteral("/tmp/pl-same.out"), QStringLiteral("--csv"),
                             QStringLiteral("/tmp/pl-same.out") };
        QTest::addRow("pattern twice") << QStringList { QStringLiteral("--patterns"), QStringLiteral("fanout,fanout") };
        QTest::addRow("sweep no pattern uses")
            << QStringList { QStringLiteral("--patterns"), QStringLiteral("fanout"), QStringLiteral("--sweep"),
                             QStringLiteral("rate=100,200") };
        QTest::addRow("sweep latency on zero")
            << QStringList { QStringLiteral("--profile"), QStringLiteral("zero"), QStringLiteral("--sweep"),
                             QStringLiteral("latency-ms=1,5") };
    }

    void badArgumentsExitTwoBeforeAnyRequest()
    {
        QFETCH(QStringList, args);
        TestHttpServer server;
        QVERIFY(server.start());
        const Run run = cli(args + QStringList { QStringLiteral("--url"), server.url().toString() });
        QCOMPARE(run.exitCode, 2);
        const QStringList lines = run.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().startsWith(QLatin1String("patternlab-cli: --")), qPrintable(run.err));
        QCOMPARE(server.requestCount(), 0);
    }

    // `--patterns all`: the eight patterns with each engine, each request answered once, and
    // the Turn 2 fields in every result.
    void allPatternsRunWithBothEngines_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addRow("qt") << QStringLiteral("qt");
        QTest::addRow("curl") << QStringLiteral("curl");
    }
    void allPatternsRunWithBothEngines()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 2 }; }));
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("all.json"));
        const Run run = cli({ QStringLiteral("--url"), server.url().toString(), QStringLiteral("--patterns"),
                              QStringLiteral("all"), QStringLiteral("--requests"), QStringLiteral("40"),
                              QStringLiteral("--concurrency"), QStringLiteral("4"), QStringLiteral("--engine"), engine,
                              QStringLiteral("--rate"), QStringLiteral("400"), QStringLiteral("--hedge-ms"),
                              QStringLiteral("1000"), QStringLiteral("--json"), json, QStringLiteral("--quiet") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray results = readJson(json).value(QStringLiteral("results")).toArray();
        QStringList ids;
        for (const QJsonValue &value : results) {
            const QJsonObject r = value.toObject();
            const QString id = r.value(QStringLiteral("pattern")).toString();
            ids << id;
            QCOMPARE(r.value(QStringLiteral("ok")).toInt(), 40);
            QCOMPARE(r.value(QStringLiteral("cancelled")).toInt(-1), 0);
            QCOMPARE(r.value(QStringLiteral("aborted_in_flight")).toInt(-1), 0);
            for (const char *key : { "late", "hedges", "hedge_wins", "extra_requests_pct", "params",
                                     "latency_from_intended_ms", "late_ms", "stages", "breaker" })
                QVERIFY2(r.contains(QLatin1String(key)), key);
        }
        QCOMPARE(ids, PatternRegistry::ids());
        // Every request once; no hedge at 2 ms answers and a 1 s delay, no probe without
        // failures; plus the once pattern's one login (GET /token).
        QCOMPARE(server.requestCount(), int(ids.size()) * 40 + 1);
    }

    // The circuit breaker's report says what it did: opened, for how long, held back, rejected;
    // its rejected requests are its outcome, not a stop.
    void breakerReportsWhatItHeldBack()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int index, const QByteArray &) {
            return TestHttpServer::Response { index < 10 ? 500 : 200, 1, false };
        }));
        const Run run = cli({ QStringLiteral("--url"), server.url().toString(), QStringLiteral("--patterns"),
                              QStringLiteral("cond"), QStringLiteral("--requests"), QStringLiteral("60"),
                              QStringLiteral("--concurrency"), QStringLiteral("2"), QStringLiteral("--breaker-errors"),
                              QStringLiteral("5"), QStringLiteral("--breaker-cooldown-ms"), QStringLiteral("20") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("Circuit breaker:  opened 1 times")), qPrintable(run.out));
        QVERIFY(!run.out.contains(QLatin1String("STOPPED")));
    }

    void runsAgainstAServerAndWritesTheContract()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int index, const QByteArray &) {
            return TestHttpServer::Response { index % 5 == 0 ? 500 : 200, 1, false };
        }));
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("run.json"));
        const QString csv = dir.filePath(QStringLiteral("run.csv"));
        const QString samples = dir.filePath(QStringLiteral("samples.csv"));
        const Run run = cli({ QStringLiteral("--url"), server.url().toString(), QStringLiteral("--requests"),
                              QStringLiteral("30"), QStringLiteral("--concurrency"), QStringLiteral("3"),
                              QStringLiteral("--json"), json, QStringLiteral("--csv"), csv,
                              QStringLiteral("--samples-csv"), samples });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // The report in the original's spirit, then the comparison.
        for (const char *text : { "Average latency", "Total time", "Status codes", "Memory", "=== Comparison ===" })
            QVERIFY2(run.out.contains(QLatin1String(text)), text);

        const QJsonObject root = readJson(json);
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
        const QJsonObject config = root.value(QStringLiteral("config")).toObject();
        QCOMPARE(config.value(QStringLiteral("requests")).toInt(), 30);
        QCOMPARE(config.value(QStringLiteral("concurrency")).toInt(), 3);
        QCOMPARE(config.value(QStringLiteral("timeout_ms")).toInt(), 10000);
        QCOMPARE(config.value(QStringLiteral("engine")).toString(), QStringLiteral("qt"));
        QCOMPARE(config.value(QStringLiteral("url")).toString(), server.url().toString());
        const QJsonArray results = root.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 4);
        QStringList ids;
        int total500 = 0;
        for (const QJsonValue &value : results) {
            const QJsonObject r = value.toObject();
            ids << r.value(QStringLiteral("pattern")).toString();
            QVERIFY(!r.value(QStringLiteral("title")).toString().isEmpty());
            QCOMPARE(r.value(QStringLiteral("requests")).toInt(), 30);
            const int ok = r.value(QStringLiteral("ok")).toInt();
            const int errors = r.value(QStringLiteral("errors")).toInt();
            QCOMPARE(ok + errors, 30);
            const QJsonObject statuses = r.value(QStringLiteral("status_counts")).toObject();
            QCOMPARE(statuses.value(QStringLiteral("200")).toInt(), ok);
            total500 += statuses.value(QStringLiteral("500")).toInt();
            QCOMPARE(r.value(QStringLiteral("error_counts")).toObject().value(QStringLiteral("http")).toInt(), errors);
            QVERIFY(r.value(QStringLiteral("total_time_s")).toDouble() > 0);
            QVERIFY(r.value(QStringLiteral("throughput_rps")).toDouble() > 0);
            const QJsonObject latency = r.value(QStringLiteral("latency_ms")).toObject();
            double previous = 0;
            for (const char *key : { "min", "p50", "p90", "p95", "p99", "p999", "max" }) {
                const double v = latency.value(QLatin1String(key)).toDouble(-1);
                QVERIFY2(v >= previous, key);
                previous = v;
            }
            QVERIFY(latency.contains(QStringLiteral("mean")));
            QVERIFY(r.value(QStringLiteral("max_in_flight")).toInt() >= 1);
            const QJsonObject resources = r.value(QStringLiteral("resources")).toObject();
            for (const char *key :
                 { "peak_rss_bytes", "rss_delta_bytes", "threads_peak", "cpu_user_s", "cpu_sys_s", "allocations",
                   "allocated_bytes", "ctx_switches_voluntary", "ctx_switches_involuntary" })
                QVERIFY2(resources.contains(QLatin1String(key)), key);
            QVERIFY(resources.value(QStringLiteral("peak_rss_bytes")).toDouble() > 1e6);
            QVERIFY(resources.value(QStringLiteral("threads_peak")).toInt() >= 1);
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
            // The measuring child links the malloc hook: allocations are counted there.
            QVERIFY(resources.value(QStringLiteral("allocations")).toDouble() > 0);
#endif
        }
        QCOMPARE(ids,
                 QStringList({ QStringLiteral("sequential"), QStringLiteral("waitgroup"), QStringLiteral("fanout"),
                               QStringLiteral("backpressure") }));
        QCOMPARE(total500, 24); // 120 requests, every 5th answered 500
        QCOMPARE(server.requestCount(), 120);

        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> csvLines = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(csvLines.size(), 5);
        QVERIFY(csvLines[0].startsWith("pattern,title,outcome,requests,ok,errors"));
        QFile samplesFile(samples);
        QVERIFY(samplesFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> sampleLines = samplesFile.readAll().trimmed().split('\n');
        QCOMPARE(sampleLines.size(), 121);
        QCOMPARE(sampleLines[0],
                 QByteArray("pattern,index,worker,start_ms,end_ms,latency_ms,status,error,"
                            "server_queue_ms,server_service_ms,intended_ms,kind"));
        QVERIFY(sampleLines[1].startsWith("sequential,0,0,"));
    }

    // A file that cannot be written (a file size limit here; a full disk is the same error,
    // bench/faults.sh) keeps the old file, says why in one line, and exits non-zero.
    void aFailedOutputKeepsTheOldFile()
    {
        TestHttpServer server;
        QVERIFY(server.start());
        QTemporaryDir dir;
        const QString samples = dir.filePath(QStringLiteral("samples.csv"));
        {
            QFile old(samples);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("the old samples\n");
        }
        QProcess process;
        // bash's ulimit -f counts 1024-byte blocks: the 3,000-row CSV needs ~130 KB.
        process.start(QStringLiteral("bash"),
                      { QStringLiteral("-c"), QStringLiteral("ulimit -f 32; exec \"$0\" \"$@\""),
                        QStringLiteral(PATTERNLAB_CLI), QStringLiteral("--url"), server.url().toString(),
                        QStringLiteral("--patterns"), QStringLiteral("fanout"), QStringLiteral("--requests"),
                        QStringLiteral("3000"), QStringLiteral("--samples-csv"), samples, QStringLiteral("--quiet") });
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 5);
        const QStringList lines = QString::fromUtf8(process.readAllStandardError()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(samples) && lines.first().contains(QLatin1String("File too large")),
                 qPrintable(lines.first()));
        QFile file(samples);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("the old samples\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { QStringLiteral("samples.csv") });
    }

    void unreachableServerExitsThree()
    {
        QUrl url(QStringLiteral("http://127.0.0.1/data"));
        url.setPort(TestHttpServer::unusedPort());
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("run.json"));
        const Run run = cli({ QStringLiteral("--url"), url.toString(), QStringLiteral("--requests"),
                              QStringLiteral("5"), QStringLiteral("--patterns"), QStringLiteral("sequential,fanout"),
                              QStringLiteral("--json"), json, QStringLiteral("--quiet") });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QLatin1String("could not reach the server")), qPrintable(run.err));
        // The run still finished and recorded every request as a connection error.
        const QJsonArray results = readJson(json).value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 2);
        for (const QJsonValue &value : results) {
            const QJsonObject counts = value.toObject().value(QStringLiteral("error_counts")).toObject();
            QCOMPARE(counts.value(QStringLiteral("connection")).toInt(), 5);
        }
    }

    void bundledServerEndToEnd()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("run.json"));
        const Run run = cli({ QStringLiteral("--requests"), QStringLiteral("60"), QStringLiteral("--concurrency"),
                              QStringLiteral("4"), QStringLiteral("--seed"), QStringLiteral("11"),
                              QStringLiteral("--json"), json });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject root = readJson(json);
        QCOMPARE(root.value(QStringLiteral("config")).toObject().value(QStringLiteral("profile")).toString(),
                 QStringLiteral("seed"));
        QCOMPARE(root.value(QStringLiteral("config")).toObject().value(QStringLiteral("seed")).toInt(), 11);
        const QJsonArray results = root.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 4);
        // The server is reset before each pattern: with one seed every pattern meets the same
        // sequence of outcomes, so the number of simulated 500s is the same for all.
        QSet<int> fiveHundreds;
        for (const QJsonValue &value : results) {
            const QJsonObject r = value.toObject();
            QCOMPARE(r.value(QStringLiteral("ok")).toInt() + r.value(QStringLiteral("errors")).toInt(), 60);
            fiveHundreds.insert(
                r.value(QStringLiteral("status_counts")).toObject().value(QStringLiteral("500")).toInt());
        }
        QCOMPARE(fiveHundreds.size(), 1);
        // The server's own view of each pattern, and the parameters it really used.
        const QJsonObject config = root.value(QStringLiteral("config")).toObject();
        QCOMPARE(config.value(QStringLiteral("capacity")).toInt(), 32);
        QCOMPARE(config.value(QStringLiteral("max_queue")).toInt(), 64);
        QCOMPARE(config.value(QStringLiteral("bp_window_ms")).toInt(), 100);
        for (const QJsonValue &value : results) {
            const QJsonObject r = value.toObject();
            const QJsonObject server = r.value(QStringLiteral("server")).toObject();
            QCOMPARE(server.value(QStringLiteral("requests")).toInt(), 60); // reset before each pattern
            QVERIFY(server.contains(QStringLiteral("cpu_s")));
            QCOMPARE(server.value(QStringLiteral("abandoned")).toInt(), 0);
            QCOMPARE(r.value(QStringLiteral("cancelled")).toInt(), 0);
            QVERIFY(r.value(QStringLiteral("params")).isObject());
        }
        QCOMPARE(results.at(2).toObject().value(QStringLiteral("params")).toObject(),
                 QJsonObject({ { QStringLiteral("concurrency"), 4 } }));
    }

    void bundledServerThatCannotStartExitsFour()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATTERNLAB_PYTHON"), QStringLiteral("/nonexistent/python3"));
        const Run run = cli({ QStringLiteral("--requests"), QStringLiteral("5") }, env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(QLatin1String("could not start")), qPrintable(run.err));
    }

    // A sweep with trials, then the two files compared: the experiment's JSON (DESIGN.md),
    // its report and CSV, and --compare's table, JSON and charts.
    void sweepRepeatAndCompare()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 2, false }; }));
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("sweep.json"));
        const QString csv = dir.filePath(QStringLiteral("sweep.csv"));
        Run run = cli({ QStringLiteral("--url"), server.url().toString(), QStringLiteral("--requests"),
                        QStringLiteral("20"), QStringLiteral("--patterns"), QStringLiteral("sequential,fanout"),
                        QStringLiteral("--sweep"), QStringLiteral("concurrency=1,2,3,4"), QStringLiteral("--repeat"),
                        QStringLiteral("2"), QStringLiteral("--json"), json, QStringLiteral("--csv"), csv });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(server.requestCount(), 4 * 2 * 2 * 20);
        QVERIFY2(run.out.contains(QLatin1String("[8/8] concurrency=4 trial 2 of 2")), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("=== Sweep of concurrency: 4 of 4 values ===")));
        QVERIFY(run.out.contains(QLatin1String("sequential does not use concurrency")));
        QVERIFY(run.out.contains(QLatin1String("Mann-Whitney U, two-sided, alpha 0.05")));
        QVERIFY2(run.out.contains(QLatin1String("Warning: fewer than 4 trials per side can never show a difference")),
                 qPrintable(run.out));
        const QJsonObject doc = readJson(json);
        const QJsonObject sweep = doc.value(QStringLiteral("sweep")).toObject();
        QCOMPARE(sweep.value(QStringLiteral("param")).toString(), QStringLiteral("concurrency"));
        QCOMPARE(sweep.value(QStringLiteral("values")).toArray(), (QJsonArray { 1, 2, 3, 4 }));
        const QJsonArray points = sweep.value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 4);
        QCOMPARE(points.at(0).toObject().value(QStringLiteral("value")).toDouble(), 1.0);
        QCOMPARE(points.at(3).toObject().value(QStringLiteral("results")).toArray().size(), 2);
        for (const QString &id : { QStringLiteral("sequential"), QStringLiteral("fanout") }) {
            const QJsonObject fit = sweep.value(QStringLiteral("fits")).toObject().value(id).toObject();
            QVERIFY(fit.contains(QStringLiteral("usl")) && fit.contains(QStringLiteral("knee")));
        }
        const QJsonObject usl = sweep.value(QStringLiteral("fits"))
                                    .toObject()
                                    .value(QStringLiteral("fanout"))
                                    .toObject()
                                    .value(QStringLiteral("usl"))
                                    .toObject();
        for (const char *key : { "sigma", "kappa", "lambda", "r2", "peak" })
            QVERIFY2(usl.contains(QLatin1String(key)), key);
        const QJsonObject fanout = doc.value(QStringLiteral("results")).toArray().at(1).toObject();
        QCOMPARE(fanout.value(QStringLiteral("trials")).toArray().size(), 2);
        for (const char *key : { "total_time_s", "throughput_rps", "p99_ms" })
            QCOMPARE(fanout.value(QStringLiteral("ci95")).toObject().value(QLatin1String(key)).toArray().size(), 2);
        const QJsonObject comparison = doc.value(QStringLiteral("comparisons")).toArray().at(0).toObject();
        for (const char *key : { "a", "b", "metric", "median_a", "median_b", "p_value", "verdict" })
            QVERIFY2(comparison.contains(QLatin1String(key)), key);
        QCOMPARE(comparison.value(QStringLiteral("verdict")).toString(), QStringLiteral("no clear difference"));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 4 * 2);
        QVERIFY(rows.at(1).startsWith("concurrency,1,sequential,2,"));

        // The same settings once more at concurrency 8, then both compared; no requests.
        const QString other = dir.filePath(QStringLiteral("c8.json"));
        run = cli({ QStringLiteral("--url"), server.url().toString(), QStringLiteral("--requests"),
                    QStringLiteral("20"), QStringLiteral("--patterns"), QStringLiteral("sequential,fanout"),
                    QStringLiteral("--concurrency"), QStringLiteral("8"), QStringLiteral("--json"), other,
                    QStringLiteral("--quiet") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const int before = server.requestCount();
        const QString compareJson = dir.filePath(QStringLiteral("compare.json"));
        const QString charts = dir.filePath(QStringLiteral("charts"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        run = cli({ QStringLiteral("--compare"), json, other, QStringLiteral("--json"), compareJson,
                    QStringLiteral("--png"), charts },
                  env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(server.requestCount(), before);
        QVERIFY2(run.out.contains(QLatin1String("=== Compared runs ===")), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("sweep: ")) && run.out.contains(QLatin1String("c8: ")));
        const QJsonArray compareRows
            = readJson(compareJson).value(QStringLiteral("compare")).toObject().value(QStringLiteral("rows")).toArray();
        QCOMPARE(compareRows.size(), 2 * 3);
        QCOMPARE(compareRows.at(0).toObject().value(QStringLiteral("values")).toArray().size(), 2);
        QVERIFY(!QImage(QDir(charts).filePath(QStringLiteral("compare.png"))).isNull());

        // A missing file: exit 2, one line naming it.
        run = cli({ QStringLiteral("--compare"), json, dir.filePath(QStringLiteral("missing.json")) });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QLatin1String("missing.json")));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void pngRendersEveryChart()
    {
        TestHttpServer server;
        QVERIFY(server.start());
        QTemporaryDir dir;
        const QString charts = dir.filePath(QStringLiteral("charts/deeper")); // created on demand
        // The desktop app draws the charts; it must leave the user's settings alone (it once
        // saved this run's external URL as the app's own settings).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        const Run run = cli({ QStringLiteral("--url"), server.url().toString(), QStringLiteral("--requests"),
                              QStringLiteral("20"), QStringLiteral("--patterns"), QStringLiteral("sequential,fanout"),
                              QStringLiteral("--png"), charts, QStringLiteral("--quiet") },
                            env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("config/PatternLab/patternlab.conf"))));
        const QStringList pngs = QDir(charts).entryList({ QStringLiteral("*.png") }, QDir::Files);
        QVERIFY2(pngs.size() >= 4, qPrintable(pngs.join(QLatin1Char(','))));
        for (const QString &name : pngs) {
            const QImage image(QDir(charts).filePath(name));
            QVERIFY2(!image.isNull(), qPrintable(name));
            QVERIFY(image.width() >= 400 && image.height() >= 300);
        }
    }

    void pngToAnUnwritablePlaceExitsTwo()
    {
        const Run run = cli({ QStringLiteral("--png"), QStringLiteral("/proc/nope"), QStringLiteral("--requests"),
                              QStringLiteral("5") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(QLatin1String("patternlab-cli: --png:")), qPrintable(run.err));
    }

    // SIGTERM mid-run: what ran is written, the patterns that never started are listed as
    // not run, and the exit code says the run was interrupted.
    // Stopping an experiment keeps the steps that finished, in the files too.
    void interruptedSweepKeepsFinishedSteps()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response(200, 10); }));
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("sweep.json"));
        QProcess process;
        process.start(QStringLiteral(PATTERNLAB_CLI),
                      { QStringLiteral("--url"), server.url().toString(), QStringLiteral("--patterns"),
                        QStringLiteral("fanout"), QStringLiteral("--requests"), QStringLiteral("200"),
                        QStringLiteral("--sweep"), QStringLiteral("concurrency=1,2,3"), QStringLiteral("--json"), json,
                        QStringLiteral("--quiet") });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() >= 205, 60000); // the second value under way
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 6);
        const QJsonObject sweep = readJson(json).value(QStringLiteral("sweep")).toObject();
        QCOMPARE(sweep.value(QStringLiteral("values")).toArray().size(), 3);
        QCOMPARE(sweep.value(QStringLiteral("points")).toArray().size(), 1);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(QLatin1String("1 of 3 steps finished")), qPrintable(err));
    }

    // Trials reseed the bundled server: a stop while it restarts keeps the trials before it.
    void interruptedWhileTheServerRestartsKeepsFinishedTrials()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("trials.json"));
        QProcess process;
        process.start(QStringLiteral(PATTERNLAB_CLI),
                      { QStringLiteral("--patterns"), QStringLiteral("fanout"), QStringLiteral("--requests"),
                        QStringLiteral("50"), QStringLiteral("--profile"), QStringLiteral("zero"),
                        QStringLiteral("--repeat"), QStringLiteral("5"), QStringLiteral("--seed"), QStringLiteral("5"),
                        QStringLiteral("--json"), json });
        QVERIFY(process.waitForStarted());
        QString err;
        // The second trial's server (seed 6) is starting: the first trial is done.
        QTRY_VERIFY_WITH_TIMEOUT(
            (err += QString::fromUtf8(process.readAllStandardError())).contains(QLatin1String("seed 6)...")), 60000);
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 6);
        const QJsonArray results = readJson(json).value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 1);
        const int trials = results.at(0).toObject().value(QStringLiteral("trials")).toArray().size();
        QVERIFY2(trials >= 1 && trials < 5, qPrintable(QString::number(trials)));
    }

    void interruptedRunExitsSixAndListsWhatDidNotRun()
    {
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response(200, 10); }));
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("run.json"));
        QProcess process;
        process.start(QStringLiteral(PATTERNLAB_CLI),
                      { QStringLiteral("--url"), server.url().toString(), QStringLiteral("--patterns"),
                        QStringLiteral("sequential,fanout,backpressure"), QStringLiteral("--requests"),
                        QStringLiteral("3000"), QStringLiteral("--json"), json, QStringLiteral("--quiet") });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() >= 5, 60000);
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 6);
        const QJsonObject root = readJson(json);
        const QJsonArray results = root.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.at(0).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("stopped"));
        QCOMPARE(root.value(QStringLiteral("not_run")).toArray(),
                 QJsonArray({ QStringLiteral("fanout"), QStringLiteral("backpressure") }));
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QLatin1String("not run")));
    }

    // SIGTERM while the bundled server is still starting: no run, no orphan, exit 6.
    void interruptedDuringServerStartExitsSix()
    {
        QProcess process;
        process.start(QStringLiteral(PATTERNLAB_CLI), { QStringLiteral("--requests"), QStringLiteral("10") });
        QVERIFY(process.waitForStarted());
        qint64 serverPid = 0;
        QTRY_VERIFY_WITH_TIMEOUT((serverPid = childRunning(process.processId(), "python")) > 0, 60000);
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 6);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(serverPid), 0) != 0, 5000); // the server (or probe) is gone
    }

    void serverDyingMidRunExitsFourWithoutHanging()
    {
        QProcess process;
        process.start(QStringLiteral(PATTERNLAB_CLI),
                      { QStringLiteral("--patterns"), QStringLiteral("sequential,fanout"), QStringLiteral("--requests"),
                        QStringLiteral("2000"), QStringLiteral("--profile"), QStringLiteral("fixed"),
                        QStringLiteral("--latency-ms"), QStringLiteral("20"), QStringLiteral("--quiet") });
        QVERIFY(process.waitForStarted());
        // Find the bundled server among the CLI's children and kill it, as a crash would.
        qint64 serverPid = 0;
        QTRY_VERIFY_WITH_TIMEOUT((serverPid = childRunning(process.processId(), "server.py")) > 0, 60000);
        // Wait until a pattern's own process runs, so the death happens mid-run.
        QTRY_VERIFY_WITH_TIMEOUT(childRunning(process.processId(), "--run-one") > 0, 60000);
        ::kill(pid_t(serverPid), SIGKILL);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 4);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(QLatin1String("the bundled server failed during the run")), qPrintable(err));
    }

private:
    // The pid of a direct child of parent whose command line contains needle, or 0.
    static qint64 childRunning(qint64 parent, const char *needle)
    {
        QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(parent));
        if (!children.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &pid : children.readAll().split(' ')) {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(QString::fromLatin1(pid.trimmed())));
            if (!pid.trimmed().isEmpty() && cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle))
                return pid.trimmed().toLongLong();
        }
        return 0;
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

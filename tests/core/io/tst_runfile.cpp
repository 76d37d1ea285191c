// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "fakerun.h"
#include "io/resultwriter.h"
#include "io/runfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

class TestRunFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsTheContractKeys()
    {
        const RunData run = fakeRun({ QStringLiteral("sequential"), QStringLiteral("fanout") }, 40, 3);
        const QJsonObject contract = ResultWriter::toJson(run.config, run.results);
        const QJsonObject json = RunFile::toJson(run);
        QCOMPARE(json.value(QStringLiteral("config")), contract.value(QStringLiteral("config")));
        const QJsonArray a = json.value(QStringLiteral("results")).toArray();
        const QJsonArray b = contract.value(QStringLiteral("results")).toArray();
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonObject extended = a.at(i).toObject();
            const QJsonObject plain = b.at(i).toObject();
            for (auto it = plain.begin(); it != plain.end(); ++it)
                QCOMPARE(extended.value(it.key()), it.value());
            QCOMPARE(
                extended.value(QStringLiteral("samples")).toObject().value(QStringLiteral("rows")).toArray().size(),
                40 + 1); // a row per request, and fakeRun's one extra (a hedge's copy)
        }
    }

    void roundTripsEverything()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        RunData run = fakeRun({ QStringLiteral("waitgroup"), QStringLiteral("backpressure") }, 120, 5);
        run.config.pipeline = { 6, 3, 1, 9, 1500 };
        run.config.onceMode = OnceMode::Naive;
        run.config.breaker = { 7, 250 };
        run.config.server.tokenMs = 80;
        run.results[1].resourceSeries.at(0).stageQueues = { 7, 2, 0 }; // a pipeline's queues
        const QString path = dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY2(RunFile::save(path, run, &error), qPrintable(error));
        RunData back;
        QVERIFY2(RunFile::load(path, &back, &error), qPrintable(error));
        QCOMPARE(back.results.size(), run.results.size());
        for (qsizetype i = 0; i < run.results.size(); ++i) {
            const PatternResult &a = run.results.at(i);
            const PatternResult &b = back.results.at(i);
            QCOMPARE(b.id, a.id);
            QCOMPARE(b.totalNs, a.totalNs);
            QCOMPARE(b.samples, a.samples);
            QCOMPARE(b.resourceSeries.size(), a.resourceSeries.size());
            for (std::size_t p = 0; p < a.resourceSeries.size(); ++p)
                QVERIFY(b.resourceSeries[p].stageQueues == a.resourceSeries[p].stageQueues);
            QCOMPARE(b.resources, a.resources);
            QCOMPARE(b.notes, a.notes);
        }
        QCOMPARE(back.config.requests, run.config.requests);
        QCOMPARE(back.config.server.capacity, 20); // the Overload experiment stays the Overload experiment
        QCOMPARE(back.config.server.maxQueue, 100);
        QCOMPARE(back.config.backpressure, run.config.backpressure);
        QCOMPARE(back.config.pipeline, run.config.pipeline);
        QCOMPARE(back.config.onceMode, run.config.onceMode);
        QCOMPARE(back.config.breaker, run.config.breaker);
        QCOMPARE(back.config.server.tokenMs, 80.0);
        for (qsizetype i = 0; i < run.results.size(); ++i) {
            QCOMPARE(back.results[i].params, run.results[i].params);
            QCOMPARE(back.results[i].server, run.results[i].server);
            QCOMPARE(back.results[i].extraSamples, run.results[i].extraSamples);
            QCOMPARE(back.results[i].serverSeries.size(), run.results[i].serverSeries.size());
        }
        QCOMPARE(back.config.patterns, run.config.patterns);
        QCOMPARE(back.config.url, run.config.url);

        // Every figure the table and charts show is the same (tst_resultsmodel compares the table text).
        QCOMPARE(back.summaries, run.summaries);
    }

    void opensAContractOnlyFile()
    {
        // What `patternlab-cli --json` writes: figures, no samples.
        const RunData run = fakeRun({ QStringLiteral("fanout") }, 30, 2);
        RunData back;
        QString error;
        QVERIFY2(RunFile::fromJson(ResultWriter::toJson(run.config, run.results), &back, &error), qPrintable(error));
        QCOMPARE(back.results.size(), 1);
        QVERIFY(back.results.at(0).samples.empty());
        QCOMPARE(back.summaries, run.summaries);
    }

    void rejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addRow("not json") << QByteArray("hello");
        QTest::addRow("wrong version") << QByteArray(R"({"version": 2, "results": []})");
        QTest::addRow("no results") << QByteArray(R"({"version": 1})");
        QTest::addRow("result without id") << QByteArray(R"({"version": 1, "results": [{}]})");
        QTest::addRow("bad error kind") << QByteArray(
            R"({"version": 1, "results": [{"pattern": "x", "samples": {"rows": [[0,0,0,1,200,"nope"]]}}]})");
    }

    void rejectsBadFiles()
    {
        QFETCH(QByteArray, contents);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QString error;
        QVERIFY(ResultWriter::writeFile(path, contents, &error));
        RunData run;
        QVERIFY(!RunFile::load(path, &run, &error));
        QVERIFY(!error.isEmpty());
    }

    // A saved run is input: a corpus of hostile files, each refused with one line that names
    // the field, never a crash (the asan preset runs this too).
    void hostileRunsAreRefusedWithOneLine_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("names"); // what the error must mention
        const QByteArray good = QJsonDocument(RunFile::toJson(fakeRun({ QStringLiteral("fanout") }, 20, 2))).toJson();
        const auto edit = [&](const std::function<void(QJsonObject &)> &change) {
            QJsonObject root = QJsonDocument::fromJson(good).object();
            change(root);
            return QJsonDocument(root).toJson();
        };
        const auto editResult = [&](const std::function<void(QJsonObject &)> &change) {
            return edit([&](QJsonObject &root) {
                QJsonArray results = root.value(QStringLiteral("results")).toArray();
                QJsonObject r = results.at(0).toObject();
                change(r);
                results[0] = r;
                root.insert(QStringLiteral("results"), results);
            });
        };
        const auto editSample = [&](int column, const QJsonValue &value) {
            return editResult([=](QJsonObject &r) {
                QJsonObject samples = r.value(QStringLiteral("samples")).toObject();
                QJsonArray rows = samples.value(QStringLiteral("rows")).toArray();
                QJsonArray row = rows.at(3).toArray();
                row[column] = value;
                rows[3] = row;
                samples.insert(QStringLiteral("rows"), rows);
                r.insert(QStringLiteral("samples"), samples);
            });
        };
        QTest::addRow("truncated") << good.left(good.size() / 2) << QStringLiteral("not valid JSON");
        QTest::addRow("negative start") << editSample(2, -1'000'000'000.0) << QStringLiteral("rows[3] start_ns");
        QTest::addRow("start 1e300") << editSample(2, 1e300) << QStringLiteral("rows[3] start_ns");
        QTest::addRow("end before start") << editSample(3, 0.0) << QStringLiteral("rows[3]");
        QTest::addRow("index out of range") << editSample(0, 99.0) << QStringLiteral("rows[3] index");
        QTest::addRow("index twice") << editSample(0, 0.0) << QStringLiteral("appears twice");
        QTest::addRow("status a string") << editSample(4, QStringLiteral("200")) << QStringLiteral("rows[3] status");
        QTest::addRow("negative server time") << editSample(6, -5.0) << QStringLiteral("rows[3] server_queue_us");
        QTest::addRow("short row") << editResult([](QJsonObject &r) {
            r.insert(QStringLiteral("samples"),
                     QJsonObject { { QStringLiteral("rows"), QJsonArray { QJsonArray { 1, 2 } } } });
        }) << QStringLiteral("rows[0]");
        QTest::addRow("huge latency") << editResult([](QJsonObject &r) {
            QJsonObject l = r.value(QStringLiteral("latency_ms")).toObject();
            l.insert(QStringLiteral("p99"), 1e300);
            r.insert(QStringLiteral("latency_ms"), l);
        }) << QStringLiteral("latency_ms.p99");
        QTest::addRow("requests a string")
            << editResult([](QJsonObject &r) { r.insert(QStringLiteral("requests"), QStringLiteral("many")); })
            << QStringLiteral("results[0].requests");
        QTest::addRow("counts disagree") << editResult([](QJsonObject &r) {
            r.insert(QStringLiteral("ok"), 19);
            r.insert(QStringLiteral("errors"), 19);
        }) << QStringLiteral("is not requests");
        QTest::addRow("negative rss") << editResult([](QJsonObject &r) {
            QJsonObject res = r.value(QStringLiteral("resources")).toObject();
            res.insert(QStringLiteral("peak_rss_bytes"), -5);
            r.insert(QStringLiteral("resources"), res);
        }) << QStringLiteral("peak_rss_bytes");
        QTest::addRow("results an object")
            << edit([](QJsonObject &root) { root.insert(QStringLiteral("results"), QJsonObject {}); })
            << QStringLiteral("no results");
        QTest::addRow("duplicate ids") << edit([](QJsonObject &root) {
            QJsonArray results = root.value(QStringLiteral("results")).toArray();
            results.append(results.at(0));
            root.insert(QStringLiteral("results"), results);
        }) << QStringLiteral("appears twice");
        QTest::addRow("thousands of results") << edit([](QJsonObject &root) {
            QJsonArray results;
            for (int i = 0; i < 5000; ++i)
                results.append(QJsonObject { { QStringLiteral("pattern"), QStringLiteral("p%1").arg(i) },
                                             { QStringLiteral("requests"), 1 } });
            root.insert(QStringLiteral("results"), results);
        }) << QStringLiteral("at most 100");
        QTest::addRow("url elsewhere") << edit([](QJsonObject &root) {
            QJsonObject config = root.value(QStringLiteral("config")).toObject();
            config.insert(QStringLiteral("url"), QStringLiteral("http://example.com/data"));
            root.insert(QStringLiteral("config"), config);
        }) << QStringLiteral("config.url");
        QByteArray deep;
        for (int i = 0; i < 5000; ++i)
            deep += '[';
        QTest::addRow("deep nesting") << QByteArray(R"({"version": 1, "results": )") + deep << QStringLiteral("JSON");
        QTest::addRow("not an object") << QByteArray("[1, 2, 3]") << QStringLiteral("JSON");
    }

    void hostileRunsAreRefusedWithOneLine()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, names);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hostile.json"));
        QString error;
        QVERIFY(ResultWriter::writeFile(path, contents, &error));
        RunData run;
        QVERIFY(!RunFile::load(path, &run, &error));
        QVERIFY2(error.contains(names), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(error.size() < 400);
    }
};

QTEST_GUILESS_MAIN(TestRunFile)
#include "tst_runfile.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "fakerun.h"
#include "io/resultwriter.h"
#include "io/runfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

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
                40);
        }
    }

    void roundTripsEverything()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const RunData run = fakeRun({ QStringLiteral("waitgroup"), QStringLiteral("backpressure") }, 120, 5);
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
            QCOMPARE(b.resources, a.resources);
            QCOMPARE(b.notes, a.notes);
        }
        QCOMPARE(back.config.requests, run.config.requests);
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
};

QTEST_GUILESS_MAIN(TestRunFile)
#include "tst_runfile.moc"

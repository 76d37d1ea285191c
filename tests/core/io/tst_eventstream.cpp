// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "io/eventstream.h"

#include <QTest>

class TestEventStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripSurvivesAnyChunking()
    {
        QByteArray stream;
        EventStream::appendHello(&stream, QStringLiteral("fanout"), 3);
        std::vector<Sample> samples;
        for (int i = 0; i < 3; ++i) {
            Sample s;
            s.index = i;
            s.worker = i % 2;
            s.startNs = 1'000'000'000'000LL + i;
            s.endNs = s.startNs + 123456789;
            s.status = std::int16_t(i == 1 ? 500 : 200);
            s.error = i == 1 ? ErrorKind::Http : ErrorKind::None;
            if (i != 2) { // the third answer carried no Server-Timing
                s.serverQueueUs = 1500 * i;
                s.serverServiceUs = 20000 + i;
            }
            samples.push_back(s);
            EventStream::appendSample(&stream, s);
        }
        // An extra sample for an index already recorded (a hedge's copy), planned earlier.
        Sample hedge = samples[1];
        hedge.kind = SampleKind::Hedge;
        hedge.intendedNs = hedge.startNs - 7;
        hedge.error = ErrorKind::Aborted;
        EventStream::appendSample(&stream, hedge);
        EventStream::appendProgress(&stream, Progress { 3, 3, 0, 2, 5'000'000 });
        EventStream::appendResource(&stream, { 42, 12'345'678, 17, 0.25, 0.125 });
        ResourcePoint pipelinePoint { 43, 1, 2, 0, 0 };
        pipelinePoint.stageQueues = { 15, 3, 0 }; // a pipeline's queue depths
        EventStream::appendResource(&stream, pipelinePoint);
        EventStream::appendNote(&stream, QStringLiteral("backpressure.max_delay_ms"), 12.5);
        ResourceUsage usage { 100'000'000, -2048, 33, 1.5, 0.5, 777, 88888, 12, 3 };
        EventStream::appendDone(&stream, 9'876'543'210LL, 2, usage);

        for (int chunk : { 1, 7, 64, 100000 }) {
            EventStream::Parser parser;
            std::vector<Sample> parsed;
            std::vector<ResourcePoint> resources;
            QList<QPair<QString, double>> notes;
            bool done = false;
            std::optional<Progress> progress;
            std::vector<Sample> extras;
            for (qsizetype at = 0; at < stream.size(); at += chunk) {
                auto batch
                    = parser.feed(QByteArrayView(stream).sliced(at, std::min<qsizetype>(chunk, stream.size() - at)));
                QVERIFY2(batch.errors.isEmpty(), qPrintable(batch.errors.join(QLatin1Char('|'))));
                parsed.insert(parsed.end(), batch.samples.begin(), batch.samples.end());
                extras.insert(extras.end(), batch.extraSamples.begin(), batch.extraSamples.end());
                resources.insert(resources.end(), batch.resources.begin(), batch.resources.end());
                notes += batch.notes;
                done = done || batch.done;
                if (batch.progress)
                    progress = batch.progress;
            }
            QVERIFY(parser.helloSeen());
            QCOMPARE(parser.patternId(), QStringLiteral("fanout"));
            QVERIFY(done && parser.doneSeen());
            QVERIFY(parsed == samples);
            QCOMPARE(extras.size(), 1u);
            QVERIFY(extras[0] == hedge);
            QVERIFY(progress.has_value());
            QCOMPARE(*progress, (Progress { 3, 3, 0, 2, 5'000'000 })); // total from HELLO
            QCOMPARE(resources.size(), 2u);
            QVERIFY(!resources[0].hasStageQueues());
            QVERIFY((resources[1].stageQueues == std::array<std::int32_t, 3> { 15, 3, 0 }));
            QCOMPARE(resources[0].rssBytes, 12'345'678);
            QCOMPARE(resources[0].threads, 17);
            QCOMPARE(resources[0].cpuSysS, 0.125);
            QCOMPARE(notes.size(), 1);
            QCOMPARE(notes[0].second, 12.5);
            QCOMPARE(parser.totalNs(), 9'876'543'210LL);
            QCOMPARE(parser.maxInFlight(), 2);
            QVERIFY(parser.usage() == usage);
        }
    }

    void malformedLinesAreReportedNotFatal()
    {
        EventStream::Parser parser;
        auto early = parser.feed("S 0 0 1 2 200 0 -1 -1 -1 0\n"); // before HELLO: no index is known yet
        QCOMPARE(early.samples.size(), 0u);
        QCOMPARE(early.errors.size(), 1);
        auto batch = parser.feed(
            "HELLO 3 fanout 3\nS 1 2 3\nGARBAGE\nS 0 0 1 2 200 0 -1 -1 -1 0\nS 0 0 1 2 200 99 -1 -1 -1 0\nERR boom\n"
            "S 0 0 5 9 200 0 -1 -1 -1 0\nS 3 0 1 2 200 0 -1 -1 -1 0\nS -1 0 1 2 200 0 -1 -1 -1 0\n"
            "S 1 0 9 5 200 0 -1 -1 -1 0\nS 2 0 -4 5 200 0 -1 -1 -1 0\nS 2 0 1 2 200 0 -7 5 -1 0\n");
        QCOMPARE(batch.samples.size(), 1u);
        // short line, garbage, bad error kind, ERR, duplicate index, index past N, negative
        // index, end before start, negative start, negative server time
        QCOMPARE(batch.errors.size(), 10);
        QVERIFY(batch.errors.contains(QStringLiteral("boom")));
        QVERIFY(!parser.doneSeen());
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"

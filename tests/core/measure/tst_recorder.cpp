// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "measure/alloccounter.h"
#include "measure/recorder.h"
#include "measure/resourcemonitor.h"

#include <QTest>

#include <set>
#include <thread>
#include <vector>

class TestRecorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The malloc hook is linked into patternlab-cli only (tst_cli checks it counts there):
    // this test binary, like the desktop app, keeps glibc's malloc and reports "not measured".
    void allocationsAreNotCountedOutsideTheMeasuringBinary()
    {
        QVERIFY(!allocationCountingAvailable());
        ResourceMonitor monitor;
        monitor.start(std::chrono::steady_clock::now(), std::chrono::milliseconds(10));
        std::vector<int> some(1000);
        monitor.stop();
        QCOMPARE(monitor.usage().allocations, std::int64_t(-1));
        QCOMPARE(monitor.usage().allocatedBytes, std::int64_t(-1));
    }

    void recordsEachIndexOnceAndCountsDuplicates()
    {
        Recorder recorder(3);
        Sample s;
        s.index = 1;
        recorder.record(s);
        recorder.record(s);
        s.index = 7; // out of range
        recorder.record(s);
        QCOMPARE(recorder.completed(), 1);
        QCOMPARE(recorder.duplicates(), 2);
    }

    void cancelUnrecordedFillsTheRest()
    {
        Recorder recorder(4);
        Sample s;
        s.index = 2;
        s.status = 200;
        recorder.record(s);
        QCOMPARE(recorder.cancelUnrecorded(), 3);
        QCOMPARE(recorder.completed(), 4);
        QCOMPARE(recorder.samples()[2].status, std::int16_t(200));
        QCOMPARE(recorder.samples()[0].error, ErrorKind::Cancelled);
        QCOMPARE(recorder.samples()[3].index, 3);
    }

    void inFlightTracksTheMaximum()
    {
        Recorder recorder(1);
        recorder.requestStarted();
        recorder.requestStarted();
        recorder.requestFinished();
        recorder.requestStarted();
        recorder.requestStarted();
        QCOMPARE(recorder.inFlight(), 3);
        QCOMPARE(recorder.maxInFlight(), 3);
        recorder.requestFinished();
        QCOMPARE(recorder.maxInFlight(), 3);
    }

    // Writers on many threads, one reader streaming at the same time: every sample arrives
    // exactly once and whole (TSan checks the publication protocol).
    void streamsWhileWritersRun()
    {
        constexpr int requests = 40000;
        constexpr int writers = 8;
        Recorder recorder(requests);
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&, w] {
                for (int i = w; i < requests; i += writers) {
                    Sample s;
                    s.index = i;
                    s.worker = w;
                    s.startNs = i;
                    s.endNs = 2 * std::int64_t(i);
                    s.status = 200;
                    recorder.record(s);
                }
            });
        }
        std::vector<Sample> streamed;
        int cursor = 0;
        while (cursor < requests)
            recorder.takePublished(&cursor, &streamed);
        for (auto &t : threads)
            t.join();
        QCOMPARE(int(streamed.size()), requests);
        std::set<int> seen;
        for (const Sample &s : streamed) {
            QCOMPARE(s.endNs, 2 * s.startNs); // never half-written
            QCOMPARE(s.worker, s.index % writers);
            seen.insert(s.index);
        }
        QCOMPARE(int(seen.size()), requests);
        QCOMPARE(recorder.duplicates(), 0);
    }

    void notesKeepTheLatestValue()
    {
        Recorder recorder(0);
        recorder.setNote(QStringLiteral("a"), 1);
        recorder.setNote(QStringLiteral("b"), 2);
        recorder.setNote(QStringLiteral("a"), 3);
        const auto notes = recorder.notes();
        QCOMPARE(notes.size(), 2u);
        QCOMPARE(notes[0].second, 3.0);
    }
};

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/faketransport.h"
#include "engine/stoptoken.h"
#include "measure/recorder.h"
#include "measure/threadgauge.h"
#include "model/runconfig.h"
#include "patterns/pattern.h"
#include "patterns/workergroup.h"

#include <QTest>

#include <latch>
#include <system_error>

// WorkerGroup: the threads of one role in a pattern. What the patterns rely on: whenAllDone
// runs exactly once, after every thread has left and doneStarting() was called, also when
// no thread could start; a refused thread is a value and a note, never an exception; the
// destructor joins.
class TestWorkerGroup : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        RunConfig config;
        FakeTransport transport { FakeTransport::constant(std::chrono::microseconds(0)) };
        Recorder recorder { 1 };
        StopToken stop;
        RunContext context { config, transport, recorder, stop };
        int spawned = 0;

        void failSpawnsFrom(int first)
        {
            context.spawn = [this, first](std::function<void()> body) {
                if (spawned++ >= first)
                    throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
                return std::thread(std::move(body));
            };
        }
        double note(const char *key) const
        {
            for (const auto &[k, v] : recorder.notes()) {
                if (k == QLatin1String(key))
                    return v;
            }
            return 0;
        }
    };

private Q_SLOTS:
    void whenAllDoneRunsOnceAfterTheLastThread()
    {
        Fixture f;
        std::atomic<int> calls { 0 };
        std::atomic<int> finished { 0 };
        std::atomic<int> finishedWhenCalled { -1 };
        {
            WorkerGroup group(f.context, [&] {
                finishedWhenCalled = finished.load();
                ++calls;
            });
            for (int i = 0; i < 20; ++i)
                QVERIFY(group.start([&] { ++finished; }));
            QCOMPARE(group.started(), 20);
            group.doneStarting();
            group.join();
            QCOMPARE(calls.load(), 1);
        }
        QCOMPARE(calls.load(), 1);
        QCOMPARE(finishedWhenCalled.load(), 20);
    }

    void whenAllDoneWaitsForDoneStarting()
    {
        // Threads that finish while others are still being started must not fire it early.
        Fixture f;
        std::atomic<int> calls { 0 };
        const int before = ThreadGauge::live();
        WorkerGroup group(f.context, [&] { ++calls; });
        QVERIFY(group.start([] {}));
        // The gauge drops after the thread has left the group.
        QTRY_COMPARE_WITH_TIMEOUT(ThreadGauge::live(), before, 5000);
        QCOMPARE(calls.load(), 0);
        QVERIFY(group.start([] {}));
        group.doneStarting();
        group.join();
        QCOMPARE(calls.load(), 1);
    }

    void whenAllDoneRunsWhenNoThreadCouldStart()
    {
        Fixture f;
        f.failSpawnsFrom(0);
        int calls = 0;
        WorkerGroup group(f.context, [&] { ++calls; });
        QVERIFY(!group.start([] {}));
        QVERIFY(!group.start([] {}));
        QCOMPARE(calls, 0);
        group.doneStarting(); // nobody running: it runs here, on this thread
        QCOMPARE(calls, 1);
        QCOMPARE(group.started(), 0);
        QCOMPARE(f.note("threads.not_started"), 2.0);
    }

    void refusedThreadsAreCountedAndTheRestRun()
    {
        Fixture f;
        f.failSpawnsFrom(3);
        std::atomic<int> ran { 0 };
        {
            WorkerGroup group(f.context);
            int accepted = 0;
            for (int i = 0; i < 5; ++i)
                accepted += group.start([&] { ++ran; });
            QCOMPARE(accepted, 3);
        } // the destructor joins
        QCOMPARE(ran.load(), 3);
        QCOMPARE(f.note("threads.not_started"), 2.0);
    }

    void threadsAreCountedWhileTheyLive()
    {
        Fixture f;
        const int before = ThreadGauge::live();
        std::latch inside(4);
        std::latch release(1);
        WorkerGroup group(f.context);
        for (int i = 0; i < 4; ++i)
            group.start([&] {
                inside.count_down();
                release.wait();
            });
        inside.wait();
        QCOMPARE(ThreadGauge::live(), before + 4);
        release.count_down();
        group.join();
        QCOMPARE(ThreadGauge::live(), before);
    }
};

QTEST_GUILESS_MAIN(TestWorkerGroup)
#include "tst_workergroup.moc"

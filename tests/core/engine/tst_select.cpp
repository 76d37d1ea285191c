// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/select.h"

#include <QTest>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

class TestSelect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aReadyChannelFires()
    {
        Channel<int> jobs(4);
        QVERIFY(jobs.send(7));
        int got = -1;
        bool timer = false;
        Select select;
        select.receive<int>(jobs, [&](std::optional<int> v) { got = v.value_or(-2); }).after(10s, [&] {
            timer = true;
        });
        QCOMPARE(select.wait(), 0);
        QCOMPARE(got, 7);
        QVERIFY(!timer);
    }

    void aClosedChannelFiresWithNothing()
    {
        Channel<int> jobs(1);
        jobs.close();
        std::optional<int> got = 5;
        Select select;
        select.receive<int>(jobs, [&](std::optional<int> v) { got = v; });
        QCOMPARE(select.wait(), 0);
        QVERIFY(!got.has_value());
    }

    void aTimerFiresWhenNothingElseDoes()
    {
        Channel<int> jobs(1);
        bool timer = false;
        Select select;
        select.receive<int>(jobs, [](std::optional<int>) { QFAIL("nothing was sent"); }).after(20ms, [&] {
            timer = true;
        });
        QCOMPARE(select.wait(), 1);
        QVERIFY(timer);
    }

    void aCancelFromAnotherThreadWakesIt()
    {
        Channel<int> jobs(1);
        const auto ctx = Context::withCancel(Context::background());
        std::thread canceller([ctx] {
            std::this_thread::sleep_for(20ms);
            ctx->cancel();
        });
        bool cancelled = false;
        Select select;
        select.receive<int>(jobs, [](std::optional<int>) {}).done(ctx, [&] { cancelled = true; }).after(30s, [] {});
        QCOMPARE(select.wait(), 1);
        QVERIFY(cancelled);
        canceller.join();
    }

    void aContextDeadlineWakesIt()
    {
        Channel<int> jobs(1);
        const auto ctx = Context::withTimeout(Context::background(), 30ms);
        Select select;
        select.receive<int>(jobs, [](std::optional<int>) {}).done(ctx, [] {});
        QCOMPARE(select.wait(), 1);
        QCOMPARE(ctx->reason(), Context::Reason::DeadlineExceeded);
    }

    void theDefaultNeverBlocks()
    {
        Channel<int> jobs(1);
        bool otherwise = false;
        Select select;
        select.receive<int>(jobs, [](std::optional<int>) {}).otherwise([&] { otherwise = true; });
        QCOMPARE(select.wait(), -1);
        QVERIFY(otherwise);
    }

    // Many producers, consumers selecting between the channel and a context: every value
    // arrives exactly once, and the cancel ends every consumer.
    void noValueLostOrDuplicatedUnderLoad()
    {
        Channel<int> values(8);
        const auto ctx = Context::withCancel(Context::background());
        constexpr int producers = 4, perProducer = 2000, consumers = 4;
        std::vector<std::thread> threads;
        std::mutex seenMutex;
        std::multiset<int> seen;
        for (int p = 0; p < producers; ++p)
            threads.emplace_back([&, p] {
                for (int i = 0; i < perProducer; ++i)
                    values.send(p * perProducer + i);
            });
        std::atomic<int> received { 0 };
        for (int c = 0; c < consumers; ++c)
            threads.emplace_back([&] {
                for (bool running = true; running;) {
                    Select select;
                    select
                        .receive<int>(values,
                                      [&](std::optional<int> v) {
                                          if (!v) {
                                              running = false;
                                              return;
                                          }
                                          std::lock_guard lock(seenMutex);
                                          seen.insert(*v);
                                          if (++received == producers * perProducer)
                                              ctx->cancel();
                                      })
                        .done(ctx, [&] { running = false; });
                    select.wait();
                }
            });
        for (auto &t : threads)
            t.join();
        QCOMPARE(int(seen.size()), producers * perProducer);
        QCOMPARE(int(std::set<int>(seen.begin(), seen.end()).size()), producers * perProducer);
    }
};

QTEST_GUILESS_MAIN(TestSelect)
#include "tst_select.moc"

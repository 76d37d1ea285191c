// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/channel.h"

#include <QTest>

#include <atomic>
#include <numeric>
#include <set>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

class TestChannel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendReceiveKeepsOrder()
    {
        Channel<int> channel(4);
        for (int i = 0; i < 4; ++i)
            QVERIFY(channel.send(i));
        QCOMPARE(channel.size(), 4u);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(channel.receive(), std::optional<int>(i));
    }

    void trySendReportsFullAndClosed()
    {
        Channel<int> channel(1);
        QCOMPARE(channel.trySend(1), Channel<int>::SendResult::Sent);
        QCOMPARE(channel.trySend(2), Channel<int>::SendResult::Full);
        channel.close();
        QCOMPARE(channel.trySend(3), Channel<int>::SendResult::Closed);
        QVERIFY(!channel.send(4));
    }

    void closeDrainsBeforeReportingClosed()
    {
        Channel<int> channel(3);
        channel.send(1);
        channel.send(2);
        channel.close();
        QVERIFY(channel.isClosed());
        QVERIFY(!channel.isClosedAndDrained());
        QCOMPARE(channel.receive(), std::optional<int>(1));
        QCOMPARE(channel.receive(), std::optional<int>(2));
        QCOMPARE(channel.receive(), std::nullopt);
        QVERIFY(channel.isClosedAndDrained());
    }

    void sendBlocksWhileFullUntilReceive()
    {
        Channel<int> channel(1);
        channel.send(1);
        std::atomic<bool> sent { false };
        std::thread sender([&] {
            channel.send(2);
            sent = true;
        });
        // The sender cannot finish while the buffer is full.
        QCOMPARE(channel.sendFor(3, 20ms), Channel<int>::SendResult::TimedOut);
        QVERIFY(!sent.load());
        QCOMPARE(channel.receive(), std::optional<int>(1));
        sender.join();
        QVERIFY(sent.load());
        QCOMPARE(channel.receive(), std::optional<int>(2));
    }

    void closeWakesBlockedReceiversAndSenders()
    {
        Channel<int> empty(1);
        std::optional<int> got = 42;
        std::thread receiver([&] { got = empty.receive(); });
        Channel<int> full(1);
        full.send(0);
        bool sendResult = true;
        std::thread sender([&] { sendResult = full.send(1); });
        empty.close();
        full.close();
        receiver.join();
        sender.join();
        QCOMPARE(got, std::nullopt);
        QVERIFY(!sendResult);
        QCOMPARE(full.receive(), std::optional<int>(0)); // what was sent before close survives
    }

    void receiveForTimesOutOnEmpty()
    {
        Channel<int> channel(1);
        QCOMPARE(channel.receiveFor(10ms), std::nullopt);
        QVERIFY(!channel.isClosedAndDrained());
        QCOMPARE(channel.tryReceive(), std::nullopt);
    }

    void manyProducersManyConsumersLoseNothing_data()
    {
        QTest::addColumn<int>("producers");
        QTest::addColumn<int>("consumers");
        QTest::addColumn<int>("capacity");
        QTest::addRow("1x1 cap 1") << 1 << 1 << 1;
        QTest::addRow("4x4 cap 2") << 4 << 4 << 2;
        QTest::addRow("8x3 cap 16") << 8 << 3 << 16;
        QTest::addRow("2x8 cap 1") << 2 << 8 << 1;
    }

    void manyProducersManyConsumersLoseNothing()
    {
        QFETCH(int, producers);
        QFETCH(int, consumers);
        QFETCH(int, capacity);
        constexpr int perProducer = 5000;
        Channel<int> channel { std::size_t(capacity) };
        std::vector<std::vector<int>> received { std::size_t(consumers) };
        std::vector<std::thread> threads;
        std::atomic<int> liveProducers { producers };
        for (int p = 0; p < producers; ++p) {
            threads.emplace_back([&, p] {
                for (int i = 0; i < perProducer; ++i)
                    channel.send(p * perProducer + i);
                if (liveProducers.fetch_sub(1) == 1)
                    channel.close();
            });
        }
        for (int c = 0; c < consumers; ++c) {
            threads.emplace_back([&, c] {
                while (auto v = channel.receive())
                    received[std::size_t(c)].push_back(*v);
            });
        }
        for (auto &t : threads)
            t.join();
        std::multiset<int> all;
        for (const auto &r : received)
            all.insert(r.begin(), r.end());
        QCOMPARE(int(all.size()), producers * perProducer);
        QCOMPARE(int(std::set<int>(all.begin(), all.end()).size()), producers * perProducer); // no duplicates
        QCOMPARE(*all.begin(), 0);
        QCOMPARE(*all.rbegin(), producers * perProducer - 1);
    }

    void perProducerOrderIsKept()
    {
        // A channel is FIFO: one producer's values reach a single consumer in order.
        Channel<int> channel(3);
        std::thread producer([&] {
            for (int i = 0; i < 10000; ++i)
                channel.send(i);
            channel.close();
        });
        int expected = 0;
        while (auto v = channel.receive()) {
            QCOMPARE(*v, expected);
            ++expected;
        }
        producer.join();
        QCOMPARE(expected, 10000);
    }
};

QTEST_GUILESS_MAIN(TestChannel)
#include "tst_channel.moc"

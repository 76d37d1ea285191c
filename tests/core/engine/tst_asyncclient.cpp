// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/curltransport.h"
#include "engine/descriptorbudget.h"
#include "engine/faketransport.h"
#include "engine/qttransport.h"
#include "testhttpserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <map>
#include <thread>

using namespace std::chrono_literals;

// The rules of asyncclient.h, for the qt and curl engines against the in-process server and
// for the fake: requests overlap on one thread, every callback comes exactly once and only
// from poll(), a cancel closes the connection, the per-request timeout holds, poll() is
// bounded and wake() cuts it short, and a client destroyed with requests in flight calls
// nothing.
class TestAsyncClient : public QObject
{
    Q_OBJECT

    static std::unique_ptr<Transport> make(const QString &engine, const QUrl &url, int timeoutMs)
    {
        if (engine == u"curl")
            return std::make_unique<CurlTransport>(url, timeoutMs);
        return std::make_unique<QtTransport>(url, timeoutMs);
    }

    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::addRow("qt") << QStringLiteral("qt");
        QTest::addRow("curl") << QStringLiteral("curl");
    }

    void enginesAndFake()
    {
        engines();
        QTest::addRow("fake") << QStringLiteral("fake");
    }

    // A client of `engine` (or the fake) with nothing in flight, for the poll() tests.
    struct IdleClient
    {
        explicit IdleClient(const QString &engine)
            : serverStarted(server.start())
            , real(engine == u"fake" ? nullptr : make(engine, server.url(), 1000))
            , client((real ? static_cast<Transport &>(*real) : fake).createAsyncClient(4))
        { }
        TestHttpServer server;
        bool serverStarted;
        FakeTransport fake { FakeTransport::constant(0us) };
        std::unique_ptr<Transport> real;
        std::unique_ptr<AsyncClient> client;
    };

    // Polls until `done` or 20 s (a way out for a broken engine: the test then fails).
    template<typename Done> static bool pollUntil(AsyncClient &client, Done done)
    {
        QElapsedTimer clock;
        clock.start();
        while (!done()) {
            if (clock.elapsed() > 20000)
                return false;
            client.poll(20ms);
        }
        return true;
    }

private Q_SLOTS:
    // 20 requests of 300 ms from one thread are all at the server at once (qt: more than the
    // 6 connections one QNAM opens to a host), and each callback comes once, with its answer.
    void requestsOverlapOnOneThread_data() { engines(); }
    void requestsOverlapOnOneThread()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 300 }; }));
        auto transport = make(engine, server.url(), 10000);
        auto client = transport->createAsyncClient(20);
        std::map<AsyncClient::RequestId, int> calls;
        const std::thread::id self = std::this_thread::get_id();
        for (int i = 0; i < 20; ++i) {
            client->start([&calls, &self, i](const FetchResult &result) {
                QCOMPARE(result.status, 200);
                QCOMPARE(result.error, ErrorKind::None);
                QVERIFY(std::this_thread::get_id() == self);
                ++calls[AsyncClient::RequestId(i)];
            });
        }
        QVERIFY(calls.empty()); // never from start()
        QCOMPARE(client->inFlight(), 20);
        QVERIFY(pollUntil(*client, [&] { return client->inFlight() == 0; }));
        QCOMPARE(int(calls.size()), 20);
        for (const auto &[i, count] : calls)
            QCOMPARE(count, 1);
        QCOMPARE(server.maxConcurrent(), 20);
        QCOMPARE(server.requestCount(), 20);
    }

    // A cancelled request ends as Aborted at the next poll (not inside cancel()), its
    // connection is closed (the server sees the client go away), the others carry on; a
    // second cancel, or one of an unknown id, does nothing.
    void cancelAbortsOnTheWire_data() { engines(); }
    void cancelAbortsOnTheWire()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int index, const QByteArray &) {
            return TestHttpServer::Response { 200, index == 0 ? 400 : 5000 };
        }));
        auto transport = make(engine, server.url(), 10000);
        auto client = transport->createAsyncClient(3);
        std::vector<FetchResult> results(3);
        std::vector<int> calls(3, 0);
        std::vector<AsyncClient::RequestId> ids;
        for (int i = 0; i < 3; ++i) {
            ids.push_back(client->start([&, i](const FetchResult &r) {
                results[std::size_t(i)] = r;
                ++calls[std::size_t(i)];
            }));
        }
        QVERIFY(pollUntil(*client, [&] { return server.requestCount() == 3; }));
        // Which request the server numbered 0 is not ours to choose: find the one that answers.
        QVERIFY(pollUntil(*client, [&] { return client->inFlight() == 2; }));
        const auto answered = std::find(calls.begin(), calls.end(), 1) - calls.begin();
        QCOMPARE(results[std::size_t(answered)].status, 200);
        const std::size_t victim = answered == 0 ? 1 : 0;
        client->cancel(ids[victim]);
        QCOMPARE(calls[victim], 0); // not from cancel()
        client->cancel(ids[victim]);
        client->cancel(9999);
        QVERIFY(pollUntil(*client, [&] { return calls[victim] == 1; }));
        QCOMPARE(results[victim].error, ErrorKind::Aborted);
        QCOMPARE(results[victim].status, 0);
        QCOMPARE(client->inFlight(), 1);
        QVERIFY(pollUntil(*client, [&] { return server.abandoned() == 1; }));
        client->poll(50ms);
        QCOMPARE(calls[victim], 1); // exactly once

        // Destroyed with one in flight: no callback, and that connection closes too.
        const int before = calls[0] + calls[1] + calls[2];
        client.reset();
        QCOMPARE(calls[0] + calls[1] + calls[2], before);
        QElapsedTimer clock;
        clock.start();
        while (server.abandoned() < 2 && clock.elapsed() < 20000)
            QTest::qWait(20);
        QCOMPARE(server.abandoned(), 2);
    }

    void timeout_data() { engines(); }
    void timeout()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 5000 }; }));
        auto transport = make(engine, server.url(), 200);
        auto client = transport->createAsyncClient(1);
        std::optional<FetchResult> result;
        client->start([&](const FetchResult &r) { result = r; });
        QVERIFY(pollUntil(*client, [&] { return result.has_value(); }));
        QCOMPARE(result->error, ErrorKind::Timeout);
    }

    // The same hostile answers as tst_transport, classified as the blocking fetch() does.
    void classifiedLikeFetch_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QByteArray>("raw");
        const struct
        {
            const char *name;
            QByteArray raw;
        } cases[] = {
            { "500", "HTTP/1.1 500 X\r\nContent-Length: 2\r\n\r\nno" },
            { "redirect", "HTTP/1.1 302 Found\r\nLocation: http://192.0.2.1/data\r\nContent-Length: 0\r\n\r\n" },
            { "truncated body", "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + QByteArray(100, 'x') },
            { "no header field", "HTTP/1.0 200 OK\r\n\r\nhello" },
            { "two Content-Lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nok" },
            { "not HTTP", "HELLO WORLD\r\n\r\n" },
            { "closed at once", "" },
            { "server timing",
              "HTTP/1.1 200 OK\r\nServer-Timing: queue;dur=1.5, service;dur=2.25\r\nContent-Length: 2\r\n\r\nok" },
        };
        for (const auto &c : cases) {
            for (const char *engine : { "qt", "curl" })
                QTest::addRow("%s %s", engine, c.name) << QString::fromLatin1(engine) << c.raw;
        }
    }
    void classifiedLikeFetch()
    {
        QFETCH(QString, engine);
        QFETCH(QByteArray, raw);
        TestHttpServer server;
        QVERIFY(server.start([&](int, const QByteArray &) {
            TestHttpServer::Response response;
            response.dropConnection = raw.isEmpty();
            response.raw = raw;
            return response;
        }));
        auto transport = make(engine, server.url(), 3000);
        const FetchResult blocking = transport->createSession()->fetch();
        auto client = transport->createAsyncClient(1);
        std::optional<FetchResult> async;
        client->start([&](const FetchResult &r) { async = r; });
        QVERIFY(pollUntil(*client, [&] { return async.has_value(); }));
        QCOMPARE(errorKindName(async->error), errorKindName(blocking.error));
        QCOMPARE(async->status, blocking.status);
        QCOMPARE(async->serverQueueUs, blocking.serverQueueUs);
        QCOMPARE(async->serverServiceUs, blocking.serverServiceUs);
    }

    // poll() sleeps at most its bound; wake() from another thread ends it early; a wake()
    // before poll() makes the next poll return at once. (Margins are wide: these are ways
    // out, not speeds.)
    void pollIsBoundedAndWakeable_data() { enginesAndFake(); }
    void pollIsBoundedAndWakeable()
    {
        QFETCH(QString, engine);
        IdleClient idle(engine);
        QVERIFY(idle.serverStarted);
        AsyncClient *client = idle.client.get();
        QElapsedTimer clock;
        clock.start();
        client->poll(100ms);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));

        std::thread waker([&] {
            std::this_thread::sleep_for(100ms);
            client->wake();
        });
        clock.restart();
        client->poll(30s);
        waker.join();
        QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));

        client->wake();
        clock.restart();
        client->poll(30s);
        QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
    }

    // A sub-millisecond wait is kept, not rounded up to the event loop's whole milliseconds
    // (ratelimit's schedule depends on it): poll(300us) never returns early, and at least
    // one of 50 returns before a rounded-up wait (1 ms) could have ended. Before WakeupTimer
    // every one took 1 ms or more.
    void pollKeepsSubMillisecondWaits_data() { enginesAndFake(); }
    void pollKeepsSubMillisecondWaits()
    {
        QFETCH(QString, engine);
        IdleClient idle(engine);
        QVERIFY(idle.serverStarted);
        AsyncClient *client = idle.client.get();
        auto shortest = std::chrono::nanoseconds::max();
        for (int i = 0; i < 50; ++i) {
            const auto begin = std::chrono::steady_clock::now();
            client->poll(300us);
            const auto took = std::chrono::steady_clock::now() - begin;
            QVERIFY2(took >= 300us, qPrintable(QStringLiteral("returned after %1 ns").arg(took.count())));
            shortest = std::min(shortest, took);
        }
        QVERIFY2(shortest < 1ms, qPrintable(QStringLiteral("shortest wait %1 ns").arg(shortest.count())));
    }

    // Out of descriptors: every request is a resource error at the next poll.
    void noDescriptorsIsAResourceError_data() { engines(); }
    void noDescriptorsIsAResourceError()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start());
        DescriptorBudget::instance().setLimit(2);
        auto transport = make(engine, server.url(), 1000);
        auto client = transport->createAsyncClient(8);
        DescriptorBudget::instance().setLimit(0);
        std::optional<FetchResult> result;
        client->start([&](const FetchResult &r) { result = r; });
        QVERIFY(!result);
        QVERIFY(pollUntil(*client, [&] { return result.has_value(); }));
        QCOMPARE(result->error, ErrorKind::Resource);
        QCOMPARE(server.requestCount(), 0);
    }

    // Callbacks may start and cancel requests (what the patterns do): a chain of 30, one
    // started from each callback, on a client sized for one.
    void callbacksMayStartRequests_data() { engines(); }
    void callbacksMayStartRequests()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start());
        auto transport = make(engine, server.url(), 5000);
        auto client = transport->createAsyncClient(1);
        int answered = 0;
        std::function<void(const FetchResult &)> next = [&](const FetchResult &r) {
            QCOMPARE(r.status, 200);
            if (++answered < 30)
                client->start(next);
        };
        client->start(next);
        QVERIFY(pollUntil(*client, [&] { return answered == 30 && client->inFlight() == 0; }));
        QCOMPARE(server.requestCount(), 30);
        QCOMPARE(server.maxConcurrent(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAsyncClient)
#include "tst_asyncclient.moc"

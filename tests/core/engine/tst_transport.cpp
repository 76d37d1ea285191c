// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/curltransport.h"
#include "engine/descriptorbudget.h"
#include "engine/qttransport.h"
#include "testhttpserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>
#include <vector>

// Both real engines against the in-process test server: the same outcomes, classified the
// same way.
class TestTransport : public QObject
{
    Q_OBJECT

    std::unique_ptr<Transport> make(const QString &engine, const QUrl &url, int timeoutMs)
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

private Q_SLOTS:
    void statusCodes_data() { engines(); }
    void statusCodes()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int index, const QByteArray &) {
            return TestHttpServer::Response { index % 2 ? 500 : 200, 0, false };
        }));
        auto transport = make(engine, server.url(), 5000);
        auto session = transport->createSession();
        const FetchResult ok = session->fetch();
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.error, ErrorKind::None);
        const FetchResult failed = session->fetch();
        QCOMPARE(failed.status, 500);
        QCOMPARE(failed.error, ErrorKind::Http);
        QCOMPARE(server.requestCount(), 2);
    }

    void timeout_data() { engines(); }
    void timeout()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 3000, false }; }));
        auto transport = make(engine, server.url(), 150);
        auto session = transport->createSession();
        const FetchResult result = session->fetch();
        QCOMPARE(result.error, ErrorKind::Timeout);
        QCOMPARE(result.status, 0);
    }

    void refused_data() { engines(); }
    void refused()
    {
        QFETCH(QString, engine);
        QUrl url(QStringLiteral("http://127.0.0.1/data"));
        url.setPort(TestHttpServer::unusedPort());
        auto transport = make(engine, url, 2000);
        auto session = transport->createSession();
        const FetchResult result = session->fetch();
        QCOMPARE(result.error, ErrorKind::Connection);
    }

    void droppedConnection_data() { engines(); }
    void droppedConnection()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 0, true }; }));
        auto transport = make(engine, server.url(), 2000);
        auto session = transport->createSession();
        const FetchResult result = session->fetch();
        QCOMPARE(result.error, ErrorKind::Reset);
        QCOMPARE(result.status, 0);
    }

    // Hostile loopback servers: both engines classify each answer the same way, follow no
    // redirect and end by the request timeout.
    void hostileAnswers_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("trickleLines"); // > 0: headers that never end
        QTest::addColumn<int>("status");
        QTest::addColumn<ErrorKind>("kind");
        QByteArray manyFields = "HTTP/1.1 200 OK\r\n";
        for (int i = 0; i < 150; ++i)
            manyFields += "X-F" + QByteArray::number(i) + ": 1\r\n";
        manyFields += "Content-Length: 2\r\n\r\nok";
        const QByteArray bigBlock
            = "HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(80 * 1024, 'b') + "\r\nContent-Length: 2\r\n\r\nok";
        const QByteArray hugeBody = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(20 << 20) + "\r\n\r\n"
            + QByteArray(20 << 20, 'x');
        const struct
        {
            const char *name;
            QByteArray raw;
            int trickleLines;
            int status;
            ErrorKind kind;
        } cases[] = {
            { "redirect off loopback",
              "HTTP/1.1 302 Found\r\nLocation: http://192.0.2.1/data\r\nContent-Length: 0\r\n\r\n", 0, 302,
              ErrorKind::Http },
            { "truncated body", "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + QByteArray(100, 'x'), 0, 0,
              ErrorKind::Reset },
            { "negative Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello", 0, 0, ErrorKind::Other },
            { "two Content-Lengths", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nok", 0, 0,
              ErrorKind::Other },
            { "status out of range", "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok", 0, 0, ErrorKind::Reset },
            { "no header field", "HTTP/1.0 200 OK\r\n\r\nhello", 0, 0, ErrorKind::Other },
            { "150 header fields", manyFields, 0, 0, ErrorKind::Other },
            { "80 KB header block", bigBlock, 0, 0, ErrorKind::Other },
            { "not HTTP", "HELLO WORLD\r\n\r\n", 0, 0, ErrorKind::Reset },
            { "closed at once", "", 0, 0, ErrorKind::Reset },
            { "headers that trickle forever", "HTTP/1.1 200 OK\r\n", 1, 0, ErrorKind::Timeout },
            { "20 MB body", hugeBody, 0, 200, ErrorKind::None },
            { "well formed, HTTP/1.0", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 0, 200, ErrorKind::None },
        };
        for (const auto &c : cases) {
            for (const char *engine : { "qt", "curl" })
                QTest::addRow("%s %s", engine, c.name)
                    << QString::fromLatin1(engine) << c.raw << c.trickleLines << c.status << c.kind;
        }
    }

    void hostileAnswers()
    {
        QFETCH(QString, engine);
        QFETCH(QByteArray, raw);
        QFETCH(int, trickleLines);
        QFETCH(int, status);
        QFETCH(ErrorKind, kind);
        TestHttpServer server;
        QVERIFY(server.start([&](int, const QByteArray &) {
            TestHttpServer::Response response;
            response.dropConnection = raw.isEmpty();
            response.raw = raw;
            response.trickleMs = trickleLines > 0 ? 10 : 0;
            response.trickleLines = trickleLines;
            return response;
        }));
        const int timeoutMs = 1500;
        auto transport = make(engine, server.url(), timeoutMs);
        auto session = transport->createSession();
        QElapsedTimer clock;
        clock.start();
        const FetchResult result = session->fetch();
        QCOMPARE(errorKindName(result.error), errorKindName(kind));
        QCOMPARE(result.status, status);
        // Nothing followed, nothing retried by curl. QNAM re-sends on its own after a close
        // before a complete answer (seen up to three times): counted in sends from its
        // requestSent signal. That count and the server's disagree both ways: the signal is
        // not emitted for every re-send (about once in twenty runs here), and under ASan a
        // re-send was counted that the server never read (written into the connection it had
        // just closed). What holds: at least one, and no more than four, on either side.
        if (engine == u"curl") {
            QCOMPARE(result.sends, 1);
            QCOMPARE(server.requestCount(), 1);
        } else {
            const QString counts
                = QStringLiteral("%1 at the server, %2 counted").arg(server.requestCount()).arg(result.sends);
            QVERIFY2(server.requestCount() >= 1 && server.requestCount() <= 4, qPrintable(counts));
            QVERIFY2(result.sends >= 1 && result.sends <= 4, qPrintable(counts));
        }
        // Bounded by the request timeout (a generous margin: this is not a speed test).
        QVERIFY2(clock.elapsed() < timeoutMs + 5000, qPrintable(QString::number(clock.elapsed())));
    }

    // The server's own timing (Server-Timing) reaches the sample from both engines.
    void serverTiming_data() { engines(); }
    void serverTiming()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int index, const QByteArray &) {
            TestHttpServer::Response response;
            response.raw = index == 0
                ? QByteArray("HTTP/1.1 200 OK\r\nServer-Timing: queue;dur=1.500, service;dur=20.250\r\n"
                             "Content-Length: 2\r\n\r\nok")
                : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return response;
        }));
        auto transport = make(engine, server.url(), 5000);
        auto session = transport->createSession();
        const FetchResult timed = session->fetch();
        QCOMPARE(timed.status, 200);
        QCOMPARE(timed.serverQueueUs, 1500);
        QCOMPARE(timed.serverServiceUs, 20250);
        auto second = transport->createSession();
        const FetchResult untimed = second->fetch();
        QCOMPARE(untimed.status, 200);
        QCOMPARE(untimed.serverQueueUs, -1);
        QCOMPARE(untimed.serverServiceUs, -1);
    }

    void serverTimingParser_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("queueUs"); // -1: refused
        QTest::addColumn<int>("serviceUs");
        QTest::addRow("bundled server") << QByteArray("queue;dur=0.000, service;dur=5.123") << 0 << 5123;
        QTest::addRow("any order, extra metric")
            << QByteArray("db;dur=3, service;desc=\"x\";dur=2.5, queue;dur=1") << 1000 << 2500;
        QTest::addRow("one missing") << QByteArray("service;dur=5") << -1 << -1;
        QTest::addRow("negative") << QByteArray("queue;dur=-1, service;dur=5") << -1 << -1;
        QTest::addRow("garbage") << QByteArray(";;;,,dur=") << -1 << -1;
    }

    void serverTimingParser()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, queueUs);
        QFETCH(int, serviceUs);
        std::int32_t queue = -1, service = -1;
        QCOMPARE(parseServerTiming(header, &queue, &service), queueUs >= 0);
        QCOMPARE(queue, queueUs);
        QCOMPARE(service, serviceUs);
    }

    // A redirect to another server on this machine is not followed either: the second
    // server never hears from us.
    void redirectsAreNeverFollowed_data() { engines(); }
    void redirectsAreNeverFollowed()
    {
        QFETCH(QString, engine);
        TestHttpServer target;
        QVERIFY(target.start());
        TestHttpServer server;
        const QByteArray location = target.url().toEncoded();
        QVERIFY(server.start([&](int, const QByteArray &) {
            TestHttpServer::Response response;
            response.raw = "HTTP/1.1 301 Moved\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n";
            return response;
        }));
        auto transport = make(engine, server.url(), 3000);
        auto session = transport->createSession();
        const FetchResult result = session->fetch();
        QCOMPARE(result.status, 301);
        QCOMPARE(result.error, ErrorKind::Http);
        QCOMPARE(target.requestCount(), 0);
    }

    // An endless header flood: curl refuses the block at AnswerHeaders::MaxBytes (Other); Qt
    // 6.4 gives no view of headers before they end, so the qt engine can only end it at the
    // request timeout (Timeout). Neither counts it as an answer, and both end in bounded time.
    void endlessHeaderFloodEndsAsAnError_data() { engines(); }
    void endlessHeaderFloodEndsAsAnError()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) {
            TestHttpServer::Response response;
            response.raw = "HTTP/1.1 200 OK\r\n";
            response.trickleMs = 2;
            response.trickleLines = 2000; // ~150 KB every 2 ms
            return response;
        }));
        auto transport = make(engine, server.url(), 1500);
        auto session = transport->createSession();
        QElapsedTimer clock;
        clock.start();
        const FetchResult result = session->fetch();
        QCOMPARE(result.status, 0);
        QCOMPARE(result.error, engine == u"curl" ? ErrorKind::Other : ErrorKind::Timeout);
        QVERIFY2(clock.elapsed() < 1500 + 5000, qPrintable(QString::number(clock.elapsed())));
    }

    // Out of file descriptors: a session that cannot have its share fails each request as a
    // `resource` error without touching the network, and works again once others are gone.
    void descriptorExhaustionIsAResourceError_data() { engines(); }
    void descriptorExhaustionIsAResourceError()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start());
        DescriptorBudget &budget = DescriptorBudget::instance();
        budget.setLimit(2 * DescriptorBudget::PerSession);
        auto transport = make(engine, server.url(), 5000);
        auto first = transport->createSession();
        auto second = transport->createSession();
        auto third = transport->createSession();
        QCOMPARE(budget.inUse(), 2 * DescriptorBudget::PerSession);
        QCOMPARE(third->fetch().error, ErrorKind::Resource);
        QCOMPARE(server.requestCount(), 0);
        QCOMPARE(first->fetch().status, 200);
        first.reset();
        auto fourth = transport->createSession();
        QCOMPARE(fourth->fetch().status, 200);
        QCOMPARE(server.requestCount(), 2);
        first.reset();
        second.reset();
        third.reset();
        fourth.reset();
        QCOMPARE(budget.inUse(), 0);
        budget.setLimit(0);
        QVERIFY(budget.limit() > 100);
    }

    // Sessions are created and used on worker threads, several at once, each keeping its
    // connection alive across requests.
    void sessionsOnManyThreads_data() { engines(); }
    void sessionsOnManyThreads()
    {
        QFETCH(QString, engine);
        TestHttpServer server;
        QVERIFY(server.start([](int, const QByteArray &) { return TestHttpServer::Response { 200, 5, false }; }));
        auto transport = make(engine, server.url(), 5000);
        std::atomic<int> ok { 0 };
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&] {
                auto session = transport->createSession();
                for (int i = 0; i < 20; ++i)
                    ok += session->fetch().status == 200;
            });
        }
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(ok.load(), 160);
        QCOMPARE(server.requestCount(), 160);
        QVERIFY(server.maxConcurrent() > 1);
        QVERIFY(server.maxConcurrent() <= 8);
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"

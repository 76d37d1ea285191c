// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/curltransport.h"
#include "engine/qttransport.h"
#include "testhttpserver.h"

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
        QVERIFY2(result.error == ErrorKind::Reset || result.error == ErrorKind::Other,
                 qPrintable(errorKindName(result.error)));
        QCOMPARE(result.status, 0);
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

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "run/servercontroller.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

class TestServerController : public QObject
{
    Q_OBJECT

    static int httpGet(const QUrl &url)
    {
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(url);
        request.setTransferTimeout(5000);
        std::unique_ptr<QNetworkReply> reply(nam.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(6000))
            return -1;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    static bool processAlive(qint64 pid) { return pid > 0 && ::kill(pid_t(pid), 0) == 0; }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ServerController::State>();
        QVERIFY2(QFileInfo::exists(ServerController::defaultScript()), qPrintable(ServerController::defaultScript()));
    }

    void startsServesAndStopsCleanly()
    {
        ServerController server;
        QSignalSpy ready(&server, &ServerController::ready);
        QSignalSpy stopped(&server, &ServerController::stopped);
        QSignalSpy failed(&server, &ServerController::failed);
        QSignalSpy log(&server, &ServerController::logLineAvailable);
        ServerParams params;
        params.profile = QStringLiteral("zero");
        server.start(params, 7);
        QCOMPARE(server.state(), ServerController::State::Starting);
        QVERIFY(ready.wait(15000));
        QCOMPARE(server.state(), ServerController::State::Ready);
        QVERIFY(server.port() > 0);
        QCOMPARE(server.baseUrl().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(log.count() >= 1); // the READY line itself
        QCOMPARE(httpGet(server.dataUrl()), 200);
        QUrl health = server.baseUrl();
        health.setPath(QStringLiteral("/health"));
        QCOMPARE(httpGet(health), 200);

        const qint64 pid = server.processId();
        QVERIFY(processAlive(pid));
        server.stop();
        QVERIFY(stopped.wait(10000));
        QCOMPARE(server.state(), ServerController::State::Stopped);
        QCOMPARE(failed.count(), 0); // SIGTERM is a clean exit, not a crash
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 5000);
    }

    void badInterpreterFailsWithReason()
    {
        ServerController server;
        server.setPython(QStringLiteral("/nonexistent/python3"));
        QSignalSpy failed(&server, &ServerController::failed);
        server.start({}, 1);
        QCOMPARE(server.state(), ServerController::State::Failed);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(server.failureReason().contains(QLatin1String("PATTERNLAB_PYTHON")),
                 qPrintable(server.failureReason()));
    }

    void missingFlaskIsExplained()
    {
        // An interpreter that cannot import flask: a shell script standing in for python.
        QTemporaryDir dir;
        const QString fake = dir.filePath(QStringLiteral("python3"));
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\necho 'ModuleNotFoundError: No module named flask' >&2\nexit 1\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        ServerController server;
        server.setPython(fake);
        QSignalSpy failed(&server, &ServerController::failed);
        server.start({}, 1);
        // The Flask check runs in the background: start() returns at once, a window stays live.
        QCOMPARE(server.state(), ServerController::State::Starting);
        QVERIFY(failed.wait(10000));
        QCOMPARE(server.state(), ServerController::State::Failed);
        QVERIFY2(server.failureReason().contains(QLatin1String("apt-get install python3-flask")),
                 qPrintable(server.failureReason()));
        // A failed start can be retried.
        server.setPython(ServerController::defaultPython());
        QVERIFY(server.startAndWait({}, 1));
        server.stopAndWait();
    }

    void stopWhileCheckingForFlask()
    {
        ServerController server;
        QSignalSpy stopped(&server, &ServerController::stopped);
        QSignalSpy ready(&server, &ServerController::ready);
        server.start({}, 1);
        server.stop();
        QCOMPARE(server.state(), ServerController::State::Stopped);
        QCOMPARE(stopped.count(), 1);
        QVERIFY(!ready.wait(1500)); // the server was never launched
        QCOMPARE(server.processId(), 0);
    }

    void portInUseFails()
    {
        ServerController first;
        QVERIFY(first.startAndWait({}, 1));
        ServerController second;
        QVERIFY(!second.startAndWait({}, 1, first.port()));
        QCOMPARE(second.state(), ServerController::State::Failed);
        QVERIFY2(second.failureReason().contains(QLatin1String("in use")), qPrintable(second.failureReason()));
        first.stopAndWait();
    }

    void serverDyingIsReported()
    {
        ServerController server;
        QVERIFY(server.startAndWait({}, 1));
        QSignalSpy failed(&server, &ServerController::failed);
        ::kill(pid_t(server.processId()), SIGKILL);
        QVERIFY(failed.wait(5000));
        QCOMPARE(server.state(), ServerController::State::Failed);
        QVERIFY2(server.failureReason().contains(QLatin1String("unexpectedly")), qPrintable(server.failureReason()));
    }
};

QTEST_GUILESS_MAIN(TestServerController)
#include "tst_servercontroller.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QByteArray>
#include <QUrl>
#include <atomic>
#include <functional>
#include <memory>

class QThread;

// A small HTTP/1.1 server for tests and benchmarks, in-process, on its own thread (so a test
// may block its own thread on a pattern run while the server keeps answering). Keep-alive,
// scripted status and delay per request; delays use timers, so slow answers do not block
// other connections.
class TestHttpServer
{
public:
    struct Response
    {
        Response(int status = 200, int delayMs = 0, bool dropConnection = false)
            : status(status), delayMs(delayMs), dropConnection(dropConnection)
        { }
        int status = 200;
        int delayMs = 0;
        bool dropConnection = false; // close the socket instead of answering (a reset)
        // A hostile answer: these bytes instead of a well-formed response, then the
        // connection is closed (unless trickleMs is set).
        QByteArray raw;
        // After raw, trickleLines more header lines every trickleMs, until the client goes
        // away: an answer whose headers never end (slowly, or as a flood).
        int trickleMs = 0;
        int trickleLines = 1;
    };
    // Called on the server's thread, once per request, in arrival order.
    using Script = std::function<Response(int requestIndex, const QByteArray &path)>;

    TestHttpServer();
    ~TestHttpServer();

    bool start(Script script = {}, quint16 port = 0);
    void stop();

    quint16 port() const { return m_port.load(); }
    QUrl url(const QString &path = QStringLiteral("/data")) const;
    int requestCount() const { return m_requests.load(); }
    int maxConcurrent() const { return m_maxConcurrent.load(); }
    // Requests whose client closed the connection before the answer was written.
    int abandoned() const { return m_abandoned.load(); }

    // A loopback port where nothing listens (bound, then released), for "refused" tests.
    static quint16 unusedPort();

private:
    friend class TestHttpServerWorker;
    std::unique_ptr<QThread> m_thread;
    class TestHttpServerWorker *m_worker = nullptr;
    std::atomic<quint16> m_port { 0 };
    std::atomic<int> m_requests { 0 };
    std::atomic<int> m_concurrent { 0 };
    std::atomic<int> m_maxConcurrent { 0 };
    std::atomic<int> m_abandoned { 0 };
};

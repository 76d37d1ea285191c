// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "testhttpserver.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

class TestHttpServerWorker : public QObject
{
public:
    TestHttpServerWorker(TestHttpServer &owner, TestHttpServer::Script script)
        : m_owner(owner), m_script(std::move(script))
    { }

    bool listen(quint16 port)
    {
        m_server = new QTcpServer(this);
        m_server->setMaxPendingConnections(10000);
        if (!m_server->listen(QHostAddress::LocalHost, port))
            return false;
        m_owner.m_port.store(m_server->serverPort());
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_owner.m_abandoned.fetch_add(m_unanswered.take(socket));
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
            }
        });
        return true;
    }

    void shutdown()
    {
        m_server->close();
        const auto sockets = m_server->findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->abort();
    }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        qsizetype end;
        while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
            const QByteArray head = buffer.left(end);
            buffer.remove(0, end + 4);
            const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
            const QByteArray path = requestLine.size() > 1 ? requestLine[1] : QByteArray("/");
            const bool close = head.toLower().contains("connection: close");
            const int index = m_owner.m_requests.fetch_add(1);
            const int now = m_owner.m_concurrent.fetch_add(1) + 1;
            int seen = m_owner.m_maxConcurrent.load();
            while (now > seen && !m_owner.m_maxConcurrent.compare_exchange_weak(seen, now)) { }
            const TestHttpServer::Response response = m_script ? m_script(index, path) : TestHttpServer::Response {};
            QPointer<QTcpSocket> guard(socket);
            ++m_unanswered[socket];
            auto answer = [this, guard, response, index, close] {
                m_owner.m_concurrent.fetch_sub(1);
                if (!guard)
                    return;
                if (--m_unanswered[guard.data()] == 0)
                    m_unanswered.remove(guard.data());
                if (response.dropConnection) {
                    guard->abort();
                    return;
                }
                if (!response.raw.isEmpty()) {
                    guard->write(response.raw);
                    if (response.trickleMs > 0)
                        trickle(guard, response.trickleMs, response.trickleLines);
                    else
                        guard->disconnectFromHost();
                    return;
                }
                const QByteArray body = response.status < 400
                    ? QByteArray(R"({"message": "Hello, World!", "request_id": )") + QByteArray::number(index) + '}'
                    : QByteArray(R"({"error": "Simulated server error", "request_id": )") + QByteArray::number(index)
                        + '}';
                guard->write("HTTP/1.1 " + QByteArray::number(response.status)
                             + " X\r\n"
                               "Content-Type: application/json\r\nContent-Length: "
                             + QByteArray::number(body.size()) + (close ? "\r\nConnection: close" : "") + "\r\n\r\n"
                             + body);
                if (close)
                    guard->disconnectFromHost();
            };
            if (response.delayMs > 0)
                QTimer::singleShot(response.delayMs, Qt::PreciseTimer, this, answer);
            else
                answer();
        }
    }

    void trickle(QPointer<QTcpSocket> socket, int everyMs, int lines)
    {
        auto *timer = new QTimer(socket.data());
        const QByteArray chunk
            = QByteArray("X-Flood: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n")
                  .repeated(lines);
        connect(timer, &QTimer::timeout, socket.data(), [socket, timer, chunk] {
            if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
                timer->stop();
                return;
            }
            if (socket->bytesToWrite() < 4 * chunk.size()) // a flood, not an unbounded buffer
                socket->write(chunk);
        });
        timer->start(everyMs);
    }

    TestHttpServer &m_owner;
    TestHttpServer::Script m_script;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, int> m_unanswered; // requests read, answer not yet written
};

TestHttpServer::TestHttpServer() = default;

TestHttpServer::~TestHttpServer()
{
    stop();
}

bool TestHttpServer::start(Script script, quint16 port)
{
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("TestHttpServer"));
    m_worker = new TestHttpServerWorker(*this, std::move(script));
    m_worker->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
    bool listening = false;
    QMetaObject::invokeMethod(
        m_worker, [&] { listening = m_worker->listen(port); }, Qt::BlockingQueuedConnection);
    return listening;
}

void TestHttpServer::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_worker = nullptr;
}

QUrl TestHttpServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

quint16 TestHttpServer::unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

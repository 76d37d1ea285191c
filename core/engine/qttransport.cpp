// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/qttransport.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

namespace {

FetchResult classify(QNetworkReply *reply, bool timedOut)
{
    if (timedOut)
        return { 0, ErrorKind::Timeout };
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (statusAttr.isValid())
        return httpResult(statusAttr.toInt());
    switch (reply->error()) {
    case QNetworkReply::NoError:
        return { 0, ErrorKind::Other }; // finished without an HTTP status: not a valid answer
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        return { 0, ErrorKind::Connection };
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::UnknownNetworkError:
        return { 0, ErrorKind::Reset };
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return { 0, ErrorKind::Timeout };
    default:
        return { 0, ErrorKind::Other };
    }
}

class QtSession : public TransportSession
{
public:
    QtSession(const QUrl &url, int timeoutMs) : m_request(url), m_timeoutMs(timeoutMs)
    {
        m_nam.setProxy(QNetworkProxy::NoProxy); // loopback only, whatever http_proxy says
        m_nam.setAutoDeleteReplies(false);
        m_request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        m_request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
    }

    FetchResult fetch() override
    {
        std::unique_ptr<QNetworkReply> reply(m_nam.get(m_request));
        bool timedOut = false;
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        // The loop must exist before the timer starts: constructing it gives this plain
        // std::thread the event dispatcher that QTimer needs.
        const auto timerConnection = QObject::connect(&m_timer, &QTimer::timeout, &loop, [&] {
            if (reply->isFinished())
                return; // the answer and the deadline landed in the same event pass: it is an answer
            timedOut = true;
            reply->abort(); // emits finished(), which quits the loop
        });
        m_timer.start(m_timeoutMs);
        if (!reply->isFinished())
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        m_timer.stop();
        QObject::disconnect(timerConnection);
        reply->readAll(); // drain the body so the connection can be reused
        return classify(reply.get(), timedOut);
    }

private:
    QNetworkAccessManager m_nam;
    QNetworkRequest m_request;
    QTimer m_timer;
    const int m_timeoutMs;
};

} // namespace

QtTransport::QtTransport(QUrl url, int timeoutMs) : m_url(std::move(url)), m_timeoutMs(timeoutMs) { }

std::unique_ptr<TransportSession> QtTransport::createSession()
{
    return std::make_unique<QtSession>(m_url, m_timeoutMs);
}

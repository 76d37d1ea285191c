// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/qttransport.h"

#include "engine/descriptorbudget.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

namespace {

// How a finished reply ended, the way the curl engine would say it (tst_transport holds the
// two engines to the same table of hostile answers).
FetchResult classify(QNetworkReply *reply, bool timedOut, const AnswerHeaders &headers)
{
    if (timedOut)
        return { 0, ErrorKind::Timeout };
    const QNetworkReply::NetworkError error = reply->error();
    const bool httpLevel = error == QNetworkReply::NoError
        || (error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownContentError)
        || (error >= QNetworkReply::InternalServerError && error <= QNetworkReply::UnknownServerError);
    if (!httpLevel) {
        // The transfer itself failed, even if a status line had arrived (a truncated body,
        // a broken chunk): never an answer.
        switch (error) {
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
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid() || !headers.valid())
        return { 0, ErrorKind::Other }; // finished without a valid HTTP answer
    return httpResult(status.toInt());
}

class QtSession : public TransportSession
{
public:
    QtSession(const QUrl &url, int timeoutMs, std::unique_ptr<DescriptorShare> share)
        : m_share(std::move(share)), m_request(url), m_timeoutMs(timeoutMs)
    {
        m_nam.setProxy(QNetworkProxy::NoProxy); // loopback only, whatever http_proxy says
        m_nam.setAutoDeleteReplies(false);
        // Never follow a redirect: a loopback server must not send us anywhere else; the
        // 3xx is recorded (as curl does).
        m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        m_request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        m_request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
    }

    FetchResult fetch() override
    {
        std::unique_ptr<QNetworkReply> reply(m_nam.get(m_request));
        // Bodies are thrown away as they arrive: a 50 MB answer costs a read buffer, not 50 MB.
        reply->setReadBufferSize(64 * 1024);
        bool timedOut = false;
        int sends = 0;
        QObject::connect(reply.get(), &QNetworkReply::requestSent, reply.get(), [&sends] { ++sends; });
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(reply.get(), &QIODevice::readyRead, &loop, [&] { reply->skip(reply->bytesAvailable()); });
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
        reply->readAll(); // drain the rest so the connection can be reused
        m_headers.reset();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            m_headers.addLine(QByteArray(name + ": " + value));
        FetchResult result = classify(reply.get(), timedOut, m_headers);
        result.sends = std::max(sends, 1);
        if (result.status > 0)
            parseServerTiming(reply->rawHeader("Server-Timing"), &result.serverQueueUs, &result.serverServiceUs);
        return result;
    }

private:
    std::unique_ptr<DescriptorShare> m_share; // first in, last out
    QNetworkAccessManager m_nam;
    QNetworkRequest m_request;
    QTimer m_timer;
    AnswerHeaders m_headers;
    const int m_timeoutMs;
};

} // namespace

QtTransport::QtTransport(QUrl url, int timeoutMs) : m_url(std::move(url)), m_timeoutMs(timeoutMs) { }

std::unique_ptr<TransportSession> QtTransport::createSession()
{
    // The share is taken before QNAM, its thread or an event loop exist: without it, none
    // of them is created (Qt would abort the process when a descriptor is refused).
    auto share = std::make_unique<DescriptorShare>();
    if (!share->held())
        return std::make_unique<UnavailableSession>();
    return std::make_unique<QtSession>(m_url, m_timeoutMs, std::move(share));
}

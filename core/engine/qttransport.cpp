// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/qttransport.h"

#include "engine/descriptorbudget.h"
#include "engine/wakeuptimer.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <map>
#include <vector>

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

// The same settings for every manager and request of both clients.
void configureManager(QNetworkAccessManager &nam)
{
    nam.setProxy(QNetworkProxy::NoProxy); // loopback only, whatever http_proxy says
    nam.setAutoDeleteReplies(false);
    // Never follow a redirect: a loopback server must not send us anywhere else; the 3xx is
    // recorded (as curl does).
    nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void configureRequest(QNetworkRequest &request)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
}

// The answer's header block through the shared checks, then the classification.
FetchResult finishedResult(QNetworkReply *reply, bool timedOut, AnswerHeaders &headers)
{
    headers.reset();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        headers.addLine(QByteArray(name + ": " + value));
    FetchResult result = classify(reply, timedOut, headers);
    if (result.status > 0)
        parseServerTiming(reply->rawHeader("Server-Timing"), &result.serverQueueUs, &result.serverServiceUs);
    return result;
}

class QtSession : public TransportSession
{
public:
    QtSession(const QUrl &url, int timeoutMs, std::unique_ptr<DescriptorShare> share)
        : m_share(std::move(share)), m_request(url), m_timeoutMs(timeoutMs)
    {
        configureManager(m_nam);
        configureRequest(m_request);
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
        QByteArray body;
        const auto take = [&] {
            if (m_keepBody && body.size() < MaxKeptBody)
                body += reply->read(MaxKeptBody - body.size());
            reply->skip(reply->bytesAvailable());
        };
        QObject::connect(reply.get(), &QIODevice::readyRead, &loop, take);
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
        take(); // drain the rest so the connection can be reused
        FetchResult result = finishedResult(reply.get(), timedOut, m_headers);
        result.sends = std::max(sends, 1);
        if (result.error == ErrorKind::None)
            result.body = std::move(body);
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

// Several requests in flight from one thread. Qt 6.4's QNAM opens at most 6 connections to
// one host and queues the rest, so the client spreads its requests over ceil(max / 6)
// managers, always the least busy one. Each manager runs its HTTP work on a thread of its
// own (Qt's design): the pattern's side has one thread, the client's side one per manager.
class QtAsyncClient : public AsyncClient
{
public:
    QtAsyncClient(const QUrl &url, int timeoutMs, int maxInFlight, std::unique_ptr<DescriptorShare> share)
        : m_share(std::move(share)), m_request(url), m_timeoutMs(timeoutMs)
    {
        const int managers = std::max(1, (maxInFlight + ConnectionsPerManager - 1) / ConnectionsPerManager);
        for (int i = 0; i < managers; ++i) {
            auto nam = std::make_unique<QNetworkAccessManager>();
            configureManager(*nam);
            m_managers.push_back({ std::move(nam), 0 });
        }
        configureRequest(m_request);
        {
            QEventLoop createsTheDispatcher;
        } // this thread's event dispatcher, before any timer
        m_pollTimer.setSingleShot(true);
        m_pollTimer.setTimerType(Qt::PreciseTimer);
        if (m_timer.valid()) {
            m_timerNotifier = std::make_unique<QSocketNotifier>(m_timer.fd(), QSocketNotifier::Read);
            m_timerNotifier->setEnabled(false);
            QObject::connect(m_timerNotifier.get(), &QSocketNotifier::activated, &m_receiver, [this] { quitLoop(); });
        }
    }

    ~QtAsyncClient() override
    {
        // Abort without callbacks: disconnect first, so finished() reaches nobody.
        for (auto &[id, request] : m_inFlight) {
            QObject::disconnect(request.reply.get(), nullptr, nullptr, nullptr);
            request.reply->abort();
        }
        m_inFlight.clear();
    }

    RequestId start(Callback done) override
    {
        const RequestId id = ++m_lastId;
        auto manager = std::min_element(m_managers.begin(), m_managers.end(),
                                        [](const Manager &a, const Manager &b) { return a.inFlight < b.inFlight; });
        ++manager->inFlight;
        Request &request = m_inFlight[id];
        request.done = std::move(done);
        request.manager = int(manager - m_managers.begin());
        request.deadline = Clock::now() + std::chrono::milliseconds(m_timeoutMs);
        request.reply.reset(manager->nam->get(m_request));
        QNetworkReply *reply = request.reply.get();
        reply->setReadBufferSize(64 * 1024);
        QObject::connect(reply, &QNetworkReply::requestSent, &m_receiver, [this, id] {
            if (const auto it = m_inFlight.find(id); it != m_inFlight.end())
                ++it->second.sends;
        });
        QObject::connect(reply, &QIODevice::readyRead, &m_receiver, [reply] { reply->skip(reply->bytesAvailable()); });
        QObject::connect(reply, &QNetworkReply::finished, &m_receiver, [this, id] { finish(id); });
        return id;
    }

    void cancel(RequestId id) override
    {
        const auto it = m_inFlight.find(id);
        if (it == m_inFlight.end())
            return;
        it->second.outcome = Outcome::Aborted;
        it->second.reply->abort(); // closes its connection; finished() files the result
    }

    void cancelAll() override
    {
        std::vector<RequestId> ids;
        for (const auto &[id, request] : m_inFlight)
            ids.push_back(id);
        for (const RequestId id : ids)
            cancel(id);
    }

    void poll(std::chrono::microseconds maxWait) override
    {
        const auto until = Clock::now() + maxWait;
        if (m_ready.empty() && !m_woken.exchange(false)) {
            // Wake at the earliest per-request deadline, at the latest at `until`.
            auto wakeAt = until;
            for (const auto &[id, request] : m_inFlight)
                wakeAt = std::min(wakeAt, request.deadline);
            const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wakeAt - Clock::now());
            QEventLoop loop;
            m_loop = &loop;
            const auto connection = QObject::connect(&m_pollTimer, &QTimer::timeout, &loop, &QEventLoop::quit);
            m_pollTimer.start(std::max<qint64>(0, wait.count())); // whole milliseconds: the backstop
            m_timer.armAt(wakeAt); // on time, to the microsecond
            if (m_timerNotifier)
                m_timerNotifier->setEnabled(true);
            loop.exec(QEventLoop::ExcludeUserInputEvents);
            if (m_timerNotifier)
                m_timerNotifier->setEnabled(false);
            m_timer.disarm();
            m_pollTimer.stop();
            QObject::disconnect(connection);
            m_loop = nullptr;
        } else {
            QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        }
        expireOverdue();
        deliver();
    }

    void wake() override
    {
        m_woken.store(true);
        QMetaObject::invokeMethod(
            &m_receiver, [this] { quitLoop(); }, Qt::QueuedConnection);
    }

    int inFlight() const override { return int(m_inFlight.size() + m_ready.size()); }

private:
    using Clock = std::chrono::steady_clock;
    static constexpr int ConnectionsPerManager = 6; // Qt 6.4's per-host limit
    enum class Outcome { Pending, TimedOut, Aborted };

    struct Manager
    {
        std::unique_ptr<QNetworkAccessManager> nam;
        int inFlight;
    };
    struct Request
    {
        std::unique_ptr<QNetworkReply> reply;
        Callback done;
        Clock::time_point deadline;
        int manager = 0;
        int sends = 0;
        Outcome outcome = Outcome::Pending;
    };

    struct Finished
    {
        std::unique_ptr<QNetworkReply> reply;
        Callback done;
        FetchResult result;
    };

    void quitLoop()
    {
        if (m_loop)
            m_loop->quit();
    }

    void finish(RequestId id)
    {
        const auto it = m_inFlight.find(id);
        if (it == m_inFlight.end())
            return;
        Request &request = it->second;
        QNetworkReply *reply = request.reply.get();
        FetchResult result;
        if (request.outcome == Outcome::Aborted) {
            result = { 0, ErrorKind::Aborted };
        } else {
            if (reply->isOpen())
                reply->readAll(); // what is left of the body, so the connection can be reused
            result = finishedResult(reply, request.outcome == Outcome::TimedOut, m_headers);
        }
        result.sends = std::max(request.sends, 1);
        --m_managers[std::size_t(request.manager)].inFlight;
        // The reply is deleted in deliver(), not here: this runs inside its finished() signal.
        m_ready.push_back({ std::move(request.reply), std::move(request.done), result });
        m_inFlight.erase(it);
        quitLoop();
    }

    void expireOverdue()
    {
        const auto now = Clock::now();
        std::vector<RequestId> overdue;
        for (const auto &[id, request] : m_inFlight) {
            if (request.deadline <= now && request.outcome == Outcome::Pending)
                overdue.push_back(id);
        }
        for (const RequestId id : overdue) {
            const auto it = m_inFlight.find(id);
            if (it == m_inFlight.end() || it->second.reply->isFinished())
                continue; // answered in the same pass: it is an answer
            it->second.outcome = Outcome::TimedOut;
            it->second.reply->abort();
        }
    }

    // Callbacks run last, outside any Qt signal: they may start and cancel requests.
    void deliver()
    {
        std::vector<Finished> ready;
        ready.swap(m_ready);
        for (Finished &finished : ready) {
            finished.reply.reset();
            finished.done(finished.result);
        }
    }

    std::unique_ptr<DescriptorShare> m_share; // first in, last out
    std::vector<Manager> m_managers;
    QNetworkRequest m_request;
    QObject m_receiver; // the context of every connection: lives on this thread
    QTimer m_pollTimer;
    WakeupTimer m_timer;
    std::unique_ptr<QSocketNotifier> m_timerNotifier; // m_timer readable: the wait is over
    AnswerHeaders m_headers;
    std::map<RequestId, Request> m_inFlight;
    std::vector<Finished> m_ready; // finished, their callbacks not yet called
    QEventLoop *m_loop = nullptr;
    std::atomic<bool> m_woken { false };
    RequestId m_lastId = 0;
    const int m_timeoutMs;
};

} // namespace

QtTransport::QtTransport(QUrl url, int timeoutMs) : m_url(std::move(url)), m_timeoutMs(timeoutMs) { }

std::unique_ptr<TransportSession> QtTransport::createSession(Endpoint endpoint)
{
    // The share is taken before QNAM, its thread or an event loop exist: without it, none
    // of them is created (Qt would abort the process when a descriptor is refused).
    auto share = std::make_unique<DescriptorShare>();
    if (!share->held())
        return std::make_unique<UnavailableSession>();
    return std::make_unique<QtSession>(endpointUrl(m_url, endpoint), m_timeoutMs, std::move(share));
}

std::unique_ptr<AsyncClient> QtTransport::createAsyncClient(int maxInFlight)
{
    // A socket per request in flight, the managers' threads' wake-up descriptors and ours.
    const int managers = (std::max(1, maxInFlight) + 5) / 6;
    auto share = std::make_unique<DescriptorShare>(maxInFlight + 2 * managers + 2); // + the timer
    if (!share->held())
        return std::make_unique<UnavailableAsyncClient>();
    return std::make_unique<QtAsyncClient>(m_url, m_timeoutMs, maxInFlight, std::move(share));
}

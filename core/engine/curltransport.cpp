// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/curltransport.h"

#include "engine/descriptorbudget.h"
#include "engine/wakeuptimer.h"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <map>
#include <mutex>
#include <vector>

namespace {

size_t discardBody(char *, size_t size, size_t count, void *)
{
    return size * count;
}

size_t keepBody(char *data, size_t size, size_t count, void *target)
{
    auto *body = static_cast<QByteArray *>(target);
    const qsizetype room = TransportSession::MaxKeptBody - body->size();
    body->append(data, std::min<qsizetype>(room, qsizetype(size * count)));
    return size * count;
}

// Every header line goes through the same checks as the qt engine's (AnswerHeaders). The
// status line starts a new header block (a 100 Continue is followed by the real one).
struct HeaderState
{
    AnswerHeaders checks;
    std::int32_t serverQueueUs = -1;
    std::int32_t serverServiceUs = -1;
};

size_t checkHeader(char *data, size_t size, size_t count, void *user)
{
    auto *state = static_cast<HeaderState *>(user);
    const QByteArrayView line(data, qsizetype(size * count));
    if (line.startsWith("HTTP/")) {
        *state = HeaderState {};
        return size * count;
    }
    state->checks.addLine(line.trimmed());
    constexpr QByteArrayView timing("server-timing:");
    if (line.size() > timing.size() && line.first(timing.size()).compare(timing, Qt::CaseInsensitive) == 0)
        parseServerTiming(line.sliced(timing.size()), &state->serverQueueUs, &state->serverServiceUs);
    return size * count;
}

FetchResult classify(CURLcode code, CURL *handle, const AnswerHeaders &headers)
{
    if (code != CURLE_OK) {
        // Out of descriptors shows up as "could not connect": it is the client's own limit.
        long osErrno = 0;
        curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &osErrno);
        if (osErrno == EMFILE || osErrno == ENFILE)
            return { 0, ErrorKind::Resource };
    }
    switch (code) {
    case CURLE_OK: {
        if (!headers.valid())
            return { 0, ErrorKind::Other };
        long status = 0;
        curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
        return httpResult(int(status));
    }
    case CURLE_OPERATION_TIMEDOUT:
        return { 0, ErrorKind::Timeout };
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
        return { 0, ErrorKind::Connection };
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_UNSUPPORTED_PROTOCOL: // bytes that are not HTTP (curl: "HTTP/0.9"), then the close
        // A header block our checks refused (too large, a bad Content-Length) makes curl
        // give up too; it is an invalid answer, as the qt engine says, not a broken link.
        return { 0, headers.refused() ? ErrorKind::Other : ErrorKind::Reset };
    default:
        return { 0, ErrorKind::Other };
    }
}

// The options every easy handle gets, blocking or not.
void configureEasy(CURL *handle, const QByteArray &url, int timeoutMs, HeaderState *headers)
{
    curl_easy_setopt(handle, CURLOPT_URL, url.constData());
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L); // no SIGALRM games across threads
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(handle, CURLOPT_PROXY, ""); // loopback only, whatever http_proxy says
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &discardBody);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &checkHeader);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, headers);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L); // never leave the server we were given
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http");
    curl_easy_setopt(handle, CURLOPT_TCP_NODELAY, 1L);
}

FetchResult finishedResult(CURLcode code, CURL *handle, const HeaderState &headers)
{
    FetchResult result = classify(code, handle, headers.checks);
    if (result.status > 0) {
        result.serverQueueUs = headers.serverQueueUs;
        result.serverServiceUs = headers.serverServiceUs;
    }
    return result;
}

// Many transfers on one thread through the multi interface. Easy handles are kept and
// reused (with their header state); the multi handle keeps up to maxInFlight connections
// open between requests, so a steady run reuses them as the blocking sessions do.
class CurlAsyncClient : public AsyncClient
{
public:
    CurlAsyncClient(const QByteArray &url, int timeoutMs, int maxInFlight, std::unique_ptr<DescriptorShare> share)
        : m_share(std::move(share)), m_multi(curl_multi_init()), m_url(url), m_timeoutMs(timeoutMs)
    {
        if (!m_multi)
            return;
        curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, long(std::max(1, maxInFlight)));
        curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, long(std::max(1, maxInFlight)));
    }

    ~CurlAsyncClient() override
    {
        for (auto &[id, transfer] : m_inFlight)
            curl_multi_remove_handle(m_multi, transfer->handle);
        m_inFlight.clear();
        m_ready.clear();
        m_spare.clear(); // easy handles before the multi handle
        if (m_multi)
            curl_multi_cleanup(m_multi);
    }

    RequestId start(Callback done) override
    {
        const RequestId id = ++m_lastId;
        std::unique_ptr<Transfer> transfer = takeSpare();
        transfer->id = id;
        transfer->done = std::move(done);
        transfer->headers = HeaderState {};
        if (!m_multi || !transfer->handle || curl_multi_add_handle(m_multi, transfer->handle) != CURLM_OK) {
            m_ready.push_back({ std::move(transfer), FetchResult { 0, ErrorKind::Resource } });
            return id;
        }
        curl_easy_setopt(transfer->handle, CURLOPT_PRIVATE, transfer.get());
        m_inFlight.emplace(id, std::move(transfer));
        return id;
    }

    void cancel(RequestId id) override
    {
        const auto it = m_inFlight.find(id);
        if (it == m_inFlight.end())
            return;
        // Removed before it completed, the transfer's connection is closed, not kept.
        curl_multi_remove_handle(m_multi, it->second->handle);
        m_ready.push_back({ std::move(it->second), FetchResult { 0, ErrorKind::Aborted } });
        m_inFlight.erase(it);
    }

    void cancelAll() override
    {
        while (!m_inFlight.empty())
            cancel(m_inFlight.begin()->first);
    }

    void poll(std::chrono::microseconds maxWait) override
    {
        const auto until = std::chrono::steady_clock::now() + maxWait;
        collect();
        if (m_ready.empty() && m_multi)
            m_timer.armAt(until); // curl's timeout counts whole milliseconds: this wakes on time
        curl_waitfd timer { m_timer.fd(), CURL_WAIT_POLLIN, 0 };
        while (m_ready.empty() && !m_woken.exchange(false) && m_multi) {
            const auto left = until - std::chrono::steady_clock::now();
            if (left.count() <= 0)
                break;
            // Returns on socket activity, curl's own timeouts, wakeup(), the timer or `left`.
            curl_multi_poll(m_multi, m_timer.valid() ? &timer : nullptr, m_timer.valid() ? 1 : 0,
                            int(std::chrono::ceil<std::chrono::milliseconds>(left).count()), nullptr);
            collect();
        }
        m_timer.disarm();
        deliver();
    }

    void wake() override
    {
        m_woken.store(true);
        if (m_multi)
            curl_multi_wakeup(m_multi);
    }

    int inFlight() const override { return int(m_inFlight.size() + m_ready.size()); }

private:
    struct Transfer
    {
        CURL *handle = nullptr;
        RequestId id = 0;
        Callback done;
        HeaderState headers;
        ~Transfer()
        {
            if (handle)
                curl_easy_cleanup(handle);
        }
    };
    struct Finished
    {
        std::unique_ptr<Transfer> transfer;
        FetchResult result;
    };

    std::unique_ptr<Transfer> takeSpare()
    {
        if (!m_spare.empty()) {
            auto transfer = std::move(m_spare.back());
            m_spare.pop_back();
            return transfer;
        }
        auto transfer = std::make_unique<Transfer>();
        transfer->handle = curl_easy_init();
        if (transfer->handle)
            configureEasy(transfer->handle, m_url, m_timeoutMs, &transfer->headers);
        return transfer;
    }

    // Runs the transfers and moves the finished ones to m_ready.
    void collect()
    {
        if (!m_multi)
            return;
        int running = 0;
        curl_multi_perform(m_multi, &running);
        int queued = 0;
        while (CURLMsg *message = curl_multi_info_read(m_multi, &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            Transfer *transfer = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
            const CURLcode code = message->data.result; // read before the handle is removed
            const auto it = m_inFlight.find(transfer->id);
            if (it == m_inFlight.end())
                continue;
            curl_multi_remove_handle(m_multi, transfer->handle);
            m_ready.push_back({ std::move(it->second), finishedResult(code, transfer->handle, transfer->headers) });
            m_inFlight.erase(it);
        }
    }

    // Callbacks run last: they may start and cancel requests.
    void deliver()
    {
        std::vector<Finished> ready;
        ready.swap(m_ready);
        for (Finished &finished : ready) {
            Callback done = std::move(finished.transfer->done);
            m_spare.push_back(std::move(finished.transfer));
            done(finished.result);
        }
    }

    std::unique_ptr<DescriptorShare> m_share; // first in, last out
    CURLM *m_multi;
    WakeupTimer m_timer;
    const QByteArray m_url;
    const int m_timeoutMs;
    std::map<RequestId, std::unique_ptr<Transfer>> m_inFlight;
    std::vector<Finished> m_ready;
    std::vector<std::unique_ptr<Transfer>> m_spare;
    std::atomic<bool> m_woken { false };
    RequestId m_lastId = 0;
};

class CurlSession : public TransportSession
{
public:
    CurlSession(const QByteArray &url, int timeoutMs, std::unique_ptr<DescriptorShare> share)
        : m_share(std::move(share)), m_handle(curl_easy_init())
    {
        if (!m_handle)
            return;
        configureEasy(m_handle, url, timeoutMs, &m_headers);
    }
    ~CurlSession() override
    {
        if (m_handle)
            curl_easy_cleanup(m_handle);
    }

    FetchResult fetch() override
    {
        if (!m_handle)
            return { 0, ErrorKind::Resource };
        m_headers = HeaderState {};
        QByteArray body;
        if (m_keepBody) {
            curl_easy_setopt(m_handle, CURLOPT_WRITEFUNCTION, &keepBody);
            curl_easy_setopt(m_handle, CURLOPT_WRITEDATA, &body);
        }
        FetchResult result = finishedResult(curl_easy_perform(m_handle), m_handle, m_headers);
        if (result.error == ErrorKind::None)
            result.body = std::move(body);
        return result;
    }

private:
    std::unique_ptr<DescriptorShare> m_share;
    CURL *m_handle;
    HeaderState m_headers;
};

} // namespace

CurlTransport::CurlTransport(const QUrl &url, int timeoutMs) : m_url(url.toEncoded()), m_timeoutMs(timeoutMs)
{
    // curl_global_init is not thread-safe: do it once, before any worker starts.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::unique_ptr<TransportSession> CurlTransport::createSession(Endpoint endpoint)
{
    auto share = std::make_unique<DescriptorShare>();
    if (!share->held())
        return std::make_unique<UnavailableSession>();
    const QByteArray url
        = endpoint == Endpoint::Data ? m_url : endpointUrl(QUrl::fromEncoded(m_url), endpoint).toEncoded();
    return std::make_unique<CurlSession>(url, m_timeoutMs, std::move(share));
}

std::unique_ptr<AsyncClient> CurlTransport::createAsyncClient(int maxInFlight)
{
    // A socket per request in flight, the multi handle's wake-up pair and its poll.
    auto share
        = std::make_unique<DescriptorShare>(std::max(1, maxInFlight) + DescriptorBudget::PerSession + 1); // + the timer
    if (!share->held())
        return std::make_unique<UnavailableAsyncClient>();
    return std::make_unique<CurlAsyncClient>(m_url, m_timeoutMs, maxInFlight, std::move(share));
}

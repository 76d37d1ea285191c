// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/curltransport.h"

#include "engine/descriptorbudget.h"

#include <curl/curl.h>

#include <cerrno>
#include <mutex>

namespace {

size_t discardBody(char *, size_t size, size_t count, void *)
{
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

class CurlSession : public TransportSession
{
public:
    CurlSession(const QByteArray &url, int timeoutMs, std::unique_ptr<DescriptorShare> share)
        : m_share(std::move(share)), m_handle(curl_easy_init())
    {
        if (!m_handle)
            return;
        curl_easy_setopt(m_handle, CURLOPT_URL, url.constData());
        curl_easy_setopt(m_handle, CURLOPT_NOSIGNAL, 1L); // no SIGALRM games across threads
        curl_easy_setopt(m_handle, CURLOPT_TIMEOUT_MS, long(timeoutMs));
        curl_easy_setopt(m_handle, CURLOPT_PROXY, ""); // loopback only, whatever http_proxy says
        curl_easy_setopt(m_handle, CURLOPT_WRITEFUNCTION, &discardBody);
        curl_easy_setopt(m_handle, CURLOPT_HEADERFUNCTION, &checkHeader);
        curl_easy_setopt(m_handle, CURLOPT_HEADERDATA, &m_headers);
        curl_easy_setopt(m_handle, CURLOPT_FOLLOWLOCATION, 0L); // never leave the server we were given
        curl_easy_setopt(m_handle, CURLOPT_PROTOCOLS_STR, "http");
        curl_easy_setopt(m_handle, CURLOPT_TCP_NODELAY, 1L);
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
        FetchResult result = classify(curl_easy_perform(m_handle), m_handle, m_headers.checks);
        if (result.status > 0) {
            result.serverQueueUs = m_headers.serverQueueUs;
            result.serverServiceUs = m_headers.serverServiceUs;
        }
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

std::unique_ptr<TransportSession> CurlTransport::createSession()
{
    auto share = std::make_unique<DescriptorShare>();
    if (!share->held())
        return std::make_unique<UnavailableSession>();
    return std::make_unique<CurlSession>(m_url, m_timeoutMs, std::move(share));
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/sample.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QUrl>
#include <memory>

class AsyncClient;
struct RunConfig;

struct FetchResult
{
    int status = 0; // HTTP status, 0 without an HTTP answer
    ErrorKind error = ErrorKind::None;
    // Times the request went on the wire: Qt 6.4's QNAM silently re-sends a request (seen up
    // to three times) when its connection closes before any answer; recorded, not hidden.
    int sends = 1;
    // The server's own account, from `Server-Timing: queue;dur=MS, service;dur=MS` (the
    // bundled server sends it); -1 when absent.
    std::int32_t serverQueueUs = -1;
    std::int32_t serverServiceUs = -1;
    // The answer's body, only from a session that keeps bodies (TransportSession::setKeepBody).
    QByteArray body {};
};

// Reads `queue;dur=1.234, service;dur=5.678` (milliseconds) into microseconds; false when the
// header does not hold both.
bool parseServerTiming(QByteArrayView value, std::int32_t *queueUs, std::int32_t *serviceUs);

// One client connection context, owned and used by exactly one thread: it is created,
// used and destroyed on the worker thread (a QNetworkAccessManager is thread-affine).
class TransportSession
{
public:
    static constexpr qsizetype MaxKeptBody = 64 * 1024;
    virtual ~TransportSession() = default;
    // One GET of the configured URL; blocks; returns within the per-request timeout.
    virtual FetchResult fetch() = 0;
    // Keep each answer's body (its first MaxKeptBody bytes) in FetchResult::body: the
    // pipeline's parse stage reads it. Off by default: bodies are thrown away as they arrive.
    void setKeepBody(bool keep) { m_keepBody = keep; }

protected:
    bool m_keepBody = false;
};

// A session that could not get its file descriptors (DescriptorBudget): every request is a
// `resource` error, at once, without touching the network.
class UnavailableSession : public TransportSession
{
public:
    FetchResult fetch() override { return { 0, ErrorKind::Resource }; }
};

// What a session fetches: the configured URL (GET /data), or the same server's GET /token
// (the once pattern's slow login).
enum class Endpoint { Data, Token };
QUrl endpointUrl(const QUrl &dataUrl, Endpoint endpoint);

// A transport engine. createSession() and createAsyncClient() may be called from any thread,
// concurrently; what they return belongs to the calling thread.
class Transport
{
public:
    virtual ~Transport() = default;
    virtual std::unique_ptr<TransportSession> createSession(Endpoint endpoint = Endpoint::Data) = 0;
    // Sized for up to maxInFlight requests at once (asyncclient.h).
    virtual std::unique_ptr<AsyncClient> createAsyncClient(int maxInFlight) = 0;
};

// Classifies an HTTP status the same way for every engine: a 2xx is an answer; any other
// status (a 3xx redirect, which no engine follows, a 4xx, a 5xx) is an HTTP error with its
// status recorded; a status outside 100..599 is not an HTTP status line at all (curl reads
// it as HTTP/0.9 garbage), so no valid answer arrived: Reset, as for any other garbage.
inline FetchResult httpResult(int status)
{
    if (status < 100 || status > 599)
        return { 0, ErrorKind::Reset };
    return { status, status >= 200 && status < 300 ? ErrorKind::None : ErrorKind::Http };
}

// The checks both engines make on an answer's header block, so that they classify a
// hostile answer the same way (ErrorKind::Other), whatever the engine's own parser let
// through: no header field at all (an origin server must at least send Date; Qt 6.4 also
// drops every field of a block past its own limits and says nothing), more than MaxFields
// fields or MaxBytes bytes, or a Content-Length that is not one non-negative number.
class AnswerHeaders
{
public:
    static constexpr qsizetype MaxBytes = 64 * 1024;
    static constexpr int MaxFields = 100; // Qt 6.4's own limit

    void reset() { *this = {}; }
    // One header line as received ("Name: value", with or without CRLF; the empty line
    // that ends the block is ignored).
    void addLine(QByteArrayView line);
    bool valid() const { return m_fields > 0 && !refused(); }
    // Positive evidence of a hostile block (too large, a bad Content-Length).
    bool refused() const { return m_tooLarge || m_badLength; }

private:
    qsizetype m_bytes = 0;
    int m_fields = 0;
    bool m_tooLarge = false;
    bool m_badLength = false;
    qint64 m_length = -1;
};

// The engine named in the config (qt or curl) for its URL and timeout.
std::unique_ptr<Transport> createTransport(const RunConfig &config);

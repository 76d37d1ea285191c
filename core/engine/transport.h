// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/sample.h"

#include <QUrl>
#include <memory>

struct RunConfig;

struct FetchResult
{
    int status = 0; // HTTP status, 0 without an HTTP answer
    ErrorKind error = ErrorKind::None;
};

// One client connection context, owned and used by exactly one thread: it is created,
// used and destroyed on the worker thread (a QNetworkAccessManager is thread-affine).
class TransportSession
{
public:
    virtual ~TransportSession() = default;
    // One GET of the configured URL; blocks; returns within the per-request timeout.
    virtual FetchResult fetch() = 0;
};

// A transport engine. createSession() may be called from any thread, concurrently.
class Transport
{
public:
    virtual ~Transport() = default;
    virtual std::unique_ptr<TransportSession> createSession() = 0;
};

// Classifies an HTTP status the same way for every engine.
inline FetchResult httpResult(int status)
{
    return { status, status >= 400 ? ErrorKind::Http : ErrorKind::None };
}

// The engine named in the config (qt or curl) for its URL and timeout.
std::unique_ptr<Transport> createTransport(const RunConfig &config);

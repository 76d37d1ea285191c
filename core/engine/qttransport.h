// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/asyncclient.h"

// QNetworkAccessManager engine: one QNAM per session (per worker thread), each request run
// in a local QEventLoop on that thread. A session has one request in flight at a time, so
// Qt 6.4's limit of 6 connections per QNAM and host never caps a pattern's concurrency.
// The async client keeps many requests in flight from one thread over ceil(max / 6) QNAMs.
class QtTransport : public Transport
{
public:
    QtTransport(QUrl url, int timeoutMs);
    std::unique_ptr<TransportSession> createSession(Endpoint endpoint = Endpoint::Data) override;
    std::unique_ptr<AsyncClient> createAsyncClient(int maxInFlight) override;

private:
    const QUrl m_url;
    const int m_timeoutMs;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/asyncclient.h"

#include <QByteArray>

// libcurl engine: one easy handle per session (per worker thread), kept alive between
// requests, so the client's own cost stays far below the server's. The async client drives
// many transfers from one thread through the multi interface, as curl itself and wrk do.
class CurlTransport : public Transport
{
public:
    CurlTransport(const QUrl &url, int timeoutMs);
    std::unique_ptr<TransportSession> createSession(Endpoint endpoint = Endpoint::Data) override;
    std::unique_ptr<AsyncClient> createAsyncClient(int maxInFlight) override;

private:
    const QByteArray m_url;
    const int m_timeoutMs;
};

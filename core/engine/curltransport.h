// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/transport.h"

#include <QByteArray>

// libcurl engine: one easy handle per session (per worker thread), kept alive between
// requests, so the client's own cost stays far below the server's.
class CurlTransport : public Transport
{
public:
    CurlTransport(const QUrl &url, int timeoutMs);
    std::unique_ptr<TransportSession> createSession() override;

private:
    const QByteArray m_url;
    const int m_timeoutMs;
};

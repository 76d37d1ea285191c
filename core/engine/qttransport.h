// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/transport.h"

// QNetworkAccessManager engine: one QNAM per session (per worker thread), each request run
// in a local QEventLoop on that thread. A session has one request in flight at a time, so
// Qt 6.4's limit of 6 connections per QNAM and host never caps a pattern's concurrency.
class QtTransport : public Transport
{
public:
    QtTransport(QUrl url, int timeoutMs);
    std::unique_ptr<TransportSession> createSession() override;

private:
    const QUrl m_url;
    const int m_timeoutMs;
};

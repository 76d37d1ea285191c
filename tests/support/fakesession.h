// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/faketransport.h"
#include "run/runsession.h"

#include <chrono>
#include <memory>

// A RunSession whose patterns run in-process on the fake transport (every request answers
// 200 after `latency`), and a run for it: two patterns against an external URL the fake never
// connects to, so no server is started.
inline void useFakeTransport(RunSession &session, std::chrono::microseconds latency)
{
    session.runner()->setMode(Runner::Mode::InProcess);
    session.runner()->setTransportFactory(
        [latency](const RunConfig &) { return std::make_unique<FakeTransport>(FakeTransport::constant(latency)); });
}

inline RunConfig fakeExternalConfig(int requests)
{
    RunConfig config;
    config.patterns = { QStringLiteral("sequential"), QStringLiteral("fanout") };
    config.requests = requests;
    config.concurrency = 4;
    config.bundledServer = false;
    config.url = QUrl(QStringLiteral("http://127.0.0.1:1/data"));
    return config;
}

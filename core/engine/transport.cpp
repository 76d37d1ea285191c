// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/transport.h"

#include "engine/curltransport.h"
#include "engine/qttransport.h"
#include "model/runconfig.h"

std::unique_ptr<Transport> createTransport(const RunConfig &config)
{
    switch (config.engine) {
    case Engine::Curl:
        return std::make_unique<CurlTransport>(config.url, config.timeoutMs);
    case Engine::Qt:
    case Engine::Fake: // the fake is built by tests themselves
        break;
    }
    return std::make_unique<QtTransport>(config.url, config.timeoutMs);
}

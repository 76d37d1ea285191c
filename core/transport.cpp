#include "transport.h"

#include "curltransport.h"
#include "qttransport.h"
#include "runconfig.h"

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

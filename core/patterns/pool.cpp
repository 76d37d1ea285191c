// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/pool.h"

#include "engine/channel.h"
#include "engine/stoptoken.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pattern.h"

#include <algorithm>

namespace Pool {

int size(const RunConfig &config)
{
    return std::max(1, std::min(config.concurrency, config.requests));
}

void produce(RunContext &context, Channel<int> &jobs)
{
    for (int i = 0; i < context.config.requests && !context.stop.stopRequested(); ++i) {
        if (!jobs.send(i))
            break; // closed: nobody will take more (no worker could start)
    }
    jobs.close();
}

void collect(RunContext &context, Channel<Sample> &results)
{
    // Receives until close, so no worker ever blocks on a full results channel.
    while (const auto sample = results.receive())
        context.recorder.record(*sample);
}

} // namespace Pool

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/sequential.h"

#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "model/runconfig.h"

// @lesson begin
void SequentialPattern::run(RunContext &context)
{
    // [loop] One client, one request at a time: send, wait for the answer, record, next.
    const auto client = context.transport.createSession();
    for (int i = 0; i < context.config.requests && !context.stop.stopRequested(); ++i)
        perform(context, *client, i, 0);
}
// @lesson end

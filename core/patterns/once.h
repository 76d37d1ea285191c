// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// sync.Once: every request needs a token from the server's slow GET /token. A fan-out pool
// whose workers get it through std::call_once: one login serves the pool, everyone else waits
// for it. With --once-mode naive the workers use the racy check-then-act instead, and the
// server's tokens_issued (and the note once.logins) shows how many logins the race cost.
class OncePattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// The Tail at Scale (Dean & Barroso, CACM 2013): a fan-out pool where each worker sends its
// request and, if no answer came within the hedge delay (--hedge-ms; 0: the running p95 of
// the answers so far), a copy. The first answer wins; the other is aborted on the wire.
// The request's sample spans from the first send to the winning answer (what the caller
// waited); each copy is also recorded as an extra sample of kind `hedge`, so the timeline
// shows both bars and the report counts hedges, hedge wins and extra requests.
class HedgedPattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

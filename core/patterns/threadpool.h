// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "patterns/pattern.h"

// The Qt way: a QThreadPool of C threads and one task per request, all submitted at once.
// The library does what fanout writes by hand (the workers, the job queue, the join); what
// it hides is that its queue has no bound: N - C tasks wait in memory from the start
// (the note threadpool.max_queued).
class ThreadPoolPattern : public Pattern
{
public:
    void run(RunContext &context) override;
};

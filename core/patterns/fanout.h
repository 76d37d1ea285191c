#pragma once

#include "patterns/pattern.h"

#include <atomic>

template<typename T> class Channel;

// Fan-out/fan-in: a producer fans request indices out on a bounded job channel to C
// workers; each worker sends its result on a results channel; the calling thread fans them
// in and records them. The last worker to finish closes the results channel.
class FanOutPattern : public Pattern
{
public:
    QString id() const override { return QStringLiteral("fanout"); }
    QString title() const override { return QStringLiteral("Fan-out/Fan-in (worker pool)"); }
    void run(RunContext &context) override;

protected:
    // Hooks for variants of the pool (backpressure). Called on the pool's own threads:
    // poolStarting/poolFinished on the calling thread, beforeRequest on worker threads.
    virtual void poolStarting(RunContext &) { }
    virtual void beforeRequest(RunContext &, int /*worker*/) { }
    virtual void workerFinished(RunContext &, bool /*lastWorker*/) { }
    virtual void poolFinished(RunContext &) { }

private:
    void finishWorker(RunContext &context, std::atomic<int> &liveWorkers, Channel<Sample> &results, int count);
};

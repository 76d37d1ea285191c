// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/asyncclient.h"
#include "model/sample.h"

#include <functional>
#include <thread>
#include <vector>

struct RunConfig;
class Recorder;
class StopToken;
class Transport;
class TransportSession;

// Everything a pattern needs for one run. The pattern must record every request index
// 0..requests-1 at most once; indices it never sent are recorded as cancelled afterwards.
struct RunContext
{
    const RunConfig &config;
    Transport &transport;
    Recorder &recorder;
    const StopToken &stop;
    // Every thread a pattern starts goes through here (WorkerGroup does it). It throws
    // std::system_error when the system is out of threads; tests inject one that does so.
    std::function<std::thread(std::function<void()>)> spawn
        = [](std::function<void()> body) { return std::thread(std::move(body)); };
};

// A way of scheduling the run's N requests. Its id, title and lesson live in the registry
// (registry.cpp); the class only knows how to run.
class Pattern
{
public:
    virtual ~Pattern() = default;
    // Blocks until every request is done or the stop token fired and in-flight ones ended.
    virtual void run(RunContext &context) = 0;

protected:
    // One request as the client sees it: in-flight accounting, timestamps around the
    // blocking fetch. Does not record: fan-in patterns record where results are collected.
    // With `body`, the session must keep bodies (setKeepBody): the answer's body lands there.
    static Sample measure(RunContext &context, TransportSession &session, int index, int worker,
                          QByteArray *body = nullptr);
    // measure() and record it on the spot.
    static void perform(RunContext &context, TransportSession &session, int index, int worker);
    // A request that could not be sent because the client ran out of something (a thread,
    // a descriptor): recorded as a `resource` error, not hidden.
    static void recordOutOfResources(RunContext &context, int index, int worker);

    // The asynchronous measure(): starts the request described by `sample` (index, worker,
    // kind, intended start) on the client, and calls done with it completed (times, status,
    // error, the server's timing) from inside the client's poll() when it ends.
    static AsyncClient::RequestId send(RunContext &context, AsyncClient &client, Sample sample,
                                       std::function<void(const Sample &)> done);
};

// Lanes for patterns without a thread per worker (async, ratelimit): a request takes the
// lowest free lane while it is in flight, so the timeline shows how many were in flight.
class Lanes
{
public:
    int take();
    void give(int lane);

private:
    std::vector<bool> m_busy;
};

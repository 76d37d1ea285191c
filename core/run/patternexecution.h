// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/recorder.h"
#include "measure/resourcemonitor.h"
#include "model/patternresult.h"
#include "model/progress.h"
#include "model/runconfig.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

class Pattern;

// Runs one pattern on its own thread with a Recorder and a ResourceMonitor, and lets one
// other thread poll what is new. Used by `patternlab-cli --run-one` (the child process
// that measures) and by the Runner's in-process mode (tests).
class PatternExecution
{
public:
    // transport: nullptr picks the engine named in config.
    PatternExecution(RunConfig config, const QString &patternId, std::unique_ptr<Transport> transport = nullptr);
    ~PatternExecution();

    bool isValid() const { return m_pattern != nullptr; }
    void start();
    void requestStop() { m_stop.requestStop(); }
    // True once the pattern has returned and its result is complete.
    bool waitFinished(std::chrono::milliseconds timeout);

    struct Update
    {
        std::vector<Sample> samples;
        std::vector<Sample> extraSamples;
        std::vector<ResourcePoint> resources;
        Progress progress;
    };
    // What happened since the previous poll. One polling thread only.
    Update poll();

    PatternResult result() const; // after waitFinished() returned true
    std::int64_t elapsedNs() const { return m_recorder.nowNs(); } // on the pattern's clock

private:
    void execute();

    const RunConfig m_config;
    const QString m_patternId;
    std::unique_ptr<Pattern> m_pattern;
    std::unique_ptr<Transport> m_transport;
    Recorder m_recorder;
    ResourceMonitor m_monitor;
    StopToken m_stop;
    std::int64_t m_totalNs = 0;

    int m_sampleCursor = 0;
    std::size_t m_resourceCursor = 0;
    std::size_t m_extraCursor = 0;

    std::mutex m_mutex;
    std::condition_variable m_finishedCv;
    bool m_finished = false;
    std::thread m_thread;
};

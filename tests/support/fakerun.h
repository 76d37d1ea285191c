// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/rundata.h"
#include "patterns/registry.h"

#include <QRandomGenerator>

// A made-up but plausible run (no network): per pattern `requests` samples on `lanes` lanes,
// every 10th an HTTP 500, and a resource series. Deterministic for a given seed.
inline RunData fakeRun(const QStringList &ids, int requests, int lanes, quint32 seed = 7)
{
    QRandomGenerator random(seed);
    RunData run;
    run.config.patterns = ids;
    run.config.requests = requests;
    run.config.concurrency = lanes;
    run.config.url = QUrl(QStringLiteral("http://127.0.0.1:1/data"));
    run.config.bundledServer = true; // capacity and queue are the bundled server's
    run.config.server.capacity = 20;
    run.config.server.maxQueue = 100;
    run.config.backpressure.highWater = 7;
    for (const QString &id : ids) {
        PatternResult r;
        r.id = id;
        r.title = PatternRegistry::title(id);
        r.requests = requests;
        std::vector<std::int64_t> laneEnd(std::size_t(lanes), 0);
        for (int i = 0; i < requests; ++i) {
            Sample s;
            s.index = i;
            s.worker = i % lanes;
            s.startNs = laneEnd[std::size_t(s.worker)] + std::int64_t(random.bounded(200'000));
            s.endNs = s.startNs + 200'000 + std::int64_t(random.bounded(5'000'000));
            laneEnd[std::size_t(s.worker)] = s.endNs;
            s.status = i % 10 == 0 ? 500 : 200;
            // The server's share: a third waited for a slot, service is most of the latency.
            s.serverQueueUs = i % 3 == 0 ? int(random.bounded(2000)) : 0;
            s.serverServiceUs = int((s.endNs - s.startNs) / 1000 * 7 / 10);
            s.error = i % 10 == 0 ? ErrorKind::Http : ErrorKind::None;
            r.samples.push_back(s);
            r.totalNs = std::max(r.totalNs, s.endNs);
        }
        r.maxInFlight = lanes;
        for (std::int64_t t = 0; t <= r.totalNs; t += r.totalNs / 20 + 1)
            r.resourceSeries.push_back({ t, 20'000'000 + t / 1000, 2 + lanes, double(t) / 2e9, double(t) / 4e9 });
        r.resources.peakRssBytes = 20'000'000 + r.totalNs / 1000;
        r.resources.rssDeltaBytes = r.totalNs / 1000;
        r.resources.threadsPeak = 2 + lanes;
        r.resources.cpuUserS = 0.5;
        r.resources.cpuSysS = 0.25;
        r.resources.allocations = 1234;
        r.resources.allocatedBytes = 567890;
        r.resources.ctxSwitchesVoluntary = 42;
        r.resources.ctxSwitchesInvoluntary = 3;
        r.notes.append({ QStringLiteral("note.example"), 1.5 });
        r.params = PatternRegistry::params(id, run.config);
        Sample copy = r.samples[std::size_t(requests / 2)]; // one extra request, like a hedge's copy
        copy.kind = SampleKind::Hedge;
        copy.error = ErrorKind::Aborted;
        copy.status = 0;
        r.extraSamples.push_back(copy);
        r.server.valid = true;
        r.server.requests = requests;
        r.server.shed = requests / 50;
        r.server.cpuS = 0.75;
        r.server.cpuPercentPeak = 61.5;
        r.server.capacity = 20;
        r.server.maxQueue = 100;
        r.server.latencyMs = 2.5;
        r.server.wsgiServer = QStringLiteral("waitress");
        for (std::int64_t t = 0; t <= r.totalNs; t += r.totalNs / 10 + 1)
            r.serverSeries.push_back({ t, lanes, 1, t / 1'000'000, 55.0 });
        run.results.append(std::move(r));
    }
    run.summarizeAll();
    return run;
}

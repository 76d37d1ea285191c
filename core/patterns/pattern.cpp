// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/pattern.h"

#include "engine/transport.h"
#include "measure/recorder.h"

Sample Pattern::measure(RunContext &context, TransportSession &session, int index, int worker, QByteArray *body)
{
    Recorder &recorder = context.recorder;
    Sample sample;
    sample.index = index;
    sample.worker = worker;
    recorder.requestStarted();
    sample.startNs = recorder.nowNs();
    const FetchResult result = session.fetch();
    sample.endNs = recorder.nowNs();
    recorder.requestFinished();
    sample.status = std::int16_t(result.status);
    sample.error = result.error;
    sample.serverQueueUs = result.serverQueueUs;
    sample.serverServiceUs = result.serverServiceUs;
    if (result.sends > 1) // the engine re-sent it on its own: the server saw more than we did
        recorder.addToNote(QStringLiteral("transport.resent"), result.sends - 1);
    if (body)
        *body = result.body;
    return sample;
}

void Pattern::perform(RunContext &context, TransportSession &session, int index, int worker)
{
    context.recorder.record(measure(context, session, index, worker));
}

void Pattern::recordOutOfResources(RunContext &context, int index, int worker)
{
    Sample sample;
    sample.index = index;
    sample.worker = worker;
    sample.startNs = sample.endNs = context.recorder.nowNs();
    sample.error = ErrorKind::Resource;
    context.recorder.record(sample);
}

AsyncClient::RequestId Pattern::send(RunContext &context, AsyncClient &client, Sample sample,
                                     std::function<void(const Sample &)> done)
{
    Recorder &recorder = context.recorder;
    recorder.requestStarted();
    sample.startNs = recorder.nowNs();
    return client.start([&recorder, sample, done = std::move(done)](const FetchResult &result) mutable {
        sample.endNs = recorder.nowNs();
        recorder.requestFinished();
        sample.status = std::int16_t(result.status);
        sample.error = result.error;
        sample.serverQueueUs = result.serverQueueUs;
        sample.serverServiceUs = result.serverServiceUs;
        if (result.sends > 1)
            recorder.addToNote(QStringLiteral("transport.resent"), result.sends - 1);
        done(sample);
    });
}

int Lanes::take()
{
    for (std::size_t i = 0; i < m_busy.size(); ++i) {
        if (!m_busy[i]) {
            m_busy[i] = true;
            return int(i);
        }
    }
    m_busy.push_back(true);
    return int(m_busy.size()) - 1;
}

void Lanes::give(int lane)
{
    Q_ASSERT(lane >= 0 && std::size_t(lane) < m_busy.size() && m_busy[std::size_t(lane)]);
    m_busy[std::size_t(lane)] = false;
}

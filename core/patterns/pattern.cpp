#include "patterns/pattern.h"

#include "measure/recorder.h"
#include "engine/transport.h"
#include "patterns/backpressure.h"
#include "patterns/fanout.h"
#include "patterns/sequential.h"
#include "patterns/waitgroup.h"

Sample Pattern::measure(RunContext &context, TransportSession &session, int index, int worker)
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
    return sample;
}

void Pattern::perform(RunContext &context, TransportSession &session, int index, int worker)
{
    context.recorder.record(measure(context, session, index, worker));
}

QStringList patternIds()
{
    return { QStringLiteral("sequential"), QStringLiteral("waitgroup"), QStringLiteral("fanout"),
             QStringLiteral("backpressure") };
}

std::unique_ptr<Pattern> createPattern(const QString &id)
{
    if (id == u"sequential")
        return std::make_unique<SequentialPattern>();
    if (id == u"waitgroup")
        return std::make_unique<WaitGroupPattern>();
    if (id == u"fanout")
        return std::make_unique<FanOutPattern>();
    if (id == u"backpressure")
        return std::make_unique<BackpressurePattern>();
    return nullptr;
}

QString patternTitle(const QString &id)
{
    const auto pattern = createPattern(id);
    return pattern ? pattern->title() : id;
}

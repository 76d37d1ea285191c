#include "patterns/sequential.h"

#include "measure/recorder.h"
#include "model/runconfig.h"
#include "engine/stoptoken.h"
#include "engine/transport.h"

void SequentialPattern::run(RunContext &context)
{
    const auto session = context.transport.createSession();
    for (int i = 0; i < context.config.requests && !context.stop.stopRequested(); ++i)
        perform(context, *session, i, 0);
}

#include "sequential.h"

#include "../recorder.h"
#include "../runconfig.h"
#include "../stoptoken.h"
#include "../transport.h"

void SequentialPattern::run(RunContext &context)
{
    const auto session = context.transport.createSession();
    for (int i = 0; i < context.config.requests && !context.stop.stopRequested(); ++i)
        perform(context, *session, i, 0);
}

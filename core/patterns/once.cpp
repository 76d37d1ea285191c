// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/once.h"

#include "engine/channel.h"
#include "engine/stoptoken.h"
#include "engine/transport.h"
#include "measure/recorder.h"
#include "model/runconfig.h"
#include "patterns/pool.h"
#include "patterns/workergroup.h"

#include <atomic>
#include <mutex>

// @lesson begin
void OncePattern::run(RunContext &context)
{
    const int workers = Pool::size(context.config);
    std::atomic<int> logins { 0 };

    // [login] GET /token: slow (the server's --token-ms), recorded as a `token` request.
    const auto login = [&](int index, int worker) {
        logins.fetch_add(1);
        const auto session = context.transport.createSession(Endpoint::Token);
        Sample token = measure(context, *session, index, worker);
        token.kind = SampleKind::Token;
        context.recorder.recordExtra(token);
    };

    // [once] sync.Once: the first caller logs in, every other caller waits until it is done,
    // and nobody logs in again.
    std::once_flag loggedIn;
    // [naive] The check-then-act a class writes first: every worker that checks before the
    // first login has finished logs in too. (Atomics keep the race defined C++; it is still
    // a race, on purpose.)
    std::atomic<bool> haveToken { false };
    const auto ensureToken = [&](int index, int worker) {
        if (context.config.onceMode == OnceMode::Once) {
            std::call_once(loggedIn, [&] { login(index, worker); });
        } else if (!haveToken.load()) {
            login(index, worker);
            haveToken.store(true);
        }
    };

    // [workers] The fan-out pool; each request first makes sure there is a token.
    Channel<int> jobs(workers);
    Channel<Sample> results(workers);
    WorkerGroup producer(context, [&] { jobs.close(); });
    producer.start([&] { Pool::produce(context, jobs); });
    producer.doneStarting();
    WorkerGroup pool(context, [&] {
        jobs.close();
        results.close();
    });
    for (int w = 0; w < workers; ++w) {
        pool.start([&, w] {
            const auto client = context.transport.createSession();
            while (const auto job = jobs.receive()) {
                if (context.stop.stopRequested())
                    continue; // stopping: drain the jobs, send nothing
                ensureToken(*job, w);
                results.send(measure(context, *client, *job, w));
            }
        });
    }
    pool.doneStarting();
    Pool::collect(context, results);
    context.recorder.setNote(QStringLiteral("once.logins"), logins.load());
}
// @lesson end

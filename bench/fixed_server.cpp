// A loopback HTTP server with an exact fixed latency (timer based, no thread per request),
// for the fidelity benchmark: a client pattern can only be judged against a server whose
// own cost is negligible. Usage: bench_fixed_server LATENCY_MS [PORT]; prints READY URL;
// runs until SIGTERM/SIGINT.
#include "testhttpserver.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {
std::atomic<bool> s_stop { false };
extern "C" void onSignal(int)
{
    s_stop = true;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_fixed_server LATENCY_MS [PORT]\n");
        return 2;
    }
    const int latency = std::atoi(argv[1]);
    const quint16 port = argc > 2 ? quint16(std::atoi(argv[2])) : 0;
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    TestHttpServer server;
    if (!server.start([latency](int, const QByteArray &) { return TestHttpServer::Response { 200, latency, false }; },
                      port)) {
        std::fprintf(stderr, "cannot listen\n");
        return 4;
    }
    std::printf("READY %s\n", qPrintable(server.url(QStringLiteral("")).toString()));
    std::fflush(stdout);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [] {
        if (s_stop)
            QCoreApplication::quit();
    });
    poll.start(100);
    app.exec();
    std::fprintf(stderr, "served %d requests\n", server.requestCount());
    return 0;
}

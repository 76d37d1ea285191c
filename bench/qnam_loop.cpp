// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
// The reference for "our machinery adds next to nothing": a bare loop of blocking QNAM GETs
// on T threads (one QNAM per thread, as the qt engine does), N requests in all.
// Usage: bench_qnam_loop URL N THREADS   -> prints "qnam_loop requests=N seconds=S rps=R"
#include "engine/qttransport.h"

#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 4) {
        std::fprintf(stderr, "usage: bench_qnam_loop URL N THREADS\n");
        return 2;
    }
    const QUrl url(QString::fromLocal8Bit(argv[1]));
    const int requests = std::atoi(argv[2]);
    const int threads = std::atoi(argv[3]);
    QtTransport transport(url, 10000);
    std::atomic<int> next { 0 };
    std::atomic<int> ok { 0 };
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            auto session = transport.createSession();
            while (next.fetch_add(1) < requests)
                ok += session->fetch().status == 200;
        });
    }
    for (auto &thread : pool)
        thread.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("qnam_loop requests=%d ok=%d seconds=%.3f rps=%.1f\n", requests, ok.load(), seconds,
                requests / seconds);
    return ok.load() == requests ? 0 : 1;
}

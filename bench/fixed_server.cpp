// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
// A loopback HTTP/1.1 server with an exact fixed latency, for the fidelity benchmark: a
// client pattern can only be judged against a server whose own overhead is negligible.
// One thread per connection (keep-alive), each answer sent at arrival + LATENCY with
// sleep_until, so concurrent requests never queue behind each other (an event-loop server
// with timers added 0.6-1.5 ms here). No Qt: nothing between the socket and the clock.
// Usage: bench_fixed_server LATENCY_MS [PORT]; prints "READY http://127.0.0.1:PORT";
// runs until SIGTERM/SIGINT; at most 100,000 connections (a thread each, freed as it closes).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {
std::atomic<bool> s_stop { false };
std::atomic<long> s_served { 0 };
extern "C" void onSignal(int)
{
    s_stop = true;
}

void serve(int fd, std::chrono::microseconds latency)
{
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const std::string body = R"({"message": "Hello, World!"})";
    const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + std::to_string(body.size()) + "\r\n\r\n" + body;
    std::string buffer;
    char chunk[4096];
    while (!s_stop) {
        pollfd p { fd, POLLIN, 0 };
        if (poll(&p, 1, 100) <= 0)
            continue; // timeout: check the stop flag
        const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            break;
        const auto arrival = std::chrono::steady_clock::now();
        buffer.append(chunk, std::size_t(n));
        std::size_t end;
        while ((end = buffer.find("\r\n\r\n")) != std::string::npos) {
            buffer.erase(0, end + 4);
            std::this_thread::sleep_until(arrival + latency);
            if (send(fd, response.data(), response.size(), MSG_NOSIGNAL) < 0)
                break;
            ++s_served;
        }
    }
    close(fd);
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_fixed_server LATENCY_MS [PORT]\n");
        return 2;
    }
    const auto latency = std::chrono::microseconds(std::llround(std::atof(argv[1]) * 1000));
    const int port = argc > 2 ? std::atoi(argv[2]) : 0;
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);

    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(std::uint16_t(port));
    socklen_t length = sizeof address;
    if (bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0 || listen(listener, 1024) < 0
        || getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) < 0) {
        std::perror("bench_fixed_server: cannot listen");
        return 4;
    }
    std::printf("READY http://127.0.0.1:%d\n", ntohs(address.sin_port));
    std::fflush(stdout);

    static std::atomic<int> active { 0 };
    long accepted = 0;
    while (!s_stop && accepted < 100'000) {
        pollfd p { listener, POLLIN, 0 };
        if (poll(&p, 1, 100) <= 0)
            continue;
        const int fd = accept(listener, nullptr, nullptr);
        if (fd < 0)
            continue;
        ++accepted;
        ++active;
        std::thread([fd, latency] {
            serve(fd, latency);
            --active;
        }).detach();
    }
    s_stop = true;
    // Connections end when their clients close them; wait a little for them, not forever.
    for (int i = 0; i < 50 && active.load() > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    close(listener);
    std::fprintf(stderr, "served %ld requests\n", s_served.load());
    return 0;
}

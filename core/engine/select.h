// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "engine/channel.h"
#include "engine/context.h"
#include "engine/waker.h"

#include <functional>
#include <optional>
#include <vector>

// Go's select in C++: wait for whichever comes first of a channel receive, a timer and a
// context being done, and run that case's handler (exactly one).
//
//   Select select;                                          // select {
//   select.receive(jobs, [&](std::optional<int> job) {...}); // case job, ok := <-jobs:
//   select.after(10ms, [&] {...});                          // case <-time.After(10 * time.Millisecond):
//   select.done(ctx, [&] {...});                            // case <-ctx.Done():
//   select.wait();                                          // }
//
// A receive case fires with the value, or with nullopt once the channel is closed and
// drained (Go's ok == false). otherwise() is Go's default: wait() then never blocks. When
// several cases are ready, they are tried in turn from a rotating start (round-robin across
// calls), so no ready case starves. Nothing busy-waits: the Select sleeps on a Waker that the
// channels and contexts notify, bounded by its earliest timer and context deadline. Without a
// timer or a context, its way out is the channels' close.
class Select
{
public:
    using Clock = std::chrono::steady_clock;

    template<typename T> Select &receive(Channel<T> &channel, std::function<void(std::optional<T>)> handler)
    {
        Case c;
        c.ready = [&channel, handler = std::move(handler)] {
            std::optional<T> value;
            if (!channel.tryReceiveOrClosed(&value))
                return false;
            handler(std::move(value));
            return true;
        };
        c.subscribe = [&channel](Waker *w) { channel.subscribe(w); };
        c.unsubscribe = [&channel](Waker *w) { channel.unsubscribe(w); };
        m_cases.push_back(std::move(c));
        return *this;
    }

    Select &at(Clock::time_point when, std::function<void()> handler)
    {
        Case c;
        c.ready = [when, handler = std::move(handler)] {
            if (Clock::now() < when)
                return false;
            handler();
            return true;
        };
        c.when = when;
        m_cases.push_back(std::move(c));
        return *this;
    }

    template<typename Rep, typename Period> Select &after(std::chrono::duration<Rep, Period> d, std::function<void()> h)
    {
        return at(Clock::now() + std::chrono::duration_cast<Clock::duration>(d), std::move(h));
    }

    Select &done(const std::shared_ptr<Context> &context, std::function<void()> handler)
    {
        Case c;
        c.ready = [context, handler = std::move(handler)] {
            if (!context->done())
                return false;
            handler();
            return true;
        };
        c.when = context->deadline();
        c.subscribeContext = [context](Waker *w) { return context->onDone([w] { w->notify(); }); };
        m_cases.push_back(std::move(c));
        return *this;
    }

    Select &otherwise(std::function<void()> handler)
    {
        m_default = std::move(handler);
        return *this;
    }

    // Runs the first ready case (or the default); returns its index in the order the cases
    // were added, -1 for the default.
    int wait()
    {
        for (;;) {
            if (const int fired = tryOnce(); fired >= 0)
                return fired;
            if (m_default) {
                m_default();
                return -1;
            }
            // Subscribe, then look again before sleeping: a send between the first look and the
            // subscription must not be missed.
            Waker waker;
            std::vector<Context::Subscription> subscriptions;
            std::optional<Clock::time_point> until;
            for (Case &c : m_cases) {
                if (c.subscribe)
                    c.subscribe(&waker);
                if (c.subscribeContext)
                    subscriptions.push_back(c.subscribeContext(&waker));
                if (c.when && (!until || *c.when < *until))
                    until = c.when;
            }
            const int fired = tryOnce();
            if (fired < 0)
                waker.wait(until);
            subscriptions.clear();
            for (Case &c : m_cases) {
                if (c.unsubscribe)
                    c.unsubscribe(&waker);
            }
            if (fired >= 0)
                return fired;
        }
    }

private:
    struct Case
    {
        std::function<bool()> ready; // runs the handler and returns true when the case fired
        std::function<void(Waker *)> subscribe;
        std::function<void(Waker *)> unsubscribe;
        std::function<Context::Subscription(Waker *)> subscribeContext;
        std::optional<Clock::time_point> when; // a timer's time, a context's deadline
    };

    int tryOnce()
    {
        const int n = int(m_cases.size());
        for (int k = 0; k < n; ++k) {
            const int i = (m_start + k) % n;
            if (m_cases[std::size_t(i)].ready()) {
                m_start = (i + 1) % n;
                return i;
            }
        }
        return -1;
    }

    std::vector<Case> m_cases;
    std::function<void()> m_default;
    int m_start = 0;
};

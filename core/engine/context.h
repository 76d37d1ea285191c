// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QString>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

// Go's context.Context in C++: a value passed down to everything that works for one
// request or one run, which says "stop" to all of it at once. Used through shared_ptr, like
// Go's ctx values:
//
//   auto ctx = Context::withTimeout(Context::background(), 2s);  // ctx, cancel := context.WithTimeout(...)
//   auto perWorker = Context::withCancel(ctx);                    // a child: done when ctx is
//   ctx->cancel();                                                // cancel(): every child is done
//
// - Cancellation propagates from a parent to its children, never upward.
// - A deadline needs no thread: done() compares the clock, and every wait is bounded by the
//   deadline, so whoever looks (a waiter, a Select) sees it on time. The first to see it
//   cancels the context with DeadlineExceeded, and runs its onDone callbacks.
// - onDone callbacks run exactly once: at once (on the subscriber's thread) if the context is
//   already done, else on the thread that cancels it (or first sees its deadline). They run
//   without the context's lock held, so they may touch other contexts or channels; resetting
//   a Subscription waits for a callback running on another thread, so after reset() the
//   callback's captures may be destroyed.
class Context : public std::enable_shared_from_this<Context>
{
public:
    using Clock = std::chrono::steady_clock;
    enum class Reason { None, Cancelled, DeadlineExceeded };

    static std::shared_ptr<Context> background();
    static std::shared_ptr<Context> withCancel(const std::shared_ptr<Context> &parent);
    static std::shared_ptr<Context> withDeadline(const std::shared_ptr<Context> &parent, Clock::time_point deadline);
    static std::shared_ptr<Context> withTimeout(const std::shared_ptr<Context> &parent, Clock::duration timeout);

    // cause: a few words for the report ("run deadline", "10 errors").
    void cancel(Reason reason = Reason::Cancelled, const QString &cause = {});
    bool done() const;
    Reason reason() const;
    QString cause() const;
    std::optional<Clock::time_point> deadline() const; // the earliest along the chain

    // Block until done or `until`, whichever comes first; true when done.
    bool waitUntil(Clock::time_point until) const;
    template<typename Rep, typename Period> bool waitFor(std::chrono::duration<Rep, Period> timeout) const
    {
        return waitUntil(Clock::now() + std::chrono::duration_cast<Clock::duration>(timeout));
    }

    // Unsubscribes when destroyed (or reset()).
    class Subscription
    {
    public:
        Subscription() = default;
        Subscription(std::weak_ptr<Context> context, int id) : m_context(std::move(context)), m_id(id) { }
        Subscription(Subscription &&other) noexcept { *this = std::move(other); }
        Subscription &operator=(Subscription &&other) noexcept;
        ~Subscription() { reset(); }
        void reset();

    private:
        std::weak_ptr<Context> m_context;
        int m_id = 0;
    };
    [[nodiscard]] Subscription onDone(std::function<void()> callback);

    Context(const Context &) = delete;
    Context &operator=(const Context &) = delete;
    ~Context();

private:
    Context() = default;
    static std::shared_ptr<Context> child(const std::shared_ptr<Context> &parent,
                                          std::optional<Clock::time_point> deadline);
    void unsubscribe(int id);

    std::shared_ptr<Context> m_parent; // keeps the chain alive for deadline()
    std::optional<Clock::time_point> m_deadline; // own, or the parent's if earlier
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_doneCv;
    Reason m_reason = Reason::None;
    QString m_cause;
    int m_nextId = 1;
    std::map<int, std::function<void()>> m_callbacks;
    // Callbacks run outside the lock; a Subscription reset on another thread meanwhile waits
    // until they are done, so what a callback touches may be destroyed right after reset().
    bool m_runningCallbacks = false;
    std::thread::id m_callbackThread;
    mutable std::condition_variable m_callbacksDone;
    Subscription m_parentLink; // the parent's onDone that cancels this one
};

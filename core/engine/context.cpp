// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/context.h"

std::shared_ptr<Context> Context::background()
{
    // Never cancelled, no deadline: the root of every chain (Go's context.Background()).
    return std::shared_ptr<Context>(new Context);
}

std::shared_ptr<Context> Context::withCancel(const std::shared_ptr<Context> &parent)
{
    return child(parent, std::nullopt);
}

std::shared_ptr<Context> Context::withDeadline(const std::shared_ptr<Context> &parent, Clock::time_point deadline)
{
    return child(parent, deadline);
}

std::shared_ptr<Context> Context::withTimeout(const std::shared_ptr<Context> &parent, Clock::duration timeout)
{
    return child(parent, Clock::now() + timeout);
}

std::shared_ptr<Context> Context::child(const std::shared_ptr<Context> &parent,
                                        std::optional<Clock::time_point> deadline)
{
    std::shared_ptr<Context> context(new Context);
    context->m_parent = parent;
    const std::optional<Clock::time_point> inherited = parent ? parent->deadline() : std::nullopt;
    if (inherited && (!deadline || *inherited < *deadline))
        deadline = inherited;
    context->m_deadline = deadline;
    if (parent) {
        // The parent's cancel reaches the child; the child holds only a weak reference back
        // through the callback, so a child that is gone costs nothing.
        std::weak_ptr<Context> weak = context;
        context->m_parentLink = parent->onDone([weak, parent = std::weak_ptr<Context>(parent)] {
            const auto self = weak.lock();
            const auto from = parent.lock();
            if (self)
                self->cancel(from ? from->reason() : Reason::Cancelled, from ? from->cause() : QString());
        });
    }
    return context;
}

Context::~Context() = default;

void Context::cancel(Reason reason, const QString &cause)
{
    std::map<int, std::function<void()>> callbacks;
    {
        std::lock_guard lock(m_mutex);
        if (m_reason != Reason::None)
            return; // the first cancel wins; callbacks ran then
        m_reason = reason == Reason::None ? Reason::Cancelled : reason;
        m_cause = cause;
        callbacks.swap(m_callbacks);
        m_runningCallbacks = true;
        m_callbackThread = std::this_thread::get_id();
    }
    m_doneCv.notify_all();
    for (auto &[id, callback] : callbacks)
        callback();
    {
        std::lock_guard lock(m_mutex);
        m_runningCallbacks = false;
    }
    m_callbacksDone.notify_all();
}

bool Context::done() const
{
    {
        std::lock_guard lock(m_mutex);
        if (m_reason != Reason::None)
            return true;
    }
    if (m_deadline && Clock::now() >= *m_deadline) {
        const_cast<Context *>(this)->cancel(Reason::DeadlineExceeded, QStringLiteral("deadline"));
        return true;
    }
    return false;
}

Context::Reason Context::reason() const
{
    done(); // a passed deadline becomes the reason
    std::lock_guard lock(m_mutex);
    return m_reason;
}

QString Context::cause() const
{
    std::lock_guard lock(m_mutex);
    return m_cause;
}

std::optional<Context::Clock::time_point> Context::deadline() const
{
    return m_deadline;
}

bool Context::waitUntil(Clock::time_point until) const
{
    if (m_deadline && *m_deadline < until)
        until = *m_deadline;
    {
        std::unique_lock lock(m_mutex);
        m_doneCv.wait_until(lock, until, [this] { return m_reason != Reason::None; });
    }
    return done();
}

Context::Subscription Context::onDone(std::function<void()> callback)
{
    if (done()) {
        callback();
        return {};
    }
    std::unique_lock lock(m_mutex);
    if (m_reason != Reason::None) { // cancelled in between
        lock.unlock();
        callback();
        return {};
    }
    const int id = m_nextId++;
    m_callbacks.emplace(id, std::move(callback));
    return Subscription(weak_from_this(), id);
}

void Context::unsubscribe(int id)
{
    std::unique_lock lock(m_mutex);
    m_callbacks.erase(id);
    // A cancel on another thread may be running this very callback: wait for it to finish.
    if (m_callbackThread != std::this_thread::get_id())
        m_callbacksDone.wait(lock, [this] { return !m_runningCallbacks; });
}

Context::Subscription &Context::Subscription::operator=(Subscription &&other) noexcept
{
    if (this != &other) {
        reset();
        m_context = std::move(other.m_context);
        m_id = other.m_id;
        other.m_id = 0;
    }
    return *this;
}

void Context::Subscription::reset()
{
    if (m_id == 0)
        return;
    if (const auto context = m_context.lock())
        context->unsubscribe(m_id);
    m_id = 0;
    m_context.reset();
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterns/workergroup.h"

#include "measure/recorder.h"
#include "measure/threadgauge.h"
#include "patterns/pattern.h"

#include <QString>

#include <system_error>

WorkerGroup::WorkerGroup(RunContext &context, std::function<void()> whenAllDone)
    : m_context(context), m_whenAllDone(std::move(whenAllDone))
{ }

WorkerGroup::~WorkerGroup()
{
    join();
}

bool WorkerGroup::start(std::function<void()> body)
{
    Q_ASSERT_X(!m_doneStarting, "WorkerGroup::start", "start() after doneStarting()");
    m_live.fetch_add(1, std::memory_order_relaxed);
    try {
        m_threads.push_back(m_context.spawn([this, body = std::move(body)] {
            ThreadGauge::Scope alive;
            body();
            leave();
        }));
        return true;
    } catch (const std::system_error &) {
        // Out of threads (EAGAIN) or memory for a stack: the cost of the pattern, recorded.
        m_context.recorder.addToNote(QStringLiteral("threads.not_started"), 1);
        leave();
        return false;
    }
}

void WorkerGroup::doneStarting()
{
    if (m_doneStarting)
        return;
    m_doneStarting = true;
    leave();
}

void WorkerGroup::join()
{
    doneStarting();
    for (std::thread &thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

void WorkerGroup::leave()
{
    // acq_rel: whoever runs whenAllDone sees everything the other threads did before leaving.
    if (m_live.fetch_sub(1, std::memory_order_acq_rel) == 1 && m_whenAllDone)
        m_whenAllDone();
}

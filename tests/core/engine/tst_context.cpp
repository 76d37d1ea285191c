// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/context.h"

#include <QTest>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

class TestContext : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cancelReachesChildrenNotParents()
    {
        const auto root = Context::background();
        const auto parent = Context::withCancel(root);
        const auto child = Context::withCancel(parent);
        const auto grandchild = Context::withCancel(child);
        const auto sibling = Context::withCancel(root);
        child->cancel(Context::Reason::Cancelled, QStringLiteral("max errors"));
        QVERIFY(child->done());
        QVERIFY(grandchild->done());
        QCOMPARE(grandchild->cause(), QStringLiteral("max errors"));
        QVERIFY(!parent->done());
        QVERIFY(!root->done());
        QVERIFY(!sibling->done());
        parent->cancel();
        QVERIFY(!sibling->done());
        // A child made after its parent is done is done at once.
        QVERIFY(Context::withCancel(parent)->done());
    }

    void deadlinesAreTheEarliestAndNeedNoThread()
    {
        const auto now = Context::Clock::now();
        const auto outer = Context::withDeadline(Context::background(), now + 50ms);
        const auto inner = Context::withDeadline(outer, now + 10s); // cannot outlive its parent
        QCOMPARE(inner->deadline(), outer->deadline());
        QVERIFY(!inner->done());
        QVERIFY(inner->waitFor(10s)); // bounded by the 50 ms deadline, not the 10 s asked for
        QCOMPARE(inner->reason(), Context::Reason::DeadlineExceeded);
        QCOMPARE(outer->reason(), Context::Reason::DeadlineExceeded);
    }

    void onDoneRunsExactlyOnce()
    {
        const auto ctx = Context::withCancel(Context::background());
        std::atomic<int> calls { 0 };
        auto subscription = ctx->onDone([&] { ++calls; });
        std::vector<std::thread> cancellers;
        std::latch go(1);
        for (int i = 0; i < 8; ++i)
            cancellers.emplace_back([&] {
                go.wait();
                ctx->cancel();
            });
        go.count_down();
        for (auto &t : cancellers)
            t.join();
        QCOMPARE(calls.load(), 1);
        int late = 0;
        auto after = ctx->onDone([&] { ++late; }); // already done: at once, here
        QCOMPARE(late, 1);
    }

    void aResetSubscriptionIsNotCalled()
    {
        const auto ctx = Context::withCancel(Context::background());
        int calls = 0;
        {
            auto subscription = ctx->onDone([&] { ++calls; });
        }
        ctx->cancel();
        QCOMPARE(calls, 0);
    }

    void aWaitWakesOnCancelFromAnotherThread()
    {
        const auto ctx = Context::withCancel(Context::background());
        std::thread canceller([ctx] {
            std::this_thread::sleep_for(20ms);
            ctx->cancel();
        });
        const auto start = Context::Clock::now();
        QVERIFY(ctx->waitFor(30s));
        QVERIFY(Context::Clock::now() - start < 20s); // woke on the cancel, not at its own end
        canceller.join();
        QVERIFY(!Context::withCancel(Context::background())->waitFor(1ms)); // bounded: false
    }
};

QTEST_GUILESS_MAIN(TestContext)
#include "tst_context.moc"

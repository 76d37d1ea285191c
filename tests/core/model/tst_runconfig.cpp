// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/runconfig.h"

#include <QTest>

class TestRunConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // One seed rule for the CLI and the app.
    void resolveSeed_data()
    {
        QTest::addColumn<std::optional<quint64>>("requested");
        QTest::addColumn<std::optional<quint64>>("running");
        QTest::addColumn<std::optional<quint64>>("expected"); // nullopt: a new random one
        QTest::addRow("asked for wins") << std::optional<quint64>(5) << std::optional<quint64>(9)
                                        << std::optional<quint64>(5);
        QTest::addRow("asked for 0 is a seed")
            << std::optional<quint64>(0) << std::optional<quint64>() << std::optional<quint64>(0);
        QTest::addRow("else the running server's")
            << std::optional<quint64>() << std::optional<quint64>(9) << std::optional<quint64>(9);
        QTest::addRow("else random") << std::optional<quint64>() << std::optional<quint64>()
                                     << std::optional<quint64>();
    }

    void resolveSeed()
    {
        QFETCH(std::optional<quint64>, requested);
        QFETCH(std::optional<quint64>, running);
        QFETCH(std::optional<quint64>, expected);
        const quint64 seed = ::resolveSeed(requested, running);
        if (expected) {
            QCOMPARE(seed, *expected);
            return;
        }
        QVERIFY(seed >= 1 && seed < (quint64(1) << 31));
        QSet<quint64> seeds;
        for (int i = 0; i < 20; ++i)
            seeds.insert(::resolveSeed({}, {}));
        QVERIFY(seeds.size() > 1); // random, not a constant
    }
};

QTEST_GUILESS_MAIN(TestRunConfig)
#include "tst_runconfig.moc"

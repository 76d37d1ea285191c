// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/experimentstats.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <random>

using namespace ExperimentStats;

class TestExperimentStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void medianOfOddAndEven();
    void medianIntervalRanks();
    void medianIntervalCoverage();
    void mannWhitneyExact_data();
    void mannWhitneyExact();
    void mannWhitneyAsymptotic_data();
    void mannWhitneyAsymptotic();
    void verdictNeedsEvidence();
    void uslRecoversParameters_data();
    void uslRecoversParameters();
    void uslNeedsFourPoints();
    void kneeOfHockeyStick();
    void noKneeOnFlatOrStraight();
    void littleCheck();
};

void TestExperimentStats::medianOfOddAndEven()
{
    QCOMPARE(median({ 3, 1, 2 }), 2.0);
    QCOMPARE(median({ 4, 1, 3, 2 }), 2.5);
    QCOMPARE(median({}), 0.0);
}

void TestExperimentStats::medianIntervalRanks()
{
    // n = 10: [x(2), x(9)], coverage 1 - 2 P(Bin(10, 1/2) <= 1) = 1 - 22/1024.
    const Interval ten = medianCi95({ 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 });
    QCOMPARE(ten.lo, 2.0);
    QCOMPARE(ten.hi, 9.0);
    QCOMPARE(ten.coverage, 1 - 22.0 / 1024);
    // n = 6: only [min, max] reaches 95% (1 - 2/64 = 96.9%).
    const Interval six = medianCi95({ 6, 5, 4, 3, 2, 1 });
    QCOMPARE(six.lo, 1.0);
    QCOMPARE(six.hi, 6.0);
    QCOMPARE(six.coverage, 1 - 2.0 / 64);
    // n = 3 cannot reach 95%: [min, max] says its 75%.
    const Interval three = medianCi95({ 2, 1, 3 });
    QCOMPARE(three.lo, 1.0);
    QCOMPARE(three.hi, 3.0);
    QCOMPARE(three.coverage, 0.75);
    // n = 20: [x(6), x(15)] (coverage 95.9%; x(7), x(14) would be 88.5%).
    std::vector<double> twenty;
    for (int i = 1; i <= 20; ++i)
        twenty.push_back(i);
    const Interval t = medianCi95(twenty);
    QCOMPARE(t.lo, 6.0);
    QCOMPARE(t.hi, 15.0);
}

void TestExperimentStats::medianIntervalCoverage()
{
    // Synthetic trials from a skewed distribution (exponential, median ln 2): the interval
    // must hold the true median in at least 95% of experiments, and not be far wider than
    // it claims (its exact coverage at n = 10 is 97.9%).
    std::mt19937_64 random(20261128);
    std::exponential_distribution<double> exponential(1.0);
    const double trueMedian = std::log(2.0);
    for (const int n : { 6, 10, 15, 30 }) {
        int covered = 0;
        constexpr int experiments = 4000;
        double claimed = 0;
        for (int e = 0; e < experiments; ++e) {
            std::vector<double> values;
            for (int i = 0; i < n; ++i)
                values.push_back(exponential(random));
            const Interval ci = medianCi95(values);
            claimed = ci.coverage;
            if (ci.lo <= trueMedian && trueMedian <= ci.hi)
                ++covered;
        }
        const double observed = double(covered) / experiments;
        QVERIFY2(claimed >= 0.95, qPrintable(QString::number(claimed)));
        // 4000 experiments: the observed rate is within 0.012 of the true one (3 sigma).
        QVERIFY2(std::abs(observed - claimed) < 0.012,
                 qPrintable(QStringLiteral("n=%1 observed %2 claimed %3").arg(n).arg(observed).arg(claimed)));
        QVERIFY(observed >= 0.95 - 0.012);
    }
}

void TestExperimentStats::mannWhitneyExact_data()
{
    QTest::addColumn<std::vector<double>>("a");
    QTest::addColumn<std::vector<double>>("b");
    QTest::addColumn<double>("u");
    QTest::addColumn<double>("p");
    // scipy.stats.mannwhitneyu's documentation example (method="exact"): U = 17, p = 0.1111.
    QTest::newRow("scipy docs") << std::vector<double> { 19, 22, 16, 29, 24 } << std::vector<double> { 20, 11, 17, 12 }
                                << 17.0 << 0.1111111111111111;
    // Fully separated samples: p = 2 / C(m+n, m), the smallest p each size can give.
    QTest::newRow("3 vs 3 separated") << std::vector<double> { 1, 2, 3 } << std::vector<double> { 4, 5, 6 } << 0.0
                                      << 0.1;
    QTest::newRow("4 vs 4 separated") << std::vector<double> { 1, 2, 3, 4 } << std::vector<double> { 5, 6, 7, 8 } << 0.0
                                      << 2.0 / 70;
    QTest::newRow("5 vs 5 separated") << std::vector<double> { 6, 7, 8, 9, 10 } << std::vector<double> { 1, 2, 3, 4, 5 }
                                      << 25.0 << 2.0 / 252;
    // Values checked by enumerating every arrangement (scipy's exact method does the same).
    QTest::newRow("interleaved") << std::vector<double> { 1, 3, 5, 7 } << std::vector<double> { 2, 4, 6, 8 } << 6.0
                                 << 0.6857142857142857;
    QTest::newRow("6 vs 6") << std::vector<double> { 1.1, 2.4, 3.3, 4.8, 5.0, 6.2 }
                            << std::vector<double> { 2.0, 5.5, 7.1, 8.4, 9.9, 10.2 } << 6.0 << 0.06493506493506493;
}

void TestExperimentStats::mannWhitneyExact()
{
    QFETCH(std::vector<double>, a);
    QFETCH(std::vector<double>, b);
    QFETCH(double, u);
    QFETCH(double, p);
    const MannWhitney test = mannWhitney(a, b);
    QVERIFY(test.exact);
    QCOMPARE(test.u, u);
    QVERIFY2(std::abs(test.pValue - p) < 1e-12, qPrintable(QString::number(test.pValue, 'g', 17)));
}

void TestExperimentStats::mannWhitneyAsymptotic_data()
{
    QTest::addColumn<std::vector<double>>("a");
    QTest::addColumn<std::vector<double>>("b");
    QTest::addColumn<double>("p");
    // scipy's documentation, method="asymptotic": p = 0.11134688653314041.
    QTest::newRow("scipy docs") << std::vector<double> { 19, 22, 16, 29, 24 } << std::vector<double> { 20, 11, 17, 12 }
                                << 0.11134688653314041;
    // Ties: normal approximation with tie and continuity correction (computed by hand in
    // Python from the formula scipy uses).
    QTest::newRow("ties 7 vs 7") << std::vector<double> { 1, 2, 2, 3, 3, 3, 4 }
                                 << std::vector<double> { 3, 4, 4, 5, 5, 6, 7 } << 0.007659988586736329;
    QTest::newRow("ties 8 vs 9") << std::vector<double> { 10, 10, 11, 12, 12, 13, 14, 15 }
                                 << std::vector<double> { 12, 13, 13, 14, 16, 16, 17, 18, 19 } << 0.015435082560886043;
}

void TestExperimentStats::mannWhitneyAsymptotic()
{
    QFETCH(std::vector<double>, a);
    QFETCH(std::vector<double>, b);
    QFETCH(double, p);
    const MannWhitney test = mannWhitney(a, b, Method::Asymptotic);
    QVERIFY(!test.exact);
    QVERIFY2(std::abs(test.pValue - p) < 1e-9, qPrintable(QString::number(test.pValue, 'g', 17)));
    // With ties, Auto has to take the approximation too.
    if (QByteArray(QTest::currentDataTag()).startsWith("ties"))
        QVERIFY(!mannWhitney(a, b).exact);
}

void TestExperimentStats::verdictNeedsEvidence()
{
    const std::vector<double> low { 1, 2, 3, 4, 5 };
    const std::vector<double> high { 6, 7, 8, 9, 10 };
    QCOMPARE(verdict(low, high, mannWhitney(low, high).pValue), QStringLiteral("a lower"));
    QCOMPARE(verdict(high, low, mannWhitney(high, low).pValue), QStringLiteral("b lower"));
    // Three trials per side can never show a difference: p >= 0.1.
    const std::vector<double> three { 1, 2, 3 };
    const std::vector<double> other { 7, 8, 9 };
    QCOMPARE(verdict(three, other, mannWhitney(three, other).pValue), QStringLiteral("no clear difference"));
    // With ties the approximation can dip under 0.05 at 3 vs 3 (0.047 here); the verdict
    // still needs 4 per side, as the exact test does.
    const std::vector<double> tiedLow { 0, 0, 0 };
    const std::vector<double> tiedHigh { 1, 1, 1 };
    QVERIFY(mannWhitney(tiedLow, tiedHigh).pValue < 0.05);
    QCOMPARE(verdict(tiedLow, tiedHigh, mannWhitney(tiedLow, tiedHigh).pValue), QStringLiteral("no clear difference"));
    // Not a number is left out, never a hang or a wrong rank.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(mannWhitney({ 1, nan, 2, 3, 4 }, { 6, 7, 8, 9 }).pValue,
             mannWhitney({ 1, 2, 3, 4 }, { 6, 7, 8, 9 }).pValue);
    QCOMPARE(median({ nan, 1, 3 }), 2.0);
    QCOMPARE(medianCi95({ nan, 1, 2, 3 }).hi, 3.0);
    const std::vector<double> mixed { 1, 6, 3, 8, 5 };
    QCOMPARE(verdict(mixed, high, mannWhitney(mixed, high).pValue), QStringLiteral("no clear difference"));
    // All equal (ties everywhere): no evidence, p = 1.
    QCOMPARE(mannWhitney({ 5, 5, 5, 5 }, { 5, 5, 5, 5 }).pValue, 1.0);
}

void TestExperimentStats::uslRecoversParameters_data()
{
    QTest::addColumn<double>("noise");
    QTest::newRow("exact") << 0.0;
    QTest::newRow("1% noise") << 0.01;
}

void TestExperimentStats::uslRecoversParameters()
{
    QFETCH(double, noise);
    const UslFit truth { 0.05, 0.002, 48.0, 1, std::nullopt };
    std::vector<double> n;
    std::vector<double> x;
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> jitter(-noise, noise);
    for (double c : { 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64 }) {
        n.push_back(c);
        x.push_back(truth.predict(c) * (1 + jitter(random)));
    }
    const std::optional<UslFit> fit = fitUsl(n, x);
    QVERIFY(fit);
    const auto near = [](double got, double want) { return std::abs(got - want) <= 0.05 * want; };
    QVERIFY2(near(fit->sigma, truth.sigma), qPrintable(QString::number(fit->sigma)));
    QVERIFY2(near(fit->kappa, truth.kappa), qPrintable(QString::number(fit->kappa)));
    QVERIFY2(near(fit->lambda, truth.lambda), qPrintable(QString::number(fit->lambda)));
    QVERIFY(fit->peak);
    QVERIFY2(near(*fit->peak, std::sqrt((1 - truth.sigma) / truth.kappa)), qPrintable(QString::number(*fit->peak)));
    QVERIFY(fit->r2 > 0.98);
    if (noise == 0)
        QVERIFY(std::abs(fit->r2 - 1) < 1e-9);
}

void TestExperimentStats::uslNeedsFourPoints()
{
    QVERIFY(!fitUsl({ 1, 2 }, { 10, 19 }));
    QVERIFY(!fitUsl({ 1, 1, 2, 2 }, { 10, 11, 19, 20 }));
    QVERIFY(!fitUsl({ 1, 2, 4 }, { 10, 18, 25 })); // three unknowns through three points: no test of the law
    // Linear scaling: no contention, no coherency, no peak.
    const std::optional<UslFit> linear = fitUsl({ 1, 2, 4, 8 }, { 10, 20, 40, 80 });
    QVERIFY(linear);
    QVERIFY(std::abs(linear->sigma) < 1e-9);
    QVERIFY(std::abs(linear->kappa) < 1e-9);
    QVERIFY(!linear->peak);
    QVERIFY(std::abs(linear->lambda - 10) < 1e-9);
}

void TestExperimentStats::kneeOfHockeyStick()
{
    // p99 flat at 20 ms up to 16 workers, then growing with the queue: N / (16 / 20 ms).
    std::vector<double> x;
    std::vector<double> y;
    for (int c = 1; c <= 64; ++c) {
        x.push_back(c);
        y.push_back(c <= 16 ? 20.0 : 20.0 * c / 16);
    }
    const auto linear = knee(x, y);
    QVERIFY(linear);
    QCOMPARE(x[*linear], 16.0);
    // A sweep in powers of two finds the same bend.
    const std::vector<double> px { 1, 2, 4, 8, 16, 32, 64 };
    std::vector<double> py;
    for (double c : px)
        py.push_back(c <= 16 ? 20.0 : 20.0 * c / 16);
    const auto doubling = knee(px, py);
    QVERIFY(doubling);
    QCOMPARE(px[*doubling], 16.0);
}

void TestExperimentStats::noKneeOnFlatOrStraight()
{
    const std::vector<double> x { 1, 2, 4, 8, 16, 32, 64 };
    QVERIFY(!knee(x, { 20, 21, 20, 22, 21, 20, 21 })); // flat with jitter: no rise
    QVERIFY(!knee(x, { 10, 20, 40, 80, 160, 320, 640 })); // a straight line: no bend
    QVERIFY(!knee({ 1, 2 }, { 1, 10 }));
    QVERIFY(!knee({ 1, 8, 32 }, { 20, 21, 60 })); // three points: the middle proves no bend
}

void TestExperimentStats::littleCheck()
{
    const LittleCheck agree { 15.0, 14.2 };
    QVERIFY(!agree.disagrees());
    const LittleCheck apart { 15.0, 12.0 }; // 20% of 15
    QVERIFY(apart.disagrees());
    QCOMPARE(apart.relativeGap(), 0.2);
    QVERIFY(!LittleCheck {}.disagrees());
}

QTEST_GUILESS_MAIN(TestExperimentStats)
#include "tst_experimentstats.moc"

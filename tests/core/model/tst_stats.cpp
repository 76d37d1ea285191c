// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/stats.h"

#include <QTest>

#include <limits>

#include <numeric>

namespace {
Sample sample(int index, double startMs, double latencyMs, int status = 200, ErrorKind error = ErrorKind::None)
{
    Sample s;
    s.index = index;
    s.worker = 0;
    s.startNs = std::int64_t(startMs * 1e6);
    s.endNs = s.startNs + std::int64_t(latencyMs * 1e6);
    s.status = std::int16_t(status);
    s.error = error;
    return s;
}
} // namespace

class TestStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nearestRank_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        // Hand-computed: rank = ceil(p/100 * n), 1-based, on sorted values.
        const QList<double> ten = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        QTest::addRow("p50 of 10") << ten << 50.0 << 5.0; // ceil(5) = 5
        QTest::addRow("p90 of 10") << ten << 90.0 << 9.0;
        QTest::addRow("p95 of 10") << ten << 95.0 << 10.0; // ceil(9.5) = 10
        QTest::addRow("p99.9 of 10") << ten << 99.9 << 10.0;
        QTest::addRow("p1 of 10") << ten << 1.0 << 1.0; // ceil(0.1) = 1
        QTest::addRow("p100 of 10") << ten << 100.0 << 10.0;
        QTest::addRow("p50 of 1") << QList<double> { 7 } << 50.0 << 7.0;
        QTest::addRow("p50 of 4") << QList<double> { 10, 20, 30, 40 } << 50.0 << 20.0; // ceil(2) = 2
        QTest::addRow("p51 of 4") << QList<double> { 10, 20, 30, 40 } << 51.0 << 30.0; // ceil(2.04) = 3
        QTest::addRow("empty") << QList<double> {} << 50.0 << 0.0;
    }

    void nearestRank()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, p);
        QFETCH(double, expected);
        const std::vector<double> sorted(values.begin(), values.end());
        QCOMPARE(Stats::nearestRank(sorted, p), expected);
    }

    void nearestRankOnThousand()
    {
        std::vector<double> values(1000);
        for (int i = 0; i < 1000; ++i)
            values[std::size_t(i)] = i + 1; // 1..1000
        QCOMPARE(Stats::nearestRank(values, 99.9), 999.0); // rank ceil(999) = 999
        QCOMPARE(Stats::nearestRank(values, 99), 990.0);
        QCOMPARE(Stats::nearestRank(values, 50), 500.0);
    }

    void summarizeCountsAndLatency()
    {
        std::vector<Sample> samples = {
            sample(0, 0, 10),
            sample(1, 0, 20),
            sample(2, 10, 30, 500, ErrorKind::Http),
            sample(3, 20, 40, 0, ErrorKind::Timeout),
            sample(4, 0, 0, 0, ErrorKind::Cancelled),
        };
        const PatternSummary s = Stats::summarize(samples, 6, 2'000'000'000, 3);
        QCOMPARE(s.requests, 6);
        QCOMPARE(s.sent, 4);
        QCOMPARE(s.ok, 2);
        QCOMPARE(s.errors, 4); // http, timeout, cancelled, and one never recorded
        QCOMPARE(s.statusCounts.value(200), 2);
        QCOMPARE(s.statusCounts.value(500), 1);
        QVERIFY(!s.statusCounts.contains(0));
        QCOMPARE(s.errorCounts.value(QStringLiteral("http")), 1);
        QCOMPARE(s.errorCounts.value(QStringLiteral("timeout")), 1);
        QCOMPARE(s.errorCounts.value(QStringLiteral("cancelled")), 2);
        QCOMPARE(s.totalTimeS, 2.0);
        QCOMPARE(s.throughputRps, 1.5); // 3 HTTP answers in 2 s
        QCOMPARE(s.maxInFlight, 3);
        // latencies of sent requests: 10 20 30 40
        QCOMPARE(s.latencyMs.min, 10.0);
        QCOMPARE(s.latencyMs.max, 40.0);
        QCOMPARE(s.latencyMs.mean, 25.0);
        QCOMPARE(s.latencyMs.p50, 20.0);
        QCOMPARE(s.latencyMs.p90, 40.0);
        QCOMPARE(s.errorPercent(), 400.0 / 6);
    }

    void histogramCoversEverySample()
    {
        std::vector<Sample> samples;
        for (int i = 0; i < 1000; ++i)
            samples.push_back(sample(i, 0, 1 + i % 100));
        const Stats::Histogram h = Stats::latencyHistogram(samples, 20);
        QCOMPARE(h.counts.size(), 20);
        QCOMPARE(h.edgesMs.size(), 21);
        QCOMPARE(h.edgesMs.front(), 1.0);
        QCOMPARE(h.edgesMs.back(), 100.0);
        QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), 0), 1000);
        // Log bins: the first bin [1, 1.26) holds only latency 1 (10 samples).
        QCOMPARE(h.counts.front(), 10);
    }

    void timeSeriesCountsInFlight()
    {
        // Two requests 0-250 ms and 100-350 ms; one 500-600 ms. Intervals of 200 ms.
        std::vector<Sample> samples = { sample(0, 0, 250), sample(1, 100, 250), sample(2, 500, 100) };
        const auto series = Stats::timeSeries(samples, 200'000'000);
        QCOMPARE(series.size(), 4); // last end 600 ms -> intervals 0..3
        QCOMPARE(series[0].inFlight, 2); // both started, none ended by 200 ms
        QCOMPARE(series[1].inFlight, 0); // both ended in [200, 400)
        QCOMPARE(series[1].completedPerS, 10.0); // 2 in 0.2 s
        QCOMPARE(series[1].meanLatencyMs, 250.0);
        QCOMPARE(series[2].inFlight, 1); // started at 500, ends at 600
        QCOMPARE(series[3].completedPerS, 5.0);
    }

    // Samples that make no sense (a negative start, an end before the start, an end far past
    // anything real) are left out instead of indexing past the series.
    void timeSeriesIgnoresImpossibleSamples()
    {
        std::vector<Sample> samples = { sample(0, 0, 250), sample(1, 100, 250) };
        Sample negative = sample(2, 0, 10);
        negative.startNs = -1'000'000'000;
        Sample backwards = sample(3, 500, 10);
        backwards.endNs = backwards.startNs - 1;
        Sample far = sample(4, 0, 10);
        far.endNs = std::numeric_limits<std::int64_t>::max();
        samples.insert(samples.end(), { negative, backwards, far });
        const auto series = Stats::timeSeries(samples, 200'000'000);
        QCOMPARE(series.size(), 2); // as if only the first two existed
        QCOMPARE(series[1].completedPerS, 10.0);
    }

    // The open model: latency from the planned start (what a user in line waits), and how
    // late the starts were.
    void latencyFromIntendedAndLateStarts()
    {
        std::vector<Sample> samples;
        for (int i = 0; i < 100; ++i) {
            Sample s = sample(i, 10 * i, 5); // each 5 ms of service
            s.intendedNs = s.startNs;
            if (i >= 90) // the last ten started 200 ms after their plan
                s.intendedNs = s.startNs - 200'000'000;
            samples.push_back(s);
        }
        Sample aborted = sample(100, 2000, 3);
        aborted.error = ErrorKind::Aborted;
        samples.push_back(aborted);
        const PatternSummary s = Stats::summarize(samples, 101, 3'000'000'000, 1);
        QCOMPARE(s.late, 10);
        QCOMPARE(s.lateMs.p50, 200.0);
        QCOMPARE(s.latencyMs.p99, 5.0); // service time: the same for everyone
        QCOMPARE(s.latencyFromIntendedMs.p99, 205.0); // the ones who waited in line
        QCOMPARE(s.latencyFromIntendedMs.p50, 5.0);
        QCOMPARE(s.aborted, 1);
        QCOMPARE(s.cancelled(), 1); // aborted on the wire counts as cancelled, sent as sent
        QCOMPARE(s.sent, 101);
    }

    void percentileCurveIsMonotonic()
    {
        std::vector<Sample> samples;
        for (int i = 0; i < 500; ++i)
            samples.push_back(sample(i, 0, (i * 37) % 500));
        const auto curve = Stats::percentileCurve(samples, { 10, 50, 90, 99, 99.9 });
        QCOMPARE(curve.size(), 5);
        for (qsizetype i = 1; i < curve.size(); ++i)
            QVERIFY(curve[i].second >= curve[i - 1].second);
        QCOMPARE(curve[1].second, 249.0); // 0..499: rank 250 -> 249
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"

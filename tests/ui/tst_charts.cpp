// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "chartexport.h"
#include "charts/chartpanel.h"
#include "charts/comparisonchart.h"
#include "charts/decimate.h"
#include "charts/latencychart.h"
#include "charts/livechart.h"
#include "charts/resourcechart.h"
#include "charts/timechart.h"
#include "charts/timelinewidget.h"
#include "fakerun.h"
#include "imagecheck.h"
#include "io/runfile.h"

#include <QApplication>
#include <QImageReader>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include "uitestmain.h"

#include <memory>

class TestCharts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decimationKeepsExtremes()
    {
        QList<QPointF> line;
        for (int i = 0; i < 100'000; ++i)
            line.append({ double(i), i == 54'321 ? 1000.0 : double(i % 7) });
        const QList<QPointF> d = Decimate::minMax(line, 500);
        QVERIFY(d.size() <= 2000);
        QVERIFY(d.size() >= 500);
        QVERIFY(std::is_sorted(d.begin(), d.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
        QVERIFY(d.contains(QPointF(54'321, 1000)));
        QCOMPARE(d.first(), line.first());
        QCOMPARE(d.last(), line.last());

        const QList<QPointF> s = Decimate::scatterEnvelope(line, 0, 100'000, 400);
        QVERIFY(s.size() <= 800);
        QVERIFY(s.contains(QPointF(54'321, 1000)));
        // Small inputs pass through untouched.
        QCOMPARE(Decimate::minMax(line.mid(0, 10), 500), line.mid(0, 10));
    }

    // The largest values a saved run may hold (RunFile::Limits) still draw, with finite axes
    // and no warning from Qt Charts ("invalid range for value axis").
    void extremeButValidRunsDraw()
    {
        RunData run = fakeRun({ QStringLiteral("sequential"), QStringLiteral("fanout") }, 200, 4);
        PatternResult &r = run.results[0];
        r.samples[7].startNs = 0;
        r.samples[7].endNs = std::int64_t(RunFile::Limits::MaxTimeNs); // one request of 27 hours
        r.totalNs = r.samples[7].endNs;
        r.resources.peakRssBytes = std::int64_t(RunFile::Limits::MaxBytes);
        r.resourceSeries.push_back(
            { std::int64_t(RunFile::Limits::MaxTimeNs), std::int64_t(RunFile::Limits::MaxBytes), 1'000'000, 1e5, 1e5 });
        run.results[1].samples.clear(); // a contract-only result: figures, no samples
        run.summarizeAll();
        run.summaries[1].latencyMs.p99 = RunFile::Limits::MaxSeconds * 1000;
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("invalid range|nan|inf"), QRegularExpression::CaseInsensitiveOption));
        for (auto &panel : std::initializer_list<std::shared_ptr<ChartPanel>> {
                 std::make_shared<LiveChart>(), std::make_shared<ComparisonChart>(), std::make_shared<LatencyChart>(),
                 std::make_shared<TimelineWidget>(), std::make_shared<ResourceChart>() }) {
            const QImage image = panel->renderImage(run, QSize(800, 500));
            QVERIFY2(!image.isNull(), qPrintable(panel->exportName()));
        }
    }

    void liveViewStaysBounded()
    {
        LiveChart live;
        live.resize(800, 600);
        const RunData run = fakeRun({ QStringLiteral("fanout") }, 50'000, 15);
        live.showResult(run.results.first());
        QVERIFY(live.latencyPointCount() > 0);
        QVERIFY2(live.latencyPointCount() <= 2 * 2 * 4000, qPrintable(QString::number(live.latencyPointCount())));
    }

    // A pipeline's queue depths are lines on the live view; another pattern shows none.
    void liveViewShowsThePipelinesQueues()
    {
        LiveChart live;
        live.resize(800, 600);
        RunData run = fakeRun({ QStringLiteral("pipeline") }, 500, 4);
        PatternResult &r = run.results[0];
        r.resourceSeries.clear();
        for (int i = 0; i < 10; ++i) {
            ResourcePoint p { std::int64_t(i) * 50'000'000, 1, 1, 0, 0 };
            p.stageQueues = { 4, i % 4, 0 };
            r.resourceSeries.push_back(p);
        }
        live.showResult(r);
        QCOMPARE(live.queuePoints(0).size(), 10);
        QCOMPARE(live.queuePoints(1).at(3).y(), 3.0);
        live.showResult(fakeRun({ QStringLiteral("fanout") }, 500, 4).results.first());
        QVERIFY(live.queuePoints(1).isEmpty());
    }

    void panelsRenderAtTheExportSize_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name : { "live", "comparison", "time", "latency", "timeline", "resources" })
            QTest::addRow("%s", name) << QString::fromLatin1(name);
    }

    void panelsRenderAtTheExportSize()
    {
        QFETCH(QString, name);
        std::unique_ptr<ChartPanel> panel;
        if (name == QLatin1String("live"))
            panel = std::make_unique<LiveChart>();
        else if (name == QLatin1String("comparison"))
            panel = std::make_unique<ComparisonChart>();
        else if (name == QLatin1String("latency"))
            panel = std::make_unique<LatencyChart>();
        else if (name == QLatin1String("time"))
            panel = std::make_unique<TimeChart>();
        else if (name == QLatin1String("timeline"))
            panel = std::make_unique<TimelineWidget>();
        else
            panel = std::make_unique<ResourceChart>();
        QCOMPARE(panel->exportName(), name);
        const RunData run
            = fakeRun({ QStringLiteral("sequential"), QStringLiteral("waitgroup"), QStringLiteral("fanout") }, 400, 8);
        const QSize size(900, 600);
        const QImage image = panel->renderImage(run, size);
        QCOMPARE(image.size(), size);
        // A chart, not a blank: axes, text, anti-aliased lines and bars in several colours.
        QVERIFY2(distinctColors(image) > 40, qPrintable(QString::number(distinctColors(image))));

        QTemporaryDir dir;
        // PATTERNLAB_TEST_PNG_DIR=folder keeps the images for a look.
        const QString keep = qEnvironmentVariable("PATTERNLAB_TEST_PNG_DIR");
        const QString path = (keep.isEmpty() ? dir.path() : keep) + QLatin1Char('/') + name + QStringLiteral(".png");
        QString error;
        QVERIFY2(ChartExport::savePng(image, path, &error), qPrintable(error));
        QImageReader reader(path);
        QCOMPARE(reader.format(), QByteArray("png"));
        QCOMPARE(reader.size(), size);
    }

    void timelineSamplesLanesBeyondThePixels()
    {
        TimelineWidget timeline;
        timeline.resize(800, 400);
        // waitgroup: one lane per request, far more lanes than pixel rows.
        RunData run = fakeRun({ QStringLiteral("waitgroup") }, 5000, 5000);
        timeline.setRun(run);
        const QImage image = timeline.renderImage(run, QSize(800, 400));
        QVERIFY(distinctColors(image) > 10);
        timeline.grab();
        const QList<TimelineWidget::BandInfo> info = timeline.bandInfo();
        QCOMPARE(info.size(), 1);
        QCOMPARE(info.first().lanes, 5000);
        QVERIFY(info.first().shownLanes < 400);
        QVERIFY(info.first().shownLanes > 50);
    }

    void renderAllWritesEveryChart()
    {
        QTemporaryDir dir;
        const RunData run = fakeRun({ QStringLiteral("fanout"), QStringLiteral("backpressure") }, 200, 4);
        QStringList written;
        QString error;
        QVERIFY2(ChartExport::renderAll(run, dir.path(), QSize(640, 480), &written, &error), qPrintable(error));
        QCOMPARE(written.size(), 6); // live, comparison, time, latency, timeline, resources
        for (const QString &path : std::as_const(written)) {
            const QImage image(path);
            QCOMPARE(image.size(), QSize(640, 480));
            QVERIFY(distinctColors(image) > 20);
        }
        QVERIFY(
            !ChartExport::renderAll(run, dir.filePath(QStringLiteral("missing")), QSize(640, 480), &written, &error));
        QVERIFY(error.contains(QStringLiteral("missing")));
    }

    // The worker timeline puts every pattern on one time scale: a pattern that took a tenth
    // of the time fills a tenth of the width. Stretching each to its own is an option.
    void timelineBandsShareOneScale()
    {
        RunData run = fakeRun({ QStringLiteral("sequential"), QStringLiteral("fanout") }, 200, 4);
        for (Sample &s : run.results[1].samples) { // fanout: ten times faster
            s.startNs /= 10;
            s.endNs /= 10;
        }
        run.results[1].totalNs /= 10;
        TimelineWidget timeline;
        timeline.resize(900, 600);
        timeline.setRun(run);
        timeline.grab();
        QList<TimelineWidget::BandInfo> info = timeline.bandInfo();
        QCOMPARE(info.size(), 2);
        QCOMPARE(info[0].scaleNs, info[1].scaleNs);
        QCOMPARE(info[0].scaleNs, run.results[0].totalNs);
        timeline.setZoomEachBand(true);
        timeline.grab();
        info = timeline.bandInfo();
        QCOMPARE(info[1].scaleNs, run.results[1].totalNs);
    }

    // Zooming the timeline: the wheel narrows the window around the pointer, a drag pans it,
    // the window never leaves the run, a double-click shows the whole run again.
    void timelineZoomsAndPans()
    {
        const RunData run = fakeRun({ QStringLiteral("fanout") }, 400, 4);
        const std::int64_t total = run.results[0].totalNs;
        TimelineWidget timeline;
        timeline.resize(900, 400);
        timeline.setRun(run);
        timeline.grab();
        QCOMPARE(timeline.bandInfo()[0].scaleNs, total);

        const QPoint middle(timeline.width() / 2, timeline.height() / 2);
        QWheelEvent in(middle, timeline.mapToGlobal(middle), {}, QPoint(0, 3 * 120), Qt::NoButton, Qt::NoModifier,
                       Qt::NoScrollPhase, false);
        QApplication::sendEvent(&timeline, &in);
        timeline.grab();
        const std::int64_t span = timeline.windowSpanNs();
        QVERIFY2(span > 0 && span < total * 6 / 10, qPrintable(QString::number(span)));
        QCOMPARE(timeline.bandInfo()[0].scaleNs, span);
        QVERIFY(timeline.windowStartNs() > 0); // around the pointer, not the start

        QTest::mousePress(&timeline, Qt::LeftButton, {}, middle);
        QTest::mouseMove(&timeline, middle + QPoint(5000, 0)); // far right: pans to the start
        QTest::mouseRelease(&timeline, Qt::LeftButton, {}, middle + QPoint(5000, 0));
        QCOMPARE(timeline.windowStartNs(), 0);
        QCOMPARE(timeline.windowSpanNs(), span);

        timeline.setTimeWindow(total * 2, total / 4); // past the end: clamped inside
        QCOMPARE(timeline.windowStartNs(), total - total / 4);
        timeline.setTimeWindow(0, 10); // below 1 ms: 1 ms
        QCOMPARE(timeline.windowSpanNs(), std::int64_t(1'000'000));

        QTest::mouseDClick(&timeline, Qt::LeftButton, {}, middle);
        QCOMPARE(timeline.windowSpanNs(), 0);
        timeline.grab();
        QCOMPARE(timeline.bandInfo()[0].scaleNs, total);
    }

    // The circuit breaker's open intervals (cond's notes) are shaded across the lanes, at
    // their time; without them, nothing is.
    void timelineShadesTheBreakerOpen()
    {
        RunData run = fakeRun({ QStringLiteral("cond") }, 400, 4);
        const double totalS = double(run.results[0].totalNs) / 1e9;
        const QColor shade(0xF2, 0xC6, 0xC2);
        const auto shadedColumns = [&](const RunData &r) {
            TimelineWidget timeline;
            timeline.resize(800, 300);
            timeline.setRun(r);
            const QImage image = timeline.grab().toImage();
            std::vector<int> columns;
            for (int x = 0; x < image.width(); ++x) {
                for (int y = 0; y < image.height(); ++y) {
                    if (image.pixelColor(x, y) == shade) {
                        columns.push_back(x);
                        break;
                    }
                }
            }
            return columns;
        };
        QVERIFY(shadedColumns(run).empty());
        run.results[0].notes.push_back({ QStringLiteral("breaker.open.0.from_s"), totalS * 0.50 });
        run.results[0].notes.push_back({ QStringLiteral("breaker.open.0.to_s"), totalS * 0.75 });
        const std::vector<int> columns = shadedColumns(run);
        QVERIFY(!columns.empty());
        const int width = columns.back() - columns.front();
        const double middle = (columns.back() + columns.front()) / 2.0;
        // A quarter of the plot, centred at 62.5 % of it (the plot is most of the 800 px).
        QVERIFY2(width > 800 * 0.25 * 0.8 && width < 800 * 0.25 * 1.05, qPrintable(QString::number(width)));
        QVERIFY2(middle > 800 * 0.55 && middle < 800 * 0.68, qPrintable(QString::number(middle)));
    }

    // A pipeline's parse and aggregate steps get lanes of their own after the fetchers'.
    void timelineGivesEachStageItsLanes()
    {
        RunData run = fakeRun({ QStringLiteral("pipeline") }, 60, 4); // 4 fetch workers
        PatternResult &r = run.results[0];
        for (const Sample &s : std::vector<Sample>(r.samples)) {
            Sample parse = s;
            parse.kind = SampleKind::Parse;
            parse.worker = s.index % 2;
            parse.startNs = s.endNs;
            parse.endNs = s.endNs + 100'000;
            Sample aggregate = parse;
            aggregate.kind = SampleKind::Aggregate;
            aggregate.worker = 0;
            r.extraSamples.push_back(parse);
            r.extraSamples.push_back(aggregate);
        }
        TimelineWidget timeline;
        timeline.resize(900, 500);
        timeline.setRun(run);
        timeline.grab();
        QCOMPARE(timeline.bandInfo()[0].lanes, 4 + 2 + 1);
    }

    // Errors split by kind: simulated 5xx, 503 shed, timeouts and connection errors apart.
    void errorsAreSplitByKind()
    {
        PatternSummary s;
        s.requests = 100;
        s.statusCounts = { { 200, 60 }, { 500, 5 }, { 503, 20 }, { 404, 1 } };
        s.errorCounts = { { QStringLiteral("http"), 26 },
                          { QStringLiteral("timeout"), 7 },
                          { QStringLiteral("connection"), 3 },
                          { QStringLiteral("reset"), 2 },
                          { QStringLiteral("cancelled"), 2 } };
        const auto counts = ComparisonChart::errorsByClass(s);
        using E = ComparisonChart::ErrorClass;
        QCOMPARE(counts[std::size_t(E::ServerError)], 5);
        QCOMPARE(counts[std::size_t(E::Shed)], 20);
        QCOMPARE(counts[std::size_t(E::Timeout)], 7);
        QCOMPARE(counts[std::size_t(E::Connection)], 5);
        QCOMPARE(counts[std::size_t(E::Client)], 1); // the 404
        QCOMPARE(counts[std::size_t(E::Cancelled)], 2);
    }

    // Where the time went, from the server's own account in each sample.
    void timeSplitFollowsTheServersAccount()
    {
        PatternResult r;
        Sample a;
        a.startNs = 0;
        a.endNs = 30'000'000; // 30 ms at the client
        a.status = 200;
        a.serverQueueUs = 5000;
        a.serverServiceUs = 20000;
        Sample shed = a; // a 503 is left out: it was refused at once, not served
        shed.status = 503;
        shed.serverQueueUs = 0;
        shed.serverServiceUs = 0;
        Sample untimed = a;
        untimed.serverQueueUs = untimed.serverServiceUs = -1;
        r.samples = { a, shed, untimed };
        const TimeChart::Split s = TimeChart::split(r);
        QCOMPARE(s.requests, 1);
        QCOMPARE(s.queueMs, 5.0);
        QCOMPARE(s.serviceMs, 20.0);
        QCOMPARE(s.clientMs(), 5.0);
    }

    void comparisonShowsIdealAndCeilingWhenTheServiceTimeIsKnown()
    {
        RunData run = fakeRun({ QStringLiteral("sequential"), QStringLiteral("fanout") }, 200, 4);
        const double service = ComparisonChart::serviceMs(run);
        QVERIFY(service > 0);
        // Sequential: one request at a time; fan-out: C at a time (C <= capacity 20).
        QCOMPARE(ComparisonChart::idealTimeS(run, 0, 10.0), 200 * 0.010);
        QCOMPARE(ComparisonChart::idealTimeS(run, 1, 10.0), 200 * 0.010 / 4);
        QCOMPARE(ComparisonChart::serverCeilingRps(run, 10.0), 20 * 100.0);
        QCOMPARE(ComparisonChart::idealTimeS(run, 0, -1), 0.0); // unknown: no line drawn
    }

    void emptyRunRenders()
    {
        ComparisonChart chart;
        const QImage image = chart.renderImage(RunData {}, QSize(400, 300));
        QCOMPARE(image.size(), QSize(400, 300));
    }
};

PATTERNLAB_UI_TEST_MAIN(TestCharts)
#include "tst_charts.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "fakerun.h"
#include "io/resultwriter.h"
#include "io/runfile.h"
#include "models/resultsmodel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

#include "uitestmain.h"

class TestResultsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyModel()
    {
        ResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(ResultsModel::ColumnCount));
    }

    void oneRowPerPatternWithContractFigures()
    {
        ResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const RunData run = fakeRun({ QStringLiteral("sequential"), QStringLiteral("fanout") }, 100, 4);
        model.setRun(run);
        QCOMPARE(model.rowCount(), 2);
        const PatternSummary &s = run.summaries.at(1);
        const auto cell = [&](int column, int role = Qt::DisplayRole) { return model.index(1, column).data(role); };
        QCOMPARE(cell(ResultsModel::PatternColumn, ResultsModel::PatternIdRole).toString(), QStringLiteral("fanout"));
        QCOMPARE(cell(ResultsModel::RequestsColumn).toInt(), 100);
        QCOMPARE(cell(ResultsModel::ErrorsColumn).toInt(), 10);
        QCOMPARE(cell(ResultsModel::OkColumn).toInt(), 90);
        QCOMPARE(cell(ResultsModel::LatencyP99Column, ResultsModel::SortRole).toDouble(), s.latencyMs.p99);
        QCOMPARE(cell(ResultsModel::ThreadsPeakColumn).toInt(), 6);
        QCOMPARE(cell(ResultsModel::StatusCountsColumn).toString(), QStringLiteral("200:90, 500:10"));
        QCOMPARE(cell(ResultsModel::ErrorCountsColumn).toString(), QStringLiteral("http:10"));
        QCOMPARE(cell(ResultsModel::NotesColumn).toString(), QStringLiteral("note.example=1.5"));
        QVERIFY(cell(ResultsModel::PatternColumn, Qt::DecorationRole).canConvert<QColor>());
        // Every header is named.
        for (int c = 0; c < model.columnCount(); ++c)
            QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsNumerically()
    {
        ResultsModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ResultsModel::SortRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunData run
            = fakeRun({ QStringLiteral("sequential"), QStringLiteral("waitgroup"), QStringLiteral("fanout") }, 50, 2);
        // Throughputs 9, 10, 100: as text "9" > "100"; as numbers 9 < 10 < 100.
        run.summaries[0].throughputRps = 10;
        run.summaries[1].throughputRps = 100;
        run.summaries[2].throughputRps = 9;
        model.setRun(run);
        proxy.sort(ResultsModel::ThroughputColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data(ResultsModel::PatternIdRole).toString(), QStringLiteral("fanout"));
        QCOMPARE(proxy.index(1, 0).data(ResultsModel::PatternIdRole).toString(), QStringLiteral("sequential"));
        QCOMPARE(proxy.index(2, 0).data(ResultsModel::PatternIdRole).toString(), QStringLiteral("waitgroup"));
    }

    // A saved run, reopened, shows the same table text: with samples (RunFile) and from a
    // contract-only file (patternlab-cli --json: figures, no samples).
    void reopenedRunShowsTheSameTable()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const RunData run = fakeRun({ QStringLiteral("waitgroup"), QStringLiteral("backpressure") }, 120, 5);
        const QString path = dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY2(RunFile::save(path, run, &error), qPrintable(error));
        RunData back;
        QVERIFY2(RunFile::load(path, &back, &error), qPrintable(error));
        RunData contractOnly;
        QVERIFY2(RunFile::fromJson(ResultWriter::toJson(run.config, run.results), &contractOnly, &error),
                 qPrintable(error));
        ResultsModel original;
        original.setRun(run);
        ResultsModel reopened;
        reopened.setRun(back);
        ResultsModel fromContract;
        fromContract.setRun(contractOnly);
        QCOMPARE(reopened.toCsv(), original.toCsv());
        QCOMPARE(fromContract.toCsv(), original.toCsv());
    }

    void csvHasHeaderAndRows()
    {
        ResultsModel model;
        model.setRun(fakeRun({ QStringLiteral("sequential") }, 20, 1));
        const QList<QByteArray> lines = model.toCsv().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).count(','), ResultsModel::ColumnCount - 1);
        QVERIFY(lines.at(1).startsWith("Sequential"));
    }
};

PATTERNLAB_UI_TEST_MAIN(TestResultsModel)
#include "tst_resultsmodel.moc"

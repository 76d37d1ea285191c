// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/runconfig.h"
#include "models/patternlistmodel.h"
#include "patterns/registry.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "uitestmain.h"

class TestPatternListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsEveryPatternCheckable()
    {
        PatternListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), int(PatternRegistry::ids().size()));
        QCOMPARE(model.checkedIds(), PatternRegistry::defaultIds());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, PatternListModel::PatternColumn);
            QVERIFY(model.flags(index) & Qt::ItemIsUserCheckable);
            QVERIFY(index.data(Qt::DecorationRole).canConvert<QColor>());
            QVERIFY(!model.index(row, PatternListModel::SummaryColumn).data().toString().isEmpty());
        }
    }

    void checkingChangesTheSelection()
    {
        PatternListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &PatternListModel::checkedChanged);
        const QModelIndex first = model.index(0, PatternListModel::PatternColumn);
        QVERIFY(model.setData(first, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(changed.count(), 1);
        QVERIFY(!model.checkedIds().contains(model.idAt(0)));
        model.setCheckedIds({ QStringLiteral("fanout") });
        QCOMPARE(model.checkedIds(), QStringList { QStringLiteral("fanout") });
    }

    void tracksProgressAndResults()
    {
        PatternListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetProgress({ QStringLiteral("fanout") });
        const int row = model.rowOf(QStringLiteral("fanout"));
        const QModelIndex progress = model.index(row, PatternListModel::ProgressColumn);
        QCOMPARE(progress.data(PatternListModel::ProgressTextRole).toString(), QStringLiteral("waiting"));
        model.setProgress(QStringLiteral("fanout"), 25, 100);
        QCOMPARE(progress.data(PatternListModel::ProgressRole).toDouble(), 0.25);
        QCOMPARE(progress.data().toString(), QStringLiteral("25 / 100"));
        model.setState(QStringLiteral("fanout"), PatternListModel::State::Failed, QStringLiteral("crashed"));
        QCOMPARE(progress.data(Qt::ToolTipRole).toString(), QStringLiteral("crashed"));
        PatternSummary summary;
        summary.totalTimeS = 1.5;
        summary.throughputRps = 400;
        model.setResultSummary(QStringLiteral("fanout"), summary);
        QVERIFY(
            model.index(row, PatternListModel::SummaryColumn).data().toString().contains(QStringLiteral("400 req/s")));
    }
};

PATTERNLAB_UI_TEST_MAIN(TestPatternListModel)
#include "tst_patternlistmodel.moc"

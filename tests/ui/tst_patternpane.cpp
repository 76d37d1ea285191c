// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterninfo.h"
#include "patternpane.h"
#include "patterns/registry.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>

#include "uitestmain.h"

class TestPatternPane : public QObject
{
    Q_OBJECT

    static QString source(const QString &id)
    {
        QFile file(QStringLiteral(PATTERNLAB_SOURCE_DIR "/core/patterns/%1.cpp").arg(id));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

private Q_SLOTS:
    void everyPattern_data()
    {
        QTest::addColumn<QString>("id");
        const QStringList ids = PatternRegistry::ids();
        for (const QString &id : ids)
            QTest::addRow("%s", qPrintable(id)) << id;
    }

    // Every pattern this build knows has its classroom text, and its code comes from its
    // compiled source file: the snippet (without its header line) is a verbatim part of
    // core/patterns/ID.cpp, between the lesson markers. A missing marker fails the build
    // (extract_lesson.cmake) and, for a registered pattern, this test.
    void everyPattern()
    {
        QFETCH(QString, id);
        QVERIFY(!PatternInfo::oneLine(id).isEmpty());
        const QString html = PatternInfo::html(id);
        for (const char *section : { "What it does", "The Go original", "The code, step by step", "What to look for" })
            QVERIFY2(html.contains(QLatin1String(section)), section);

        const QString snippet = PatternInfo::snippet(id);
        QVERIFY2(!snippet.isEmpty(), "no lesson code: are the // @lesson markers missing?");
        const QString header = snippet.section(QLatin1Char('\n'), 0, 0);
        QCOMPARE(header.left(QStringLiteral("// core/patterns/").size() + id.size() + 4),
                 QStringLiteral("// core/patterns/%1.cpp").arg(id));
        const QString code = snippet.section(QLatin1Char('\n'), 1);
        const QString text = source(id);
        QVERIFY(!text.isEmpty());
        QVERIFY2(text.contains(QStringLiteral("// @lesson begin\n") + code + QStringLiteral("// @lesson end")),
                 "the pane's code is not the compiled source: rebuild");
        QVERIFY2(code.contains(QStringLiteral("Pattern::run(RunContext &context)")), "the lesson shows run()");

        PatternPane pane;
        pane.setPattern(id);
        QCOMPARE(pane.pattern(), id);
        QVERIFY(pane.findChild<QTextBrowser *>()->toPlainText().contains(QStringLiteral("What to look for")));
        QCOMPARE(pane.findChild<QPlainTextEdit *>()->toPlainText(), snippet);
    }

    // Each step: link in the text names a step of the code, and clicking it highlights the
    // step's lines; every step of the code is linked from the text.
    void stepLinksHighlightTheirLines_data() { everyPattern_data(); }
    void stepLinksHighlightTheirLines()
    {
        QFETCH(QString, id);
        PatternPane pane;
        pane.setPattern(id);
        QVERIFY(!pane.steps().isEmpty());
        static const QRegularExpression link(QStringLiteral("href=\"step:([a-z-]+)\""));
        QSet<QString> linked;
        for (const QRegularExpressionMatch &m : link.globalMatch(PatternInfo::html(id)))
            linked.insert(m.captured(1));
        auto *code = pane.findChild<QPlainTextEdit *>();
        for (const PatternInfo::Step &step : pane.steps()) {
            QVERIFY2(linked.contains(step.name), qPrintable(QStringLiteral("step %1 has no link").arg(step.name)));
            QVERIFY(step.lastLine >= step.firstLine);
            QVERIFY(code->document()
                        ->findBlockByNumber(step.firstLine)
                        .text()
                        .contains(QStringLiteral("[%1]").arg(step.name)));
        }
        for (const QString &name : std::as_const(linked)) {
            QVERIFY2(pane.showStep(name), qPrintable(QStringLiteral("link to unknown step %1").arg(name)));
            QCOMPARE(pane.shownStep(), name);
            const QList<QTextEdit::ExtraSelection> highlighted = code->extraSelections();
            QCOMPARE(highlighted.size(), 1);
            QVERIFY(highlighted.first().cursor.selectedText().contains(QStringLiteral("[%1]").arg(name)));
        }
        QVERIFY(!pane.showStep(QStringLiteral("no-such-step")));
    }

    void stepsSplitTheCode()
    {
        const QString code = QStringLiteral("void f()\n{\n    // [one] a\n    x();\n\n    // [two] b\n    y();\n}\n");
        const QList<PatternInfo::Step> steps = PatternInfo::steps(code);
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps[0].name, QStringLiteral("one"));
        QCOMPARE(steps[0].firstLine, 2);
        QCOMPARE(steps[0].lastLine, 3); // the blank line before the next step is dropped
        QCOMPARE(steps[1].name, QStringLiteral("two"));
        QCOMPARE(steps[1].firstLine, 5);
        QCOMPARE(steps[1].lastLine, 7);
    }

    void unknownPatternSaysSo()
    {
        QVERIFY(PatternInfo::html(QStringLiteral("nosuch")).contains(QStringLiteral("nosuch")));
        QVERIFY(PatternInfo::snippet(QStringLiteral("nosuch")).isEmpty());
    }
};

PATTERNLAB_UI_TEST_MAIN(TestPatternPane)
#include "tst_patternpane.moc"

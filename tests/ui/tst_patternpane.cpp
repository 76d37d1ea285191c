#include "patterninfo.h"
#include "patternpane.h"
#include "patterns/registry.h"

#include <QPlainTextEdit>
#include <QTest>
#include <QTextBrowser>

#include "uitestmain.h"

class TestPatternPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every pattern this build knows has its classroom texts compiled in.
    void everyPatternHasItsTexts_data()
    {
        QTest::addColumn<QString>("id");
        const QStringList ids = PatternRegistry::ids();
        for (const QString &id : ids)
            QTest::addRow("%s", qPrintable(id)) << id;
    }

    void everyPatternHasItsTexts()
    {
        QFETCH(QString, id);
        QVERIFY(!PatternInfo::oneLine(id).isEmpty());
        const QString html = PatternInfo::html(id);
        for (const char *section : { "What it does", "The Go original", "What to look for" })
            QVERIFY2(html.contains(QLatin1String(section)), section);
        QVERIFY(PatternInfo::snippet(id).contains(QStringLiteral("core/patterns/")));

        PatternPane pane;
        pane.setPattern(id);
        QCOMPARE(pane.pattern(), id);
        QVERIFY(pane.findChild<QTextBrowser *>()->toPlainText().contains(QStringLiteral("What to look for")));
        QCOMPARE(pane.findChild<QPlainTextEdit *>()->toPlainText(), PatternInfo::snippet(id));
    }

    void unknownPatternSaysSo()
    {
        QVERIFY(PatternInfo::html(QStringLiteral("nosuch")).contains(QStringLiteral("nosuch")));
        QVERIFY(PatternInfo::snippet(QStringLiteral("nosuch")).isEmpty());
    }
};

PATTERNLAB_UI_TEST_MAIN(TestPatternPane)
#include "tst_patternpane.moc"

#include "patternpane.h"

#include "patterncolors.h"
#include "patterninfo.h"
#include "patterns/registry.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

PatternPane::PatternPane(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_text = new QTextBrowser(splitter);
    m_text->setObjectName(QStringLiteral("patternText"));
    m_text->setOpenExternalLinks(true);
    m_code = new QPlainTextEdit(splitter);
    m_code->setObjectName(QStringLiteral("patternCode"));
    m_code->setReadOnly(true);
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    // Only the family: the size follows the window, so presenter mode enlarges code too.
    QFont mono;
    mono.setFamily(QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
    mono.setStyleHint(QFont::Monospace);
    m_code->setFont(mono);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
}

void PatternPane::setPattern(const QString &id)
{
    m_id = id;
    m_title->setText(QStringLiteral("<span style=\"color:%1; font-size:x-large\">&#9632;</span> <b>%2</b> <tt>%3</tt>")
                         .arg(PatternColors::color(id).name(), PatternRegistry::title(id).toHtmlEscaped(), id));
    m_text->setHtml(PatternInfo::html(id));
    m_code->setPlainText(PatternInfo::snippet(id));
}

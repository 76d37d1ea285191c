// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patternpane.h"

#include "patterncolors.h"
#include "patterns/registry.h"

#include <QDesktopServices>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QTextBrowser>
#include <QUrl>
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
    m_text->setOpenLinks(false); // step: links stay here; web links go to the browser
    connect(m_text, &QTextBrowser::anchorClicked, this, &PatternPane::onLinkClicked);
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
    m_step.clear();
    m_title->setText(QStringLiteral("<span style=\"color:%1; font-size:x-large\">&#9632;</span> <b>%2</b> <tt>%3</tt>")
                         .arg(PatternColors::color(id).name(), PatternRegistry::title(id).toHtmlEscaped(), id));
    m_text->setHtml(PatternInfo::html(id));
    const QString code = PatternInfo::snippet(id);
    m_code->setPlainText(code);
    m_code->setExtraSelections({});
    m_steps = PatternInfo::steps(code);
}

bool PatternPane::showStep(const QString &name)
{
    const auto step
        = std::find_if(m_steps.cbegin(), m_steps.cend(), [&](const PatternInfo::Step &s) { return s.name == name; });
    if (step == m_steps.cend())
        return false;
    m_step = name;
    QTextDocument *document = m_code->document();
    QTextCursor cursor(document->findBlockByNumber(step->firstLine));
    cursor.movePosition(QTextCursor::Down, QTextCursor::KeepAnchor, step->lastLine - step->firstLine);
    cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    QTextEdit::ExtraSelection highlight;
    highlight.cursor = cursor;
    highlight.format.setBackground(PatternColors::color(m_id).lighter(175));
    highlight.format.setProperty(QTextFormat::FullWidthSelection, true);
    m_code->setExtraSelections({ highlight });
    // Show the step's last line, then its first: the whole step is on screen when it fits.
    m_code->setTextCursor(QTextCursor(document->findBlockByNumber(step->lastLine)));
    m_code->ensureCursorVisible();
    m_code->setTextCursor(QTextCursor(document->findBlockByNumber(step->firstLine)));
    m_code->ensureCursorVisible();
    return true;
}

void PatternPane::onLinkClicked(const QUrl &url)
{
    if (url.scheme() == u"step")
        showStep(url.path());
    else
        QDesktopServices::openUrl(url);
}

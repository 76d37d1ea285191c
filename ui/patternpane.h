#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTextBrowser;

// The classroom pane for one pattern: what it does, the Go original's idea, what to look for
// in the charts (resources/patterns/ID.html) and its core C++ (resources/patterns/ID.cpp.txt).
class PatternPane : public QWidget
{
    Q_OBJECT
public:
    explicit PatternPane(QWidget *parent = nullptr);

    void setPattern(const QString &patternId);
    QString pattern() const { return m_id; }

private:
    QString m_id;
    QLabel *m_title = nullptr;
    QTextBrowser *m_text = nullptr;
    QPlainTextEdit *m_code = nullptr;
};

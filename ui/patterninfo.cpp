// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "patterninfo.h"

#include <QFile>
#include <QObject>
#include <QRegularExpression>

namespace PatternInfo {

namespace {
QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}
} // namespace

QString oneLine(const QString &id)
{
    // The first line of ID.html: <!-- summary: what it does, in a few words -->
    static const QRegularExpression summary(QStringLiteral("^<!--\\s*summary:\\s*(.*?)\\s*-->"));
    const QRegularExpressionMatch match = summary.match(readResource(QStringLiteral(":/patterns/%1.html").arg(id)));
    return match.hasMatch() ? match.captured(1) : QString();
}

QString html(const QString &id)
{
    const QString text = readResource(QStringLiteral(":/patterns/%1.html").arg(id));
    return text.isEmpty() ? QObject::tr("<p>No classroom notes for <b>%1</b> yet.</p>").arg(id) : text;
}

QString snippet(const QString &id)
{
    return readResource(QStringLiteral(":/patterns/%1.cpp.txt").arg(id));
}

QList<Step> steps(const QString &snippet)
{
    static const QRegularExpression tag(QStringLiteral("^\\s*// \\[([a-z][a-z-]*)\\]"));
    const QStringList lines = snippet.split(QLatin1Char('\n'));
    QList<Step> found;
    const auto close = [&](int before) {
        if (found.isEmpty())
            return;
        int last = before - 1;
        while (last > found.last().firstLine && lines.at(last).trimmed().isEmpty())
            --last;
        found.last().lastLine = last;
    };
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch match = tag.match(lines.at(i));
        if (!match.hasMatch())
            continue;
        close(i);
        found.append({ match.captured(1), i, i });
    }
    close(int(lines.size()));
    return found;
}

} // namespace PatternInfo

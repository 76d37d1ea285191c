// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "engine/transport.h"

#include "engine/curltransport.h"
#include "engine/qttransport.h"
#include "model/runconfig.h"

std::unique_ptr<Transport> createTransport(const RunConfig &config)
{
    switch (config.engine) {
    case Engine::Curl:
        return std::make_unique<CurlTransport>(config.url, config.timeoutMs);
    case Engine::Qt:
    case Engine::Fake: // the fake is built by tests themselves
        break;
    }
    return std::make_unique<QtTransport>(config.url, config.timeoutMs);
}

void AnswerHeaders::addLine(QByteArrayView line)
{
    if (line.trimmed().isEmpty())
        return;
    m_bytes += line.size();
    if (m_bytes > MaxBytes || ++m_fields > MaxFields)
        m_tooLarge = true;
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return;
    if (line.first(colon).trimmed().compare("content-length", Qt::CaseInsensitive) != 0)
        return;
    // Qt joins repeated headers with ", ": each part must be the same non-negative number.
    for (const QByteArray &part : line.sliced(colon + 1).toByteArray().split(',')) {
        bool ok = false;
        const qint64 length = part.trimmed().toLongLong(&ok);
        if (!ok || length < 0 || (m_length >= 0 && length != m_length))
            m_badLength = true;
        else
            m_length = length;
    }
}

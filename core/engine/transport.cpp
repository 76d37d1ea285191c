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

QUrl endpointUrl(const QUrl &dataUrl, Endpoint endpoint)
{
    if (endpoint == Endpoint::Data)
        return dataUrl;
    QUrl url = dataUrl;
    url.setPath(QStringLiteral("/token"));
    url.setQuery(QString());
    return url;
}

bool parseServerTiming(QByteArrayView value, std::int32_t *queueUs, std::int32_t *serviceUs)
{
    std::int32_t queue = -1;
    std::int32_t service = -1;
    for (const QByteArray &metric : value.toByteArray().split(',')) {
        const QList<QByteArray> parts = metric.trimmed().split(';');
        if (parts.size() < 2)
            continue;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray param = parts[i].trimmed();
            if (!param.startsWith("dur="))
                continue;
            bool ok = false;
            const double ms = param.mid(4).toDouble(&ok);
            if (!ok || !(ms >= 0) || ms > 2e6) // up to ~33 minutes fits in microseconds
                continue;
            const auto us = std::int32_t(ms * 1000.0 + 0.5);
            if (parts[0].trimmed() == "queue")
                queue = us;
            else if (parts[0].trimmed() == "service")
                service = us;
        }
    }
    if (queue < 0 || service < 0)
        return false;
    *queueUs = queue;
    *serviceUs = service;
    return true;
}

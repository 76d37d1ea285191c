// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "run/serverprobe.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QUrlQuery>

ServerProbe::ServerProbe(QObject *parent) : QObject(parent), m_nam(new QNetworkAccessManager(this))
{
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

void ServerProbe::reset(int waitMs, std::function<void(const ResetReply &)> done)
{
    QUrl url = m_base;
    url.setPath(QStringLiteral("/reset"));
    if (waitMs > 0)
        url.setQuery(QStringLiteral("wait_ms=%1").arg(waitMs));
    QNetworkRequest request(url);
    request.setTransferTimeout(waitMs + 5000);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_nam->post(request, QByteArray());
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done), generation = m_generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        ResetReply answer;
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        answer.answered = reply->error() == QNetworkReply::NoError;
        if (json.contains(QStringLiteral("idle"))) {
            answer.idle = json.value(QStringLiteral("idle")).toBool(true);
            answer.busy
                = json.value(QStringLiteral("in_service")).toInt() + json.value(QStringLiteral("queued")).toInt();
        }
        done(answer);
    });
}

void ServerProbe::stats(std::function<void(std::optional<QJsonObject>)> done)
{
    QUrl url = m_base;
    url.setPath(QStringLiteral("/stats"));
    QNetworkRequest request(url);
    request.setTransferTimeout(2000);
    QNetworkReply *reply = m_nam->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done), generation = m_generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
        if (reply->error() != QNetworkReply::NoError || !doc.isObject())
            done(std::nullopt);
        else
            done(doc.object());
    });
}

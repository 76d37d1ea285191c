// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <functional>
#include <optional>

class QNetworkAccessManager;

// The Runner's two calls to the bundled server besides the pattern's own requests: POST
// /reset (which waits until the server is idle, up to a bound) before each pattern, and GET
// /stats while it runs. Both asynchronous and bounded by a transfer timeout; an answer that
// arrives after the caller moved on is dropped (the generation check).
class ServerProbe : public QObject
{
    Q_OBJECT
public:
    explicit ServerProbe(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &base) { m_base = base; }
    QUrl baseUrl() const { return m_base; }
    // Any answer in flight is forgotten.
    void invalidate() { ++m_generation; }

    struct ResetReply
    {
        bool answered = false;
        bool idle = true;
        int busy = 0; // in service + queued when it stopped waiting
    };
    // done is called once, with what the server said (or answered=false).
    void reset(int waitMs, std::function<void(const ResetReply &)> done);
    void stats(std::function<void(std::optional<QJsonObject>)> done);

private:
    QNetworkAccessManager *m_nam = nullptr;
    QUrl m_base;
    int m_generation = 0;
};

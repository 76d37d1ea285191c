// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/resourceusage.h"
#include "model/sample.h"
#include "model/serverstats.h"
#include "model/stats.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <algorithm>
#include <optional>
#include <vector>

// One trial's headline figures (--repeat): a repeated pattern's result is its last trial's,
// with every finished trial's figures alongside.
struct TrialFigures
{
    double totalTimeS = 0;
    double throughputRps = 0;
    double p99Ms = 0;
    friend bool operator==(const TrialFigures &, const TrialFigures &) = default;
};

// Everything one pattern run produced: a plain value that crosses threads and processes.
struct PatternResult
{
    enum class Outcome { Finished, Stopped, Failed };

    QString id;
    QString title;
    Outcome outcome = Outcome::Finished;
    QString failure; // why, when Failed
    int requests = 0;
    std::int64_t totalNs = 0;
    int maxInFlight = 0;
    std::vector<Sample> samples; // one per request index; by completion order while streaming
    std::vector<Sample> extraSamples; // further requests for an index (hedges, tokens, probes)
    std::vector<ResourcePoint> resourceSeries;
    ResourceUsage resources;
    QList<QPair<QString, double>> notes; // pattern-specific figures
    // Notes that carry what a chart draws (the circuit breaker's open intervals,
    // breaker.open.N.from_s/.to_s), not a figure to print in the report or the table.
    static bool isDrawingNote(QStringView key) { return key.startsWith(u"breaker.open."); }
    // A note's value by its key; nullopt when the pattern did not leave it.
    std::optional<double> note(QStringView key) const
    {
        for (const auto &[k, value] : notes) {
            if (k == key)
                return value;
        }
        return std::nullopt;
    }
    QJsonObject params; // the pattern's flags as used ("concurrency", "bp_window_ms", ...)
    ServerStats server; // the bundled server's /stats for this pattern
    std::vector<ServerPoint> serverSeries; // polled while it ran
    QList<TrialFigures> trials; // --repeat K: one per finished trial, in order; empty for one run

    PatternSummary summary() const
    {
        PatternSummary s = Stats::summarize(samples, requests, totalNs, maxInFlight);
        s.extraSent = int(std::count_if(extraSamples.begin(), extraSamples.end(),
                                        [](const Sample &e) { return e.sent() && isRequestKind(e.kind); }));
        return s;
    }
    // Figures only: drops the samples and the series (a sweep's earlier points, compared runs),
    // keeping counts, notes, params and trials; summarize before, the samples are gone after.
    void dropSeries()
    {
        samples = {};
        extraSamples = {};
        resourceSeries = {};
        serverSeries = {};
    }
    QString outcomeName() const;
    // Finished, or Stopped when some request was never sent and the pattern did not leave it
    // unsent on purpose (a deadline pattern's context: its note `deadline.cancelled_at_s`).
    Outcome completedOutcome() const;
};

Q_DECLARE_METATYPE(PatternResult)

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/experiment.h"
#include "model/runconfig.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSpinBox;

// Run settings: size of the run, client engine, server (bundled with its profile, or an
// external URL) and seed, with presets. Checks itself: an invalid field is outlined and
// says why in its tooltip; validationError() gives the first reason for the Run button.
class RunSettingsWidget : public QWidget
{
    Q_OBJECT
public:
    explicit RunSettingsWidget(QWidget *parent = nullptr);

    // The configuration these settings describe; patterns are not part of it, and with the
    // bundled server the url is left empty (known once the server is up). The seed is
    // only set when the field holds one.
    RunConfig config() const;
    void setConfig(const RunConfig &config);
    // A preset of core's Presets by key ("classroom"); empty: custom. presetApplied says
    // which patterns it runs.
    void applyPreset(const QString &key);
    QString preset() const;

    // The experiment these settings ask for: a sweep (parameter and values) and trials per
    // value; one plain run when neither is set. Valid when validationError() is empty.
    ExperimentPlan plan() const;
    void setPlan(const ExperimentPlan &plan);

    bool useBundledServer() const;
    QUrl externalUrl() const;
    void setExternalUrl(const QUrl &url); // also switches to "external"

    // Empty when valid; otherwise one line naming the field and the problem.
    QString validationError() const;

    void saveSettings(QSettings &settings) const;
    void restoreSettings(QSettings &settings);

Q_SIGNALS:
    void changed();
    void presetApplied(const QStringList &patterns);

private:
    void onFieldChanged();
    void updateEnabledFields();
    void flag(QWidget *field, const QString &reason) const;

    bool m_applyingPreset = false;
    QComboBox *m_preset = nullptr;
    QSpinBox *m_requests = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QSpinBox *m_timeout = nullptr;
    QComboBox *m_engine = nullptr;
    QComboBox *m_serverSource = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_profile = nullptr;
    QDoubleSpinBox *m_latency = nullptr;
    QDoubleSpinBox *m_errorRate = nullptr;
    QSpinBox *m_capacity = nullptr;
    QSpinBox *m_maxQueue = nullptr;
    QLineEdit *m_seed = nullptr;
    QComboBox *m_sweepParam = nullptr; // "" (no sweep) or a parameter of Experiments::sweepParams()
    QLineEdit *m_sweepValues = nullptr;
    QSpinBox *m_repeat = nullptr;
    QLabel *m_lesson = nullptr; // the preset's lesson in one sentence
    QList<QDoubleSpinBox *> m_patternFields; // one per row of patternFlagTable(), in order
    QList<QWidget *> m_patternTextFields; // one per row of patternTextFlagTable(): a list or a line
    QString patternText(qsizetype row) const;
    void setPatternText(qsizetype row, const QString &text);
    // Server profile parameters (stall, heavy-tail); the lowest value: the server's default
    QDoubleSpinBox *m_stallEvery = nullptr;
    QDoubleSpinBox *m_stallMs = nullptr;
    QDoubleSpinBox *m_tailMs = nullptr;
    QDoubleSpinBox *m_tailRate = nullptr;
    QDoubleSpinBox *m_tokenMs = nullptr; // GET /token's latency, any profile
};

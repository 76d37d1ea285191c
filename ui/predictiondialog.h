// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include "model/rundata.h"

#include <QDialog>
#include <optional>

class QComboBox;

// Predict, then run: before the run the class records which pattern will finish first and
// which will use the most memory (either may be left open). The run keeps the prediction
// (saved with it) and the window reveals it against the result afterwards.
class PredictionDialog : public QDialog
{
    Q_OBJECT
public:
    PredictionDialog(const QStringList &patternIds, QWidget *parent = nullptr);

    Prediction prediction() const;
    void setPrediction(const Prediction &prediction);

    // Shows the dialog; nullopt when cancelled.
    static std::optional<Prediction> ask(QWidget *parent, const QStringList &patternIds);

private:
    QComboBox *m_first = nullptr;
    QComboBox *m_memory = nullptr;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "predictiondialog.h"

#include "patterns/registry.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

PredictionDialog::PredictionDialog(const QStringList &patternIds, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("predictionDialog"));
    setWindowTitle(tr("Predict, then run"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Before the run: what does the class expect? The answer is revealed after the run "
                                "and saved with it."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    const auto makeChoice = [&](const QString &name) {
        auto *box = new QComboBox(this);
        box->setObjectName(name);
        box->addItem(tr("no prediction"), QString());
        for (const QString &id : patternIds)
            box->addItem(PatternRegistry::title(id), id);
        return box;
    };
    m_first = makeChoice(QStringLiteral("predictFirst"));
    m_memory = makeChoice(QStringLiteral("predictMemory"));
    form->addRow(tr("Which pattern finishes first?"), m_first);
    form->addRow(tr("Which uses the most memory?"), m_memory);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Run"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

Prediction PredictionDialog::prediction() const
{
    return { m_first->currentData().toString(), m_memory->currentData().toString() };
}

void PredictionDialog::setPrediction(const Prediction &prediction)
{
    m_first->setCurrentIndex(std::max(0, m_first->findData(prediction.firstToFinish)));
    m_memory->setCurrentIndex(std::max(0, m_memory->findData(prediction.mostMemory)));
}

std::optional<Prediction> PredictionDialog::ask(QWidget *parent, const QStringList &patternIds)
{
    PredictionDialog dialog(patternIds, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.prediction();
}

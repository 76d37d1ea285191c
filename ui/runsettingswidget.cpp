// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "runsettingswidget.h"

#include "model/presets.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

#include <limits>

RunSettingsWidget::RunSettingsWidget(QWidget *parent) : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->addItem(tr("Custom"), QString());
    for (const Presets::Preset &p : Presets::all())
        m_preset->addItem(p.name, p.key);
    form->addRow(tr("Preset"), m_preset);
    m_lesson = new QLabel(this);
    m_lesson->setObjectName(QStringLiteral("presetLesson"));
    m_lesson->setWordWrap(true);
    m_lesson->setStyleSheet(QStringLiteral("color: #555;"));
    form->addRow(m_lesson);

    m_requests = new QSpinBox(this);
    m_requests->setObjectName(QStringLiteral("requests"));
    m_requests->setRange(1, 1'000'000);
    m_requests->setGroupSeparatorShown(true);
    m_requests->setToolTip(tr("Requests per pattern"));
    form->addRow(tr("Requests"), m_requests);

    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("concurrency"));
    m_concurrency->setRange(1, 10'000);
    m_concurrency->setToolTip(tr("Workers of the bounded patterns (the unbounded one ignores it)"));
    form->addRow(tr("Concurrency"), m_concurrency);

    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(1, 600'000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setGroupSeparatorShown(true);
    form->addRow(tr("Timeout"), m_timeout);

    m_engine = new QComboBox(this);
    m_engine->setObjectName(QStringLiteral("engine"));
    m_engine->addItem(tr("Qt (QNetworkAccessManager)"), QStringLiteral("qt"));
    m_engine->addItem(tr("libcurl"), QStringLiteral("curl"));
    form->addRow(tr("Client engine"), m_engine);

    m_serverSource = new QComboBox(this);
    m_serverSource->setObjectName(QStringLiteral("serverSource"));
    m_serverSource->addItem(tr("Bundled (simulated)"), true);
    m_serverSource->addItem(tr("External URL"), false);
    form->addRow(tr("Server"), m_serverSource);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080/data"));
    form->addRow(tr("URL"), m_url);

    m_profile = new QComboBox(this);
    m_profile->setObjectName(QStringLiteral("profile"));
    m_profile->addItem(tr("seed — as the Go original served"), QStringLiteral("seed"));
    m_profile->addItem(tr("random-walk — as it was meant"), QStringLiteral("random-walk"));
    m_profile->addItem(tr("fixed latency"), QStringLiteral("fixed"));
    m_profile->addItem(tr("zero — no delay, no errors"), QStringLiteral("zero"));
    m_profile->addItem(tr("stall — freezes every few seconds"), QStringLiteral("stall"));
    m_profile->addItem(tr("heavy-tail — a few very slow answers"), QStringLiteral("heavy-tail"));
    form->addRow(tr("Profile"), m_profile);

    // The lowest value of these boxes means "the profile's default".
    m_latency = new QDoubleSpinBox(this);
    m_latency->setObjectName(QStringLiteral("latency"));
    m_latency->setRange(-1, 60'000);
    m_latency->setDecimals(1);
    m_latency->setSuffix(tr(" ms"));
    m_latency->setSpecialValueText(tr("profile default"));
    form->addRow(tr("Latency"), m_latency);

    m_errorRate = new QDoubleSpinBox(this);
    m_errorRate->setObjectName(QStringLiteral("errorRate"));
    m_errorRate->setRange(-0.001, 1);
    m_errorRate->setDecimals(3);
    m_errorRate->setSingleStep(0.01);
    m_errorRate->setSpecialValueText(tr("profile default"));
    m_errorRate->setToolTip(tr("Share of requests answered 500, 0..1"));
    form->addRow(tr("Error rate"), m_errorRate);

    m_capacity = new QSpinBox(this);
    m_capacity->setObjectName(QStringLiteral("capacity"));
    m_capacity->setRange(0, 100'000);
    m_capacity->setSpecialValueText(tr("server default"));
    m_capacity->setToolTip(tr("Requests the server serves at once; the rest wait"));
    form->addRow(tr("Capacity"), m_capacity);

    m_maxQueue = new QSpinBox(this);
    m_maxQueue->setObjectName(QStringLiteral("maxQueue"));
    m_maxQueue->setRange(-1, 1'000'000);
    m_maxQueue->setSpecialValueText(tr("server default"));
    m_maxQueue->setToolTip(tr("Waiting requests past which the server answers 503"));
    form->addRow(tr("Max queue"), m_maxQueue);

    // The stall and heavy-tail profiles' own parameters, shown with their profile.
    const auto serverField = [&](QDoubleSpinBox *&box, const char *name, const QString &label, double max, int decimals,
                                 const QString &suffix, const QString &tip) {
        box = new QDoubleSpinBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->setRange(-1, max);
        box->setDecimals(decimals);
        box->setSuffix(suffix);
        box->setSpecialValueText(tr("server default"));
        box->setValue(-1);
        box->setToolTip(tip);
        form->addRow(label, box);
        connect(box, &QDoubleSpinBox::valueChanged, this, &RunSettingsWidget::onFieldChanged);
    };
    serverField(m_stallEvery, "stallEvery", tr("Stall every"), 3600, 1, tr(" s"),
                tr("A freeze every this many seconds (5)"));
    serverField(m_stallMs, "stallMs", tr("Stall length"), 3'600'000, 0, tr(" ms"),
                tr("How long each freeze lasts (1000)"));
    serverField(m_tailMs, "tailMs", tr("Tail latency"), 300'000, 0, tr(" ms"), tr("The slow answers' latency (500)"));
    serverField(m_tailRate, "tailRate", tr("Tail share"), 1, 3, QString(), tr("Share of slow answers, 0..1 (0.02)"));
    serverField(m_tokenMs, "tokenMs", tr("Login time"), 300'000, 0, tr(" ms"),
                tr("How long the server's GET /token takes, the once pattern's login (200)"));

    m_seed = new QLineEdit(this);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setPlaceholderText(tr("random"));
    m_seed->setToolTip(tr("Same seed, same latencies and errors in every run"));
    form->addRow(tr("Seed"), m_seed);

    // An experiment instead of one run: the same patterns at several values of a parameter
    // (where does it stop scaling?) and/or several trials each (is the difference real?).
    auto *experimentBox = new QGroupBox(tr("Experiment"), this);
    experimentBox->setObjectName(QStringLiteral("experimentSettings"));
    auto *experimentForm = new QFormLayout(experimentBox);
    m_sweepParam = new QComboBox(experimentBox);
    m_sweepParam->setObjectName(QStringLiteral("sweepParam"));
    m_sweepParam->addItem(tr("none (one run)"), QString());
    for (const QString &param : Experiments::sweepParams())
        m_sweepParam->addItem(param, param);
    m_sweepParam->setToolTip(tr("Run the patterns once per value of this parameter; the Experiments tab shows "
                                "throughput and p99 against it, the knee and the USL fit"));
    experimentForm->addRow(tr("Sweep"), m_sweepParam);
    m_sweepValues = new QLineEdit(experimentBox);
    m_sweepValues->setObjectName(QStringLiteral("sweepValues"));
    m_sweepValues->setPlaceholderText(QStringLiteral("1,2,4,8,16,32,64"));
    m_sweepValues->setToolTip(tr("The values, comma-separated"));
    experimentForm->addRow(tr("Values"), m_sweepValues);
    m_repeat = new QSpinBox(experimentBox);
    m_repeat->setObjectName(QStringLiteral("repeat"));
    m_repeat->setRange(1, Experiments::MaxRepeat);
    m_repeat->setToolTip(tr("Trials per pattern, interleaved, the server reseeded per trial: medians, 95% intervals "
                            "and verdicts (4 or more to show a difference)"));
    experimentForm->addRow(tr("Trials"), m_repeat);
    form->addRow(experimentBox);
    connect(m_sweepParam, &QComboBox::currentIndexChanged, this, &RunSettingsWidget::onFieldChanged);
    connect(m_sweepValues, &QLineEdit::textChanged, this, &RunSettingsWidget::onFieldChanged);
    connect(m_repeat, &QSpinBox::valueChanged, this, &RunSettingsWidget::onFieldChanged);

    // The patterns' own settings (the brake, the rate, the deadline, the hedge delay), one
    // field per row of the flag table (runconfig.h): what the CLI takes, the app takes.
    auto *patternBox = new QGroupBox(tr("Pattern settings"), this);
    patternBox->setObjectName(QStringLiteral("patternSettings"));
    auto *patternForm = new QFormLayout(patternBox);
    const RunConfig defaults;
    for (const PatternFlag &flag : patternFlagTable()) {
        auto *box = new QDoubleSpinBox(patternBox);
        box->setObjectName(QString::fromLatin1(flag.name));
        box->setDecimals(flag.integer ? 0 : 1);
        box->setRange(flag.min, flag.max);
        box->setValue(flag.get(defaults));
        const QString help = QString::fromLatin1(flag.help);
        box->setToolTip(help);
        // "backpressure: counting window (default 100)" -> the label "counting window"
        QString label = help.section(QStringLiteral(": "), 1).section(QStringLiteral(" ("), 0, 0);
        label[0] = label[0].toUpper();
        patternForm->addRow(QStringLiteral("%1 · %2").arg(help.section(QLatin1Char(':'), 0, 0), label), box);
        m_patternFields.append(box);
        connect(box, &QDoubleSpinBox::valueChanged, this, &RunSettingsWidget::onFieldChanged);
    }
    for (const PatternTextFlag &flag : patternTextFlagTable()) {
        QWidget *field = nullptr;
        if (!flag.choices.isEmpty()) {
            auto *list = new QComboBox(patternBox);
            list->addItems(flag.choices);
            connect(list, &QComboBox::currentIndexChanged, this, &RunSettingsWidget::onFieldChanged);
            field = list;
        } else {
            auto *line = new QLineEdit(patternBox);
            connect(line, &QLineEdit::textChanged, this, &RunSettingsWidget::onFieldChanged);
            field = line;
        }
        field->setObjectName(QString::fromLatin1(flag.name));
        const QString help = QString::fromLatin1(flag.help);
        field->setToolTip(help);
        QString label = help.section(QStringLiteral(": "), 1).section(QStringLiteral(", "), 0, 0);
        label[0] = label[0].toUpper();
        patternForm->addRow(QStringLiteral("%1 · %2").arg(help.section(QLatin1Char(':'), 0, 0), label), field);
        m_patternTextFields.append(field);
        setPatternText(m_patternTextFields.size() - 1, flag.get(defaults));
    }
    form->addRow(patternBox);

    applyPreset(QStringLiteral("classroom"));

    connect(m_preset, &QComboBox::activated, this,
            [this](int index) { applyPreset(m_preset->itemData(index).toString()); });
    for (QSpinBox *box : { m_requests, m_concurrency, m_timeout, m_capacity, m_maxQueue })
        connect(box, &QSpinBox::valueChanged, this, &RunSettingsWidget::onFieldChanged);
    for (QDoubleSpinBox *box : { m_latency, m_errorRate })
        connect(box, &QDoubleSpinBox::valueChanged, this, &RunSettingsWidget::onFieldChanged);
    for (QComboBox *box : { m_engine, m_serverSource, m_profile })
        connect(box, &QComboBox::currentIndexChanged, this, &RunSettingsWidget::onFieldChanged);
    for (QLineEdit *edit : { m_url, m_seed })
        connect(edit, &QLineEdit::textChanged, this, &RunSettingsWidget::onFieldChanged);
}

void RunSettingsWidget::onFieldChanged()
{
    updateEnabledFields();
    if (!m_applyingPreset) {
        m_preset->setCurrentIndex(0); // Custom
        m_lesson->clear();
    }
    validationError(); // outlines the fields
    Q_EMIT changed();
}

void RunSettingsWidget::updateEnabledFields()
{
    const bool bundled = useBundledServer();
    m_url->setEnabled(!bundled);
    if (m_sweepValues)
        m_sweepValues->setEnabled(!m_sweepParam->currentData().toString().isEmpty());
    for (QWidget *w :
         std::initializer_list<QWidget *> { m_profile, m_latency, m_errorRate, m_capacity, m_maxQueue, m_tokenMs })
        w->setEnabled(bundled);
    const QString profile = m_profile->currentData().toString();
    for (QWidget *w : std::initializer_list<QWidget *> { m_stallEvery, m_stallMs })
        w->setEnabled(bundled && profile == u"stall");
    for (QWidget *w : std::initializer_list<QWidget *> { m_tailMs, m_tailRate })
        w->setEnabled(bundled && profile == u"heavy-tail");
}

void RunSettingsWidget::applyPreset(const QString &key)
{
    const Presets::Preset *preset = Presets::find(key);
    m_applyingPreset = true;
    if (preset) {
        RunConfig c = config();
        Presets::apply(*preset, &c);
        // A preset sizes the run and the server; where the server is and the seed stay.
        const QString url = m_url->text();
        setConfig(c);
        m_url->setText(url);
        m_lesson->setText(preset->lesson);
    } else {
        m_lesson->clear();
    }
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(preset ? key : QString())));
    m_applyingPreset = false;
    updateEnabledFields();
    validationError();
    Q_EMIT changed();
    if (preset)
        Q_EMIT presetApplied(preset->patterns);
}

QString RunSettingsWidget::preset() const
{
    return m_preset->currentData().toString();
}

RunConfig RunSettingsWidget::config() const
{
    RunConfig c;
    c.patterns.clear();
    c.requests = m_requests->value();
    c.concurrency = m_concurrency->value();
    c.timeoutMs = m_timeout->value();
    c.engine = engineFromName(m_engine->currentData().toString()).value_or(Engine::Qt);
    c.bundledServer = useBundledServer();
    c.url = c.bundledServer ? QUrl() : externalUrl();
    c.server.profile = m_profile->currentData().toString();
    c.server.latencyMs = m_latency->value() <= m_latency->minimum() ? -1 : m_latency->value();
    c.server.errorRate = m_errorRate->value() <= m_errorRate->minimum() ? -1 : m_errorRate->value();
    c.server.capacity = m_capacity->value();
    c.server.maxQueue = m_maxQueue->value();
    const auto serverValue
        = [](const QDoubleSpinBox *box) { return box->value() <= box->minimum() ? -1 : box->value(); };
    c.server.stallEverySeconds = serverValue(m_stallEvery);
    c.server.stallMs = serverValue(m_stallMs);
    c.server.tailMs = serverValue(m_tailMs);
    c.server.tailRate = serverValue(m_tailRate);
    c.server.tokenMs = serverValue(m_tokenMs);
    for (qsizetype i = 0; i < m_patternFields.size(); ++i)
        patternFlagTable()[std::size_t(i)].set(c, m_patternFields.at(i)->value());
    for (qsizetype i = 0; i < m_patternTextFields.size(); ++i)
        patternTextFlagTable()[std::size_t(i)].set(c, patternText(i)); // a refused text keeps the default
    c.preset = preset();
    bool ok = false;
    const quint64 seed = m_seed->text().trimmed().toULongLong(&ok);
    if (ok)
        c.seed = seed;
    return c;
}

void RunSettingsWidget::setConfig(const RunConfig &c)
{
    const bool wasApplying = m_applyingPreset;
    m_applyingPreset = true;
    m_requests->setValue(c.requests);
    m_concurrency->setValue(c.concurrency);
    m_timeout->setValue(c.timeoutMs);
    m_engine->setCurrentIndex(std::max(0, m_engine->findData(engineName(c.engine))));
    m_serverSource->setCurrentIndex(c.bundledServer ? 0 : 1);
    if (!c.bundledServer)
        m_url->setText(c.url.toString());
    m_profile->setCurrentIndex(std::max(0, m_profile->findData(c.server.profile)));
    m_latency->setValue(c.server.latencyMs < 0 ? m_latency->minimum() : c.server.latencyMs);
    m_errorRate->setValue(c.server.errorRate < 0 ? m_errorRate->minimum() : c.server.errorRate);
    m_capacity->setValue(c.server.capacity);
    m_maxQueue->setValue(c.server.maxQueue < 0 ? -1 : c.server.maxQueue);
    m_stallEvery->setValue(c.server.stallEverySeconds);
    m_stallMs->setValue(c.server.stallMs);
    m_tailMs->setValue(c.server.tailMs);
    m_tailRate->setValue(c.server.tailRate);
    m_tokenMs->setValue(c.server.tokenMs);
    m_seed->setText(c.seed ? QString::number(*c.seed) : QString());
    for (qsizetype i = 0; i < m_patternFields.size(); ++i)
        m_patternFields.at(i)->setValue(patternFlagTable()[std::size_t(i)].get(c));
    for (qsizetype i = 0; i < m_patternTextFields.size(); ++i)
        setPatternText(i, patternTextFlagTable()[std::size_t(i)].get(c));
    m_applyingPreset = wasApplying;
    if (!wasApplying) {
        // An opened run keeps its preset (so its lesson can be checked again); else custom.
        const Presets::Preset *p = Presets::find(c.preset);
        m_preset->setCurrentIndex(std::max(0, m_preset->findData(p ? c.preset : QString())));
        m_lesson->setText(p ? p->lesson : QString());
    }
    updateEnabledFields();
    validationError();
    Q_EMIT changed();
}

bool RunSettingsWidget::useBundledServer() const
{
    return m_serverSource->currentData().toBool();
}

QUrl RunSettingsWidget::externalUrl() const
{
    return QUrl::fromUserInput(m_url->text().trimmed());
}

void RunSettingsWidget::setExternalUrl(const QUrl &url)
{
    m_url->setText(url.toString());
    m_serverSource->setCurrentIndex(1);
}

void RunSettingsWidget::flag(QWidget *field, const QString &reason) const
{
    if (field->property("invalidReason").toString() == reason && field->property("invalidReason").isValid())
        return; // unchanged: no restyling on every keystroke
    field->setStyleSheet(reason.isEmpty() ? QString() : QStringLiteral("border: 2px solid #D51E1E;"));
    field->setProperty("invalidReason", reason);
    if (field == m_seed)
        field->setToolTip(reason.isEmpty() ? tr("Same seed, same latencies and errors in every run") : reason);
    else
        field->setToolTip(reason);
}

QString RunSettingsWidget::patternText(qsizetype row) const
{
    QWidget *field = m_patternTextFields.at(row);
    if (const auto *list = qobject_cast<QComboBox *>(field))
        return list->currentText();
    return static_cast<QLineEdit *>(field)->text().trimmed();
}

void RunSettingsWidget::setPatternText(qsizetype row, const QString &text)
{
    QWidget *field = m_patternTextFields.at(row);
    if (auto *list = qobject_cast<QComboBox *>(field))
        list->setCurrentIndex(std::max(0, list->findText(text)));
    else
        static_cast<QLineEdit *>(field)->setText(text);
}

ExperimentPlan RunSettingsWidget::plan() const
{
    ExperimentPlan plan;
    plan.repeat = m_repeat->value();
    const QString param = m_sweepParam->currentData().toString();
    if (!param.isEmpty()
        && !Experiments::parseSweep(QStringLiteral("%1=%2").arg(param, m_sweepValues->text()), &plan.sweepParam,
                                    &plan.values)
                .isEmpty())
        plan.sweepParam.clear();
    return plan;
}

void RunSettingsWidget::setPlan(const ExperimentPlan &plan)
{
    m_sweepParam->setCurrentIndex(std::max(0, m_sweepParam->findData(plan.sweepParam)));
    QStringList values;
    for (double v : plan.values)
        values << QString::number(v, 'g', 10);
    m_sweepValues->setText(values.join(QLatin1Char(',')));
    m_repeat->setValue(plan.repeat);
}

QString RunSettingsWidget::validationError() const
{
    QString first;
    for (qsizetype i = 0; i < m_patternTextFields.size(); ++i) {
        const PatternTextFlag &spec = patternTextFlagTable()[std::size_t(i)];
        RunConfig scratch;
        const QString why = spec.set(scratch, patternText(i));
        flag(m_patternTextFields.at(i),
             why.isEmpty() ? QString() : QStringLiteral("%1: %2").arg(QLatin1String(spec.name), why));
        if (first.isEmpty() && !why.isEmpty())
            first = QStringLiteral("%1: %2").arg(QLatin1String(spec.name), why);
    }
    // External URL: plain http on this machine, as for patternlab-cli --url.
    QString urlReason;
    if (!useBundledServer()) {
        const QString text = m_url->text().trimmed();
        QString why;
        if (text.isEmpty())
            urlReason = tr("URL: enter the server's URL, e.g. http://127.0.0.1:8080/data");
        else if (!isLoopbackHttpUrl(QUrl(text, QUrl::StrictMode), &why))
            urlReason = tr("URL: %1").arg(why);
    }
    flag(m_url, urlReason);
    if (first.isEmpty())
        first = urlReason;

    QString seedReason;
    const QString seedText = m_seed->text().trimmed();
    bool ok = true;
    const quint64 seed = seedText.isEmpty() ? 0 : seedText.toULongLong(&ok);
    if (!ok || seed > quint64(std::numeric_limits<qint64>::max()))
        seedReason = tr("Seed: '%1' is not a whole number 0..2^63-1 (leave it empty for a random one)").arg(seedText);
    flag(m_seed, seedReason);
    if (first.isEmpty())
        first = seedReason;

    QString sweepReason;
    const QString param = m_sweepParam->currentData().toString();
    if (!param.isEmpty()) {
        QString parsedParam;
        QList<double> values;
        sweepReason
            = Experiments::parseSweep(QStringLiteral("%1=%2").arg(param, m_sweepValues->text()), &parsedParam, &values);
        if (sweepReason.isEmpty() && Experiments::setsServer(param) && !useBundledServer())
            sweepReason = tr("%1 sets the bundled server, which an external URL does not use").arg(param);
        if (!sweepReason.isEmpty())
            sweepReason = tr("Sweep: %1").arg(sweepReason);
    }
    flag(m_sweepValues, sweepReason);
    if (first.isEmpty())
        first = sweepReason;

    QString latencyReason;
    if (useBundledServer() && m_profile->currentData().toString() == QLatin1String("fixed")
        && m_latency->value() >= m_timeout->value())
        latencyReason = tr("Latency: %1 ms is not below the %2 ms timeout: every request would time out")
                            .arg(m_latency->value())
                            .arg(m_timeout->value());
    flag(m_latency, latencyReason);
    if (first.isEmpty())
        first = latencyReason;
    return first;
}

void RunSettingsWidget::saveSettings(QSettings &s) const
{
    const RunConfig c = config();
    s.setValue(QStringLiteral("requests"), c.requests);
    s.setValue(QStringLiteral("concurrency"), c.concurrency);
    s.setValue(QStringLiteral("timeoutMs"), c.timeoutMs);
    s.setValue(QStringLiteral("engine"), engineName(c.engine));
    s.setValue(QStringLiteral("bundledServer"), c.bundledServer);
    s.setValue(QStringLiteral("url"), m_url->text());
    s.setValue(QStringLiteral("profile"), c.server.profile);
    s.setValue(QStringLiteral("latencyMs"), c.server.latencyMs);
    s.setValue(QStringLiteral("errorRate"), c.server.errorRate);
    s.setValue(QStringLiteral("capacity"), c.server.capacity);
    s.setValue(QStringLiteral("maxQueue"), c.server.maxQueue);
    s.setValue(QStringLiteral("seed"), m_seed->text());
    s.setValue(QStringLiteral("preset"), preset());
    s.setValue(QStringLiteral("sweepParam"), m_sweepParam->currentData().toString());
    s.setValue(QStringLiteral("sweepValues"), m_sweepValues->text());
    s.setValue(QStringLiteral("repeat"), m_repeat->value());
    for (const PatternFlag &flag : patternFlagTable())
        s.setValue(QLatin1String(flag.name), flag.get(c));
    for (const PatternTextFlag &flag : patternTextFlagTable())
        s.setValue(QLatin1String(flag.name), flag.get(c));
    s.setValue(QStringLiteral("stallEverySeconds"), c.server.stallEverySeconds);
    s.setValue(QStringLiteral("stallMs"), c.server.stallMs);
    s.setValue(QStringLiteral("tailMs"), c.server.tailMs);
    s.setValue(QStringLiteral("tailRate"), c.server.tailRate);
    s.setValue(QStringLiteral("tokenMs"), c.server.tokenMs);
}

void RunSettingsWidget::restoreSettings(QSettings &s)
{
    if (!s.contains(QStringLiteral("requests")))
        return;
    RunConfig c;
    c.requests = s.value(QStringLiteral("requests"), c.requests).toInt();
    c.concurrency = s.value(QStringLiteral("concurrency"), c.concurrency).toInt();
    c.timeoutMs = s.value(QStringLiteral("timeoutMs"), c.timeoutMs).toInt();
    c.engine = engineFromName(s.value(QStringLiteral("engine")).toString()).value_or(Engine::Qt);
    c.bundledServer = s.value(QStringLiteral("bundledServer"), true).toBool();
    c.server.profile = s.value(QStringLiteral("profile"), c.server.profile).toString();
    c.server.latencyMs = s.value(QStringLiteral("latencyMs"), -1).toDouble();
    c.server.errorRate = s.value(QStringLiteral("errorRate"), -1).toDouble();
    c.server.capacity = s.value(QStringLiteral("capacity"), 0).toInt();
    c.server.maxQueue = s.value(QStringLiteral("maxQueue"), -1).toInt();
    for (const PatternFlag &flag : patternFlagTable()) {
        const double value = s.value(QLatin1String(flag.name), flag.get(c)).toDouble();
        if (value >= flag.min && value <= flag.max)
            flag.set(c, value);
    }
    for (const PatternTextFlag &flag : patternTextFlagTable()) {
        if (s.contains(QLatin1String(flag.name)))
            flag.set(c, s.value(QLatin1String(flag.name)).toString()); // a refused value keeps the default
    }
    c.server.stallEverySeconds = s.value(QStringLiteral("stallEverySeconds"), -1).toDouble();
    c.server.stallMs = s.value(QStringLiteral("stallMs"), -1).toDouble();
    c.server.tailMs = s.value(QStringLiteral("tailMs"), -1).toDouble();
    c.server.tailRate = s.value(QStringLiteral("tailRate"), -1).toDouble();
    c.server.tokenMs = s.value(QStringLiteral("tokenMs"), -1).toDouble();
    m_applyingPreset = true;
    setConfig(c);
    m_url->setText(s.value(QStringLiteral("url")).toString());
    m_seed->setText(s.value(QStringLiteral("seed")).toString());
    m_sweepParam->setCurrentIndex(
        std::max(0, m_sweepParam->findData(s.value(QStringLiteral("sweepParam")).toString())));
    m_sweepValues->setText(s.value(QStringLiteral("sweepValues")).toString());
    m_repeat->setValue(s.value(QStringLiteral("repeat"), 1).toInt());
    const QString key = s.value(QStringLiteral("preset")).toString();
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(Presets::find(key) ? key : QString())));
    m_lesson->setText(Presets::find(key) ? Presets::find(key)->lesson : QString());
    m_applyingPreset = false;
    validationError();
    Q_EMIT changed();
}

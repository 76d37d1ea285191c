#pragma once

#include "patterns/pattern.h"

// The baseline: one request after another on the calling thread. Max in-flight is 1.
class SequentialPattern : public Pattern
{
public:
    QString id() const override { return QStringLiteral("sequential"); }
    QString title() const override { return QStringLiteral("Sequential"); }
    void run(RunContext &context) override;
};

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/sample.h"

#include <array>

namespace {
constexpr std::array<const char *, ErrorKindCount> s_names
    = { "none", "http", "timeout", "connection", "reset", "other", "resource", "cancelled", "aborted" };
}

QString errorKindName(ErrorKind kind)
{
    return QString::fromLatin1(s_names[std::size_t(kind)]);
}

ErrorKind errorKindFromName(QStringView name, bool *ok)
{
    for (std::size_t i = 0; i < s_names.size(); ++i) {
        if (name == QLatin1String(s_names[i])) {
            if (ok)
                *ok = true;
            return ErrorKind(i);
        }
    }
    if (ok)
        *ok = false;
    return ErrorKind::Other;
}

namespace {
constexpr std::array<const char *, SampleKindCount> s_kinds
    = { "primary", "hedge", "token", "probe", "parse", "aggregate" };
}

QString sampleKindName(SampleKind kind)
{
    return QString::fromLatin1(s_kinds[std::size_t(kind)]);
}

SampleKind sampleKindFromName(QStringView name, bool *ok)
{
    for (std::size_t i = 0; i < s_kinds.size(); ++i) {
        if (name == QLatin1String(s_kinds[i])) {
            if (ok)
                *ok = true;
            return SampleKind(i);
        }
    }
    if (ok)
        *ok = false;
    return SampleKind::Primary;
}

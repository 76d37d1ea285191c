// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

#include <QApplication>
#include <QStandardPaths>
#include <QTest>

// QTEST_MAIN for widget tests: offscreen unless told otherwise (CTest sets it too), and
// QSettings/QStandardPaths in Qt's test locations, never the user's own.
#define PATTERNLAB_UI_TEST_MAIN(TestObject)                                                                            \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))                                                            \
            qputenv("QT_QPA_PLATFORM", "offscreen");                                                                   \
        QStandardPaths::setTestModeEnabled(true);                                                                      \
        QApplication app(argc, argv);                                                                                  \
        QApplication::setOrganizationName(QStringLiteral("PatternLabTests"));                                          \
        QApplication::setApplicationName(QStringLiteral(#TestObject));                                                 \
        TestObject test;                                                                                               \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "cliapp.h"

int main(int argc, char **argv)
{
    return CliApp::run(argc, argv);
}

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#pragma once

// patternlab-cli: the whole headless program, so app/cli/main.cpp stays a one-liner.
// Exit codes: 0 ran, 2 bad arguments, 3 server unreachable, 4 bundled server could not start,
// 5 a pattern failed (its process crashed or was killed) or an output could not be written,
// 6 interrupted (SIGINT/SIGTERM): what ran is reported and written, the rest listed as not run.
namespace CliApp {

enum ExitCode {
    Ok = 0,
    BadArguments = 2,
    ServerUnreachable = 3,
    ServerFailed = 4,
    PatternFailed = 5,
    Interrupted = 6,
};

int run(int argc, char **argv);

} // namespace CliApp

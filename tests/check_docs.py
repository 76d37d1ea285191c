#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
"""Checks that no doc or comment names a file the repository does not have.

Every token that looks like a path inside the repository (core/..., ui/..., docs/..., ...)
in the Markdown docs and in the comments of the sources must exist. Prints one line per
dangling reference and exits 1 if there is any.
"""
import pathlib
import re
import subprocess
import sys

TOP = ("app", "bench", "core", "docs", "resources", "scripts", "server", "tests", "ui", ".ci")
PATH = re.compile(r"(?<![\w./-])((?:%s)/[\w./-]*[\w/])" % "|".join(re.escape(t) for t in TOP))
COMMENT = {".cpp": re.compile(r"//(.*)"), ".h": re.compile(r"//(.*)"), ".py": re.compile(r"#(.*)"),
           ".sh": re.compile(r"#(.*)"), ".cmake": re.compile(r"#(.*)")}
# Paths that exist only in a build tree or on the machine, named on purpose.
ALLOWED = ("build/", "server/server.py.", "docs/screenshots/")


def texts(root):
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=root,
                            check=True, capture_output=True, text=True).stdout.split()
    for name in listed:
        path = root / name
        if not path.is_file():
            continue
        if path.suffix == ".md":
            yield name, path.read_text(encoding="utf-8").splitlines()
        elif path.suffix in COMMENT or path.name == "CMakeLists.txt":
            pattern = COMMENT.get(path.suffix, re.compile(r"#(.*)"))
            lines = []
            for line in path.read_text(encoding="utf-8").splitlines():
                m = pattern.search(line)
                lines.append(m.group(1) if m else "")
            yield name, lines


def pattern_tables(root):
    """docs/PATTERNS.md: every backticked C++ line in the second column of a pattern's table
    must be in that pattern's file (whitespace-insensitive)."""
    doc = root / "docs" / "PATTERNS.md"
    if not doc.exists():
        return
    source = None
    name = None
    for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
        heading = re.match(r"^## `([a-z]+)`", line)
        if heading:
            name = f"core/patterns/{heading.group(1)}.cpp"
            path = root / name
            source = " ".join(path.read_text(encoding="utf-8").split()) if path.exists() else None
            if source is None:
                yield f"docs/PATTERNS.md:{number}: no {name} for this section"
            continue
        cells = [c.strip() for c in line.split("|")]
        if source is None or len(cells) < 4 or not cells[2].startswith("`"):
            continue
        for code in re.findall(r"`([^`]+)`", cells[2]):
            if " ".join(code.split()) not in source:
                yield f"docs/PATTERNS.md:{number}: `{code}` is not in {name}"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = []
    for name, lines in texts(root):
        for number, line in enumerate(lines, 1):
            for ref in PATH.findall(line):
                ref = ref.rstrip(".")
                if any(ref.startswith(a) for a in ALLOWED) or "*" in ref:
                    continue
                # A placeholder (core/patterns/ID.cpp) names a kind of file, not one file.
                if any(re.fullmatch(r"[A-Z]+", part.split(".")[0]) for part in ref.split("/")):
                    continue
                target = root / ref
                if not target.exists():
                    problems.append(f"{name}:{number}: names {ref}, which the repository does not have")
    problems += list(pattern_tables(root))
    for p in problems:
        print(p)
    if not problems:
        print("doc references: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

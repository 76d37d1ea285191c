#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The PatternLab authors
"""Checks (default) or adds (--fix) the SPDX lines at the top of every source file.

    scripts/spdx.py [--fix] [ROOT]

Prints one line per file without them and exits 1 if there is any.
"""
import pathlib
import subprocess
import sys

LICENSE = "SPDX-License-Identifier: MIT"
COPYRIGHT = "SPDX-FileCopyrightText: 2026 The PatternLab authors"
COMMENT = {".cpp": "//", ".h": "//", ".py": "#", ".sh": "#", ".txt": "#", ".cmake": "#", ".supp": "#"}
SKIP_DIRS = ("build/",)


def comment_for(path: pathlib.Path):
    if path.name == "CMakeLists.txt":
        return "#"
    if path.suffix == ".txt":
        return None
    if path.parent.name == "ci" or path.name == "run" and path.parent.name == ".ci":
        return "#"
    return COMMENT.get(path.suffix)


def files(root: pathlib.Path):
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=root,
                            check=True, capture_output=True, text=True).stdout.split()
    for name in listed:
        if name.startswith(SKIP_DIRS):
            continue
        path = root / name
        mark = comment_for(path)
        if mark and path.is_file():
            yield path, mark


def main():
    fix = "--fix" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--fix"]
    root = pathlib.Path(args[0] if args else pathlib.Path(__file__).resolve().parent.parent)
    missing = []
    for path, mark in files(root):
        text = path.read_text(encoding="utf-8")
        if LICENSE in "\n".join(text.splitlines()[:4]):
            continue
        if not fix:
            missing.append(path.relative_to(root))
            continue
        lines = text.splitlines(keepends=True)
        header = f"{mark} {LICENSE}\n{mark} {COPYRIGHT}\n"
        at = 1 if lines and lines[0].startswith("#!") else 0
        lines.insert(at, header)
        path.write_text("".join(lines), encoding="utf-8")
    for name in missing:
        print(f"{name}: no SPDX lines (scripts/spdx.py --fix adds them)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

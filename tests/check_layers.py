#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that core/'s layers include only the layers before them (docs/ARCHITECTURE.md).

    model -> io, measure -> engine -> patterns -> run

A quoted include in core/ must name its layer folder ("engine/channel.h"); core never
includes ui/ or app/. Prints one line per violation and exits 1 if there is any.
"""
import pathlib
import re
import sys

ALLOWED = {
    "model": {"model"},
    "io": {"model", "io"},
    "measure": {"model", "measure"},
    "engine": {"model", "measure", "engine"},
    "patterns": {"model", "measure", "engine", "patterns"},
    "run": {"model", "io", "measure", "engine", "patterns", "run"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def violations(root: pathlib.Path):
    core = root / "core"
    for path in sorted(core.rglob("*")):
        if path.suffix not in (".h", ".cpp"):
            continue
        relative = path.relative_to(core)
        layer = relative.parts[0] if len(relative.parts) > 1 else None
        if layer not in ALLOWED:
            yield f"{path.relative_to(root)}: not inside a layer folder ({', '.join(ALLOWED)})"
            continue
        for included in INCLUDE.findall(path.read_text(encoding="utf-8")):
            if included.endswith(".moc") or included.startswith("moc_"):
                continue
            target = included.split("/")[0] if "/" in included else None
            if target not in ALLOWED:
                yield f"{path.relative_to(root)}: includes \"{included}\": name its core layer folder"
            elif target not in ALLOWED[layer]:
                yield f"{path.relative_to(root)}: {layer} must not include {target} (\"{included}\")"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent)
    problems = list(violations(root))
    for line in problems:
        print(line)
    if not problems:
        print("core layers: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Framework benchmarks (issue 14): loading definitions safely, and the authoring workbook.

Each figure beside a baseline measured in the same run:
- reading the bundled cem-6d definition with the guarded YAML reader (no aliases, no
  repeated keys, bounded nesting) against libyaml's plain safe loader;
- refusing a "billion laughs" alias bomb hidden under a known key (no baseline: the plain
  loader does not finish in reasonable time, which is the point);
- writing and reading back the authoring workbook of cem-6d, against loading its YAML.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from bench.common import report, timings
from workbench.core.errors import FrameworkError
from workbench.core.framework_loader import (
    bundled_framework,
    bundled_framework_dir,
    parse_framework,
)
from workbench.core.safe_yaml import load_yaml
from workbench.exports.framework_workbook import write_framework_workbook
from workbench.exports.framework_workbook_reader import read_framework_workbook

PLAIN: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{chr(ord(name) - 1)}"] * 9) + "]")
    return 'id: x\nversion: "1"\ndescription:\n' + "".join(f"  {line}\n" for line in lines)


def main() -> None:
    text = (bundled_framework_dir() / "cem-6d.yaml").read_text("utf-8")
    ours = timings(lambda: load_yaml(text), 100)
    base = timings(lambda: yaml.load(text, Loader=PLAIN), 100)
    report("read cem-6d YAML, guarded", ours, base, "<= 2x the plain safe loader")
    full = timings(lambda: parse_framework(text, "cem-6d.yaml"), 50)
    report("parse and validate cem-6d", full, base, "< 50 ms")
    bomb = _bomb()

    def refuse() -> None:
        try:
            parse_framework(bomb, "bomb.yaml")
        except FrameworkError:
            return
        raise AssertionError("the alias bomb was accepted")

    report("refuse an alias bomb under a known key", timings(refuse, 200), None, "< 10 ms")
    framework = bundled_framework("cem-6d")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cem-6d.xlsx"
        write = timings(lambda: write_framework_workbook(framework, path), 10)
        read = timings(lambda: read_framework_workbook(path), 10)
    report("write the cem-6d authoring workbook", write, full, "< 1 s")
    report("import the cem-6d authoring workbook", read, full, "< 1 s")

"""`python tests/tools/visual_language.py`: regenerate src/workbench/core/visual_language.py
from resources/visual.yaml after the YAML changed.

The app reads the visual language from that generated module, so that its start needs no
YAML parser (issue 17); tests/core/test_visual.py fails while the two disagree.
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "resources" / "visual.yaml"
TARGET = ROOT / "src" / "workbench" / "core" / "visual_language.py"

HEADER = '''"""The visual language of resources/visual.yaml as plain data, generated from the
YAML by `python tests/tools/visual_language.py` (do not edit by hand: edit the YAML and
regenerate; tests/core/test_visual.py checks that the two agree). Importing this costs no
YAML parser at the GUI's start (issue 17)."""

from __future__ import annotations

from typing import Any

'''


def from_yaml() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SOURCE.read_text("utf-8"))
    return data


def module_text(data: dict[str, Any]) -> str:
    return HEADER + "DATA: dict[str, Any] = " + pprint.pformat(data, width=80, sort_dicts=False) \
        + "\n"


def main() -> int:
    TARGET.write_text(module_text(from_yaml()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

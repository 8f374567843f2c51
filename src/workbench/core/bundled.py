"""Where the files shipped with the application live (source tree, wheel or frozen bundle)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def _package_dir() -> Path:
    return Path(__file__).resolve().parent.parent


def _find(name: str) -> Path:
    candidates = [_package_dir() / name]  # a wheel install puts it inside the package
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "workbench" / name)
    candidates.append(_package_dir().parent.parent / name)  # a source checkout: src/workbench/..
    for path in candidates:
        if path.is_dir():
            return path
    raise FileNotFoundError(f"the application's {name} folder is missing (looked in "
                            + ", ".join(str(p) for p in candidates) + ")")


def resources_dir() -> Path:
    """The folder holding frameworks, fonts, the visual language and icons."""
    return _find("resources")


def templates_dir() -> Path:
    """The folder holding brand profiles for reports and workbooks."""
    return _find("templates")

"""Fuzz the workbook reader (package checks, defusedxml parsing, cell reading)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.exports.workbook.reader import read_workbook


def _lookup(framework_id: str, version: str) -> Framework | None:
    try:
        return bundled_framework(framework_id, version)
    except WorkbenchError:  # an unknown framework is reported as a problem
        return None


def target(data: bytes) -> object:
    return read_workbook(Path("fuzz.xlsx"), _lookup, data)


if __name__ == "__main__":
    from tests.fuzz.harness import fuzz

    fuzz(target)

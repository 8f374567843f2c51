"""Fuzz the engagement JSON reader (core.interchange.parse_document)."""

from __future__ import annotations

from workbench.core.framework_loader import bundled_framework
from workbench.core.interchange import parse_document


def target(data: bytes) -> object:
    return parse_document(data, "fuzz.json", bundled_framework)


if __name__ == "__main__":
    from tests.fuzz.harness import fuzz

    fuzz(target)

"""Fuzz the brand profile reader (exports.brand.parse_brand), files beside it included."""

from __future__ import annotations

from pathlib import Path

from workbench.exports.brand import parse_brand

FOLDER = Path(__file__).parent / "corpus" / "brand-files"


def target(data: bytes) -> object:
    return parse_brand(data, FOLDER / "brand.yaml", FOLDER)


if __name__ == "__main__":
    from tests.fuzz.harness import fuzz

    fuzz(target)

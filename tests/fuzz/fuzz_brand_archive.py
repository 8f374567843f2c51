"""Fuzz the unpacking of a shared brand profile file (exports.brand_archive.unpack)."""

from __future__ import annotations

from workbench.exports.brand_archive import unpack


def target(data: bytes) -> object:
    return unpack(data, "profile.brand.zip")


if __name__ == "__main__":
    from tests.fuzz.harness import fuzz

    fuzz(target)

"""Fuzz the framework YAML loader (core.framework_loader.parse_framework)."""

from __future__ import annotations

from workbench.core.framework_loader import parse_framework


def target(data: bytes) -> object:
    return parse_framework(data.decode("utf-8", "replace"), "fuzz.yaml")


if __name__ == "__main__":
    from tests.fuzz.harness import fuzz

    fuzz(target)

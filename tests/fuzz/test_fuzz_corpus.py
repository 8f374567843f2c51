"""Every seed and every saved finding of the fuzzers ends in success or a WorkbenchError."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tests.fuzz.harness import guarded
from tests.fuzz.run import HARNESSES

HERE = Path(__file__).parent


def _inputs() -> list[tuple[str, Path]]:
    out = []
    for name in HARNESSES:
        for folder in (HERE / "corpus" / name, HERE / "regressions" / name):
            if folder.is_dir():
                out += [(name, p) for p in sorted(folder.iterdir()) if p.is_file()]
    return out


@pytest.mark.parametrize(("name", "path"), _inputs(), ids=lambda v: getattr(v, "name", v))
def test_input_ends_in_success_or_a_product_error(name: str, path: Path) -> None:
    module = importlib.import_module(f"tests.fuzz.fuzz_{name}")
    guarded(module.target)(path.read_bytes())


def test_every_harness_has_seeds() -> None:
    for name in HARNESSES:
        assert any((HERE / "corpus" / name).iterdir()), name

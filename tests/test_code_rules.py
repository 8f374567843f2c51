"""The rules of the codebase are executable: layers, lint and types."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def test_layers_follow_the_architecture() -> None:
    done = run(str(BIN / "lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_is_clean() -> None:
    done = run(str(BIN / "ruff"), "check", "src", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    done = run(str(BIN / "mypy"))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_wheel_carries_resources_and_templates(tmp_path: Path) -> None:
    done = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
               str(tmp_path), str(ROOT))
    assert done.returncode == 0, done.stdout + done.stderr
    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "workbench/resources/frameworks/cem-6d.yaml" in names
    assert "workbench/resources/visual.yaml" in names
    assert any(n.startswith("workbench/templates/") for n in names)

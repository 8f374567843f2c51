"""Hostile framework files: each fails fast (under a time limit) with one clear message."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.core.framework_loader import bundled_framework_dir

TIME_LIMIT = 20.0  # seconds; the loader answers each of these in well under one


def bomb(inside_known_key: bool) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name in "bcdefghi":
        previous = chr(ord(name) - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    if not inside_known_key:
        return "\n".join(lines) + "\n"
    # The bomb under `description`, a key the format knows, after a valid header.
    body = "\n".join("  " + line for line in lines)
    return f'id: x\nversion: "1"\nname: X\ndescription:\n{body}\n'


def validate_in_subprocess(path: Path) -> subprocess.CompletedProcess[str]:
    """`workbench framework validate PATH` in a child that is killed at the time limit."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    return subprocess.run([sys.executable, "-m", "workbench", "framework", "validate", str(path)],
                          capture_output=True, text=True, timeout=TIME_LIMIT, env=env,
                          stdin=subprocess.DEVNULL, check=False)


def assert_one_clear_refusal(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr.lower()
    for needle in needles:
        assert needle in result.stderr, result.stderr


@pytest.mark.parametrize("inside_known_key", [False, True])
def test_alias_bomb_is_refused_at_once(tmp_path: Path, inside_known_key: bool) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb(inside_known_key), "utf-8")
    result = validate_in_subprocess(path)
    assert_one_clear_refusal(result, "alias (*a) is not allowed", "line ")


def test_a_single_harmless_alias_is_refused_too(tmp_path: Path) -> None:
    text = (bundled_framework_dir() / "cem-6d.yaml").read_text("utf-8")
    text = text.replace("name: Customer Experience Management Framework",
                        "name: &n Customer Experience Management Framework", 1)
    text = text.replace("description: >-", "description: *n\nx_description: >-", 1)
    path = tmp_path / "alias.yaml"
    path.write_text(text, "utf-8")
    assert_one_clear_refusal(validate_in_subprocess(path), "alias (*n)")


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = (bundled_framework_dir() / "cem-6d.yaml").read_text("utf-8")
    lines = text.splitlines()
    at = lines.index("    name: Define")
    lines.insert(at + 1, "    name: Defined twice")
    path = tmp_path / "twice.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = validate_in_subprocess(path)
    assert_one_clear_refusal(result, f"line {at + 2}", "'name' is given twice",
                             f"first on line {at + 1}")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "framework.yaml"
    os.mkfifo(fifo)
    assert_one_clear_refusal(validate_in_subprocess(fifo), "not a regular file")


def test_dev_zero_is_refused_without_reading_it() -> None:
    assert_one_clear_refusal(validate_in_subprocess(Path("/dev/zero")), "not a regular file")


def test_a_huge_file_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.truncate(200 * 1024 * 1024)  # sparse: 200 MB of zeros, no disk used
    assert_one_clear_refusal(validate_in_subprocess(path), "more than the 5 MB allowed")


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("description: " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    assert_one_clear_refusal(validate_in_subprocess(path), "nest")


def test_the_library_call_is_fast_too() -> None:
    """In-process: the bomb inside a known key fails before any value is expanded."""
    code = textwrap.dedent(f"""
        import signal, sys
        signal.alarm(10)
        from workbench.core.errors import FrameworkError
        from workbench.core.framework_loader import parse_framework
        try:
            parse_framework({bomb(True)!r}, "bomb.yaml")
        except FrameworkError as exc:
            print(exc)
            sys.exit(0)
        sys.exit(3)
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=TIME_LIMIT, env=env, check=False)
    assert result.returncode == 0, result
    assert "1 problem" in result.stdout and "alias" in result.stdout

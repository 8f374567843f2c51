"""The CLI applies the same text limits as the GUI: one clear line and exit 1, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.core import limits

EXAMPLE = Path(__file__).parent.parent / "data" / "architecture_example.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_over_long_strength_in_json_is_refused_in_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text())
    data["ratings"][0]["strengths"] = ["s" * (limits.FINDING + 1)]
    source = tmp_path / "long.json"
    source.write_text(json.dumps(data))
    code, out, err = run(capsys, "engagement", "import", str(source))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "is longer than 5,000 characters" in err
    code, out, _ = run(capsys, "engagement", "list", "--json")
    assert code == 0 and json.loads(out) == []


def test_a_strength_at_the_limit_imports_whole(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text())
    data["ratings"][0]["strengths"] = ["s" * limits.FINDING]
    source = tmp_path / "longest.json"
    source.write_text(json.dumps(data))
    code, out, _ = run(capsys, "engagement", "import", str(source))
    assert code == 0
    eid = out.strip()
    target = tmp_path / "back.json"
    code, _, _ = run(capsys, "engagement", "export", eid, "-o", str(target))
    assert code == 0, _
    back = json.loads(target.read_text())
    assert ["s" * limits.FINDING] in [r.get("strengths") for r in back["ratings"]]

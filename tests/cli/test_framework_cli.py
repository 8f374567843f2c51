"""`workbench framework list | show` over bundled and installed frameworks."""

from __future__ import annotations

import json

import pytest

from workbench.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_the_four_bundled_frameworks_with_a_description(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "framework", "list")
    assert (code, err) == (0, "")
    for line in ("cx-implementation-4 1.0: Four implementation parts",
                 "cx-maturity-layers 1.0: A maturity model in four layers",
                 "cx-building-blocks 1.0: Eight building blocks",
                 "cem-6d 1.0: A framework of six linked dimensions"):
        assert line in out
    code, out, _ = run(capsys, "framework", "list", "--json")
    listed = {f["id"]: f for f in json.loads(out)}
    assert listed["cx-maturity-layers"]["elements"] == 10
    assert listed["cx-building-blocks"]["origin"] == "bundled"
    assert all(f["total_points"] == 1000 for f in listed.values())


def test_show_a_new_framework_and_an_unknown_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "framework", "show", "cx-implementation-4")
    assert code == 0 and "OUT.2  Customer Feedback for Intelligence  [250 pts" in out
    code, out, err = run(capsys, "framework", "show", "nope")
    assert code == 1 and out == ""
    assert err.startswith("error: no framework 'nope'") and err.count("\n") == 1


def test_an_engagement_on_each_framework(capsys: pytest.CaptureFixture[str]) -> None:
    for framework_id in ("cx-implementation-4", "cx-maturity-layers", "cx-building-blocks"):
        code, out, _ = run(capsys, "engagement", "create", "--client", "C", "--site", "S",
                           "--title", "T", "--lead", "L", "--framework", framework_id)
        assert code == 0
        eid = out.strip()
        first = {"cx-implementation-4": "IN.1.1", "cx-maturity-layers": "L1.1.1",
                 "cx-building-blocks": "B1.1.1"}[framework_id]
        assert run(capsys, "rate", eid, first, "5")[0] == 0
        code, out, _ = run(capsys, "score", eid, "--json")
        score = json.loads(out)
        assert score["framework"]["id"] == framework_id
        assert score["enablers"] == {}
        assert score["total"] > 0

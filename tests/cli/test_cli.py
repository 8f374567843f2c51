"""The command line: contracts of architecture.md, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.core.interchange import parse_document
from workbench.core.scoring import score_engagement

EXAMPLE = Path(__file__).parent.parent / "data" / "architecture_example.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_framework_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "framework", "show", "cem-6d", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["dimensions"]) == 6
    elements = [e for d in data["dimensions"] for e in d["elements"]]
    assert len(elements) == 32
    assert sum(e["points"] for e in elements) == 1000
    assert all(e["objective"] and e["indicators"] for e in elements)
    assert len(data["enablers"]) == 5
    assert {"id", "version", "name", "scale", "objective_levels", "weights", "bands",
            "categories"} <= set(data)


def test_framework_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: '1'\nname: X\n")
    code, out, err = run(capsys, "framework", "validate", str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"error: {bad}: ") and "scale: is required" in err


def test_import_then_score_gives_the_core_figures(capsys: pytest.CaptureFixture[str],
                                                  framework: Framework) -> None:
    code, out, _ = run(capsys, "engagement", "import", str(EXAMPLE))
    assert code == 0
    eid = out.strip()
    code, out, _ = run(capsys, "score", eid, "--json")
    assert code == 0, out
    data = json.loads(out)
    doc = parse_document(EXAMPLE.read_text(), "x", bundled_framework)
    expected = score_engagement(framework, doc.ratings)
    assert data["engagement"] == eid
    assert data["framework"] == {"id": "cem-6d", "version": "1.0"}
    assert data["total"] == expected.total
    assert data["normalized_total"] == expected.normalized_total
    assert data["elements"]["D5.3"]["score"] == 33.75
    assert data["elements"]["D5.3"]["status"] == "complete"
    assert data["elements"]["D1.1"]["status"] == "not_assessed"
    assert data["dimensions"]["D5"]["applicable_max"] == 250
    assert data["categories"]["performance"]["max"] == 600
    assert data["enablers"]["E1"]["percent"] == expected.enablers["E1"].percent


def test_an_assessors_whole_day_from_the_command_line(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    code, out, _ = run(capsys, "engagement", "create", "--client", "Zoë's Café", "--site",
                       "Łódź", "--title", "Review", "--lead", "Müller", "--assessor", "Ann")
    assert code == 0, out
    eid = out.strip()
    steps = [("rate", eid, "D2.6.3", "4"), ("rate", eid, "D2.6.4", "na"),
             ("rate", eid, "D2.6.3", "2", "--assessor", "Ann"),
             ("rate", eid, "D2.6.3", "3", "--consensus", "--reason", "discussed"),
             ("judge", eid, "D2.6", "fully"), ("target", eid, "D2.6", "4"),
             ("note", eid, "D2.6", "Journey maps on the wall"),
             ("note", eid, "D2.6", "Maps are current", "--kind", "strength"),
             ("action", eid, "D2.6", "Map the complaint journey", "--owner", "CX lead")]
    for step in steps:
        assert run(capsys, *step)[0] == 0, step
    photo = tmp_path / "wall.png"
    from PIL import Image
    Image.new("RGB", (50, 40)).save(photo)
    assert run(capsys, "attach", eid, "D2.6", str(photo), "--caption", "The wall")[0] == 0
    code, out, _ = run(capsys, "score", eid, "--json")
    assert code == 0, out
    d26 = json.loads(out)["elements"]["D2.6"]
    assert d26["target"] == 4 and d26["objective_fraction"] == 1.0
    assert not d26["needs_consensus"]
    code, out, _ = run(capsys, "engagement", "export", eid, "-o", str(tmp_path / "e.json"))
    assert code == 0, out
    exported = json.loads((tmp_path / "e.json").read_text())
    assert exported["engagement"]["client"] == "Zoë's Café"
    assert exported["consensus"][0]["indicators"] == {"D2.6.3": 3}
    code, out, _ = run(capsys, "engagement", "list", "--json")
    assert code == 0, out
    assert json.loads(out)[0]["id"] == eid
    code, out, _ = run(capsys, "score", eid)
    assert code == 0, out
    assert "D2.6" in out and "Total" in out


@pytest.mark.parametrize(("args", "message"), [
    (("rate", "{eid}", "D1.1.1", "7"), "not a level"),
    (("rate", "{eid}", "D1.1.1", "high"), "is not a level, 'na' or 'none'"),
    (("rate", "{eid}", "X1", "3"), "not an indicator"),
    (("rate", "nope", "D1.1.1", "3"), "no engagement 'nope'"),
    (("judge", "{eid}", "D1.1", "fully", "--assessor", "Ghost"), "not an assessor"),
    (("target", "{eid}", "D1.1", "ten"), "not a target level"),
    (("engagement", "delete", "{eid}"), "--yes"),
    (("engagement", "import", "/nonexistent.json"), "/nonexistent.json: no such file"),
])
def test_user_errors_are_one_line_exit_one(capsys: pytest.CaptureFixture[str], args: tuple[str],
                                           message: str) -> None:
    _, out, _ = run(capsys, "engagement", "create", "--client", "C", "--lead", "L")
    eid = out.strip()
    code, out, err = run(capsys, *[a.format(eid=eid) for a in args])
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert "Traceback" not in err


def test_bad_usage_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["rate"])
    assert caught.value.code == 2


def test_newer_database_is_refused_by_the_real_executable(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "w.sqlite3"
    env = {**os.environ, "WORKBENCH_DB": str(db)}
    cmd = [sys.executable, "-m", "workbench"]
    made = subprocess.run([*cmd, "engagement", "create", "--client", "C", "--lead", "L"],
                          env=env, capture_output=True, text=True, check=True)
    assert made.stdout.strip()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    done = subprocess.run([*cmd, "engagement", "list"], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "newer release" in done.stderr and "Traceback" not in done.stderr
    other = subprocess.run([*cmd, "--db", str(tmp_path / "other.sqlite3"), "engagement", "list"],
                           env=env, capture_output=True, text=True)
    assert other.returncode == 0 and "No engagements yet" in other.stdout


def test_demo_writes_its_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "demo", "--out", str(tmp_path / "demo"))
    assert code == 0
    assert (tmp_path / "demo" / "demo-engagement.json").exists()
    score = json.loads((tmp_path / "demo" / "demo-score.json").read_text())
    assert 0 < score["total"] < 1000


def test_a_new_engagement_scores_zero_percent_complete_and_not_assessed(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "engagement", "create", "--client", "C", "--site", "S",
                       "--title", "T", "--lead", "L")
    eid = out.strip()
    code, out, err = run(capsys, "score", eid)
    assert code == 0, err
    assert "0 % complete (0 of 32 elements)" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("D2.6"))
    assert "not_assessed" in row and "0 %" not in row and " 1 " not in row
    run(capsys, "judge", eid, "D2.6", "not_yet")
    code, out, _ = run(capsys, "score", eid, "--json")
    element = json.loads(out)["elements"]["D2.6"]
    assert element["objective_judged"] and element["status"] == "incomplete"
    assert json.loads(out)["completeness"] == 0

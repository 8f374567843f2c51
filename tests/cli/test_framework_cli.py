"""`workbench framework list | show` over bundled and installed frameworks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.core.framework_loader import bundled_framework_dir


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


def custom_yaml(tmp_path: Path, version: str = "1.0", points_note: str = "") -> Path:
    """cx-implementation-4 under another id, optionally with other points (IN 600, OUT 400)."""
    text = (bundled_framework_dir() / "cx-implementation-4.yaml").read_text("utf-8")
    text = text.replace("id: cx-implementation-4", "id: team-model").replace(
        'version: "1.0"', f'version: "{version}"')
    if points_note:
        text = (text.replace("points: 500, description: \"The parts the organisation works",
                             "points: 600, description: \"The parts the organisation works")
                .replace("points: 500, description: \"The parts that happen",
                         "points: 400, description: \"The parts that happen")
                .replace("    points: 500\n    question: \"Is the", "    points: 600\n"
                         "    question: \"Is the")
                .replace("    points: 500\n    question: \"Does", "    points: 400\n"
                         "    question: \"Does")
                .replace("code: IN.1\n        title: Employee Experience for Engagement\n"
                         "        points: 250", "code: IN.1\n        title: Employee Experience"
                         " for Engagement\n        points: 350")
                .replace("code: OUT.1\n        title: Customer Care for Improvement\n"
                         "        points: 250", "code: OUT.1\n        title: Customer Care for "
                         "Improvement\n        points: 150"))
    path = tmp_path / f"team-model-{version}.yaml"
    path.write_text(text, "utf-8")
    return path


def test_export_then_import_round_trips_exactly(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    assert run(capsys, "framework", "import", str(custom_yaml(tmp_path)))[0] == 0
    _, before, _ = run(capsys, "framework", "show", "team-model", "--json")
    xlsx = tmp_path / "team-model.xlsx"
    code, out, _ = run(capsys, "framework", "export", "team-model", "-o", str(xlsx))
    assert code == 0 and out.strip() == str(xlsx)
    assert run(capsys, "framework", "delete", "team-model", "--version", "1.0")[0] == 0
    code, out, _ = run(capsys, "framework", "validate", str(xlsx))
    assert code == 0 and "valid — team-model 1.0, 2 dimensions, 4 elements" in out
    code, out, _ = run(capsys, "framework", "import", str(xlsx))
    assert code == 0 and out.startswith("installed team-model 1.0")
    _, after, _ = run(capsys, "framework", "show", "team-model", "--json")
    assert json.loads(after) == json.loads(before)
    # Importing the very same definition again changes nothing.
    code, out, _ = run(capsys, "framework", "import", str(xlsx))
    assert code == 0 and out.startswith("already there, unchanged: team-model 1.0")
    # A bundled framework exported and imported is the bundled one.
    bundled = tmp_path / "cem.xlsx"
    assert run(capsys, "framework", "export", "cem-6d", "-o", str(bundled))[0] == 0
    code, out, _ = run(capsys, "framework", "import", str(bundled))
    assert out.startswith("already there, unchanged: cem-6d 1.0")


def test_a_new_version_never_changes_how_existing_engagements_score(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "framework", "import", str(custom_yaml(tmp_path)))[0] == 0
    _, out, _ = run(capsys, "engagement", "create", "--client", "C", "--lead", "L",
                    "--framework", "team-model")
    old = out.strip()
    for code in ("IN.1.1", "OUT.1.1"):
        assert run(capsys, "rate", old, code, "5")[0] == 0
    before = json.loads(run(capsys, "score", old, "--json")[1])
    # The same version with another definition is refused ...
    (tmp_path / "other").mkdir()
    changed = custom_yaml(tmp_path / "other", "1.0", points_note="y")
    code, out, err = run(capsys, "framework", "import", str(changed))
    assert code == 1 and out == ""
    assert "team-model 1.0 is already installed with a different definition" in err
    # ... a new version is installed beside it.
    code, out, _ = run(capsys, "framework", "import", str(custom_yaml(tmp_path, "1.1", "y")))
    assert code == 0 and out.startswith("installed team-model 1.1")
    _, out, _ = run(capsys, "framework", "list", "--json")
    versions = [(f["id"], f["version"], f["origin"]) for f in json.loads(out)
                if f["id"] == "team-model"]
    assert versions == [("team-model", "1.0", "installed"), ("team-model", "1.1", "installed")]
    assert json.loads(run(capsys, "score", old, "--json")[1]) == before
    _, out, _ = run(capsys, "engagement", "create", "--client", "D", "--lead", "L",
                    "--framework", "team-model")
    new = out.strip()
    assert json.loads(run(capsys, "score", new, "--json")[1])["framework"] == {
        "id": "team-model", "version": "1.1"}
    assert json.loads(run(capsys, "score", new, "--json")[1])["elements"]["IN.1"]["max"] == 350


def test_delete_only_an_unused_installed_framework(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    assert run(capsys, "framework", "import", str(custom_yaml(tmp_path)))[0] == 0
    assert run(capsys, "engagement", "create", "--client", "C", "--lead", "L",
               "--framework", "team-model")[0] == 0
    code, _, err = run(capsys, "framework", "delete", "team-model", "--version", "1.0")
    assert code == 1 and err == ("error: team-model 1.0 cannot be deleted: 1 engagement "
                                 "uses it\n")
    code, _, err = run(capsys, "framework", "delete", "cem-6d", "--version", "1.0")
    assert code == 1 and "bundled with the workbench" in err


def test_import_errors_are_clear(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    code, _, err = run(capsys, "framework", "import", str(text))
    assert code == 1 and "authoring workbook (.xlsx) or a definition file (.yaml)" in err
    code, _, err = run(capsys, "framework", "import", "/dev/zero.yaml")
    assert code == 1 and "Traceback" not in err
    code, _, err = run(capsys, "framework", "export", "cem-6d", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "export a framework to .xlsx" in err
    code, _, err = run(capsys, "framework", "export", "cem-6d", "-o",
                       str(tmp_path / "no-such-folder" / "x.xlsx"))
    assert code == 1 and err.count("\n") == 1

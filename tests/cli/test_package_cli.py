"""`workbench engagement pack | import FILE.wbx | merge`: exit codes, output, one-line errors."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from workbench.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str, str, Path]:
    """A demo on laptop a, packed and imported on laptop b."""
    a, b = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    assert run(capsys, "--db", a, "demo", "--out", str(tmp_path / "demo"))[0] == 0
    eid = json.loads(run(capsys, "--db", a, "engagement", "list", "--json")[1])[0]["id"]
    code, out, err = run(capsys, "--db", a, "engagement", "pack", eid, "-o",
                         str(tmp_path / "a.wbx"))
    assert (code, err) == (0, "") and out.strip().endswith("a.wbx")
    code, out, err = run(capsys, "--db", b, "engagement", "import", str(tmp_path / "a.wbx"))
    assert (code, out.strip(), err) == (0, eid, "")
    return a, b, eid, tmp_path


def test_import_keeps_the_id_and_the_score(capsys: pytest.CaptureFixture[str],
                                           two: tuple[str, str, str, Path]) -> None:
    a, b, eid, _ = two
    assert run(capsys, "--db", a, "score", eid, "--json")[1] == \
        run(capsys, "--db", b, "score", eid, "--json")[1]


def test_import_still_reads_engagement_json(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    example = Path(__file__).parent.parent / "data" / "architecture_example.json"
    code, out, err = run(capsys, "--db", str(tmp_path / "j.sqlite3"), "engagement", "import",
                         str(example))
    assert code == 0 and len(out.strip()) == 10 and err == ""


def test_merge_previews_then_applies(capsys: pytest.CaptureFixture[str],
                                     two: tuple[str, str, str, Path]) -> None:
    a, b, eid, tmp = two
    assert run(capsys, "--db", b, "rate", eid, "D1.1.1", "1")[0] == 0
    assert run(capsys, "--db", b, "engagement", "pack", eid, "-o", str(tmp / "b.wbx"))[0] == 0
    before = run(capsys, "--db", a, "score", eid, "--json")[1]
    code, out, err = run(capsys, "--db", a, "engagement", "merge", str(tmp / "b.wbx"))
    assert code == 0 and "D1.1.1 indicator value" in out and "--yes" in err
    assert run(capsys, "--db", a, "score", eid, "--json")[1] == before  # a preview only
    code, out, _ = run(capsys, "--db", a, "engagement", "merge", str(tmp / "b.wbx"), "--json")
    data = json.loads(out)
    assert code == 0 and data["has_changes"] and not data["applied"]
    assert [c["element"] for c in data["changes"]] == ["D1.1.1"]
    assert data["changes"][0]["new"] == 1
    code, out, _ = run(capsys, "--db", a, "engagement", "merge", str(tmp / "b.wbx"), "--yes")
    assert code == 0 and "merged: 1 change applied" in out
    assert run(capsys, "--db", a, "score", eid, "--json")[1] == \
        run(capsys, "--db", b, "score", eid, "--json")[1]
    code, out, _ = run(capsys, "--db", a, "engagement", "merge", str(tmp / "b.wbx"), "--yes",
                       "--json")
    assert code == 0 and json.loads(out)["has_changes"] is False


def _one_line_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "unexpected" not in err
    return err


def test_refusals_are_one_line(capsys: pytest.CaptureFixture[str],
                               two: tuple[str, str, str, Path]) -> None:
    a, b, eid, tmp = two
    wbx = tmp / "a.wbx"
    assert "already in this database" in _one_line_error(
        capsys, "--db", b, "engagement", "import", str(wbx))
    assert "another engagement" in _one_line_error(
        capsys, "--db", str(tmp / "empty.sqlite3"), "engagement", "merge", str(wbx))
    assert "without a package manifest" in _one_line_error(
        capsys, "--db", b, "engagement", "merge", a)
    (tmp / "noise.wbx").write_bytes(os.urandom(4096))
    assert "not an SQLite file" in _one_line_error(
        capsys, "--db", b, "engagement", "merge", str(tmp / "noise.wbx"))
    assert "no such file" in _one_line_error(
        capsys, "--db", b, "engagement", "merge", str(tmp / "missing.wbx"))
    fifo = tmp / "pipe.wbx"
    os.mkfifo(fifo)
    assert "not a regular file" in _one_line_error(
        capsys, "--db", b, "engagement", "import", str(fifo))
    assert "not a regular file" in _one_line_error(
        capsys, "--db", b, "engagement", "merge", str(fifo))
    assert "no engagement" in _one_line_error(
        capsys, "--db", a, "engagement", "pack", "nosuchid", "-o", str(tmp / "x.wbx"))
    assert "folder" in _one_line_error(
        capsys, "--db", a, "engagement", "pack", eid, "-o", str(tmp))


def test_tampered_newer_and_hostile_packages_are_refused(
        capsys: pytest.CaptureFixture[str], two: tuple[str, str, str, Path]) -> None:
    _, b, _, tmp = two
    for name, statement, message in [
            ("tampered", "UPDATE indicator_ratings SET level = 1 WHERE na = 0",
             "does not match its manifest"),
            ("newer", "UPDATE package_meta SET value = '2' WHERE key = 'format_version'",
             "newer release"),
            ("framework", "UPDATE package_meta SET value = '7.0' WHERE key = "
             "'framework_version'", "version 7.0"),
            ("trigger", "CREATE TRIGGER t AFTER INSERT ON blobs BEGIN SELECT 1; END",
             "triggers or views")]:
        path = tmp / f"{name}.wbx"
        path.write_bytes((tmp / "a.wbx").read_bytes())
        conn = sqlite3.connect(path)
        conn.execute(statement)
        conn.commit()
        conn.close()
        assert message in _one_line_error(capsys, "--db", b, "engagement", "merge", str(path))
    truncated = tmp / "truncated.wbx"
    truncated.write_bytes((tmp / "a.wbx").read_bytes()[:20000])
    _one_line_error(capsys, "--db", b, "engagement", "merge", str(truncated))


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["engagement", "pack", "someid"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["engagement", "merge"])
    assert info.value.code == 2

"""`workbench export pdf ID -o FILE [--brand NAME] [--sections a,b,c] [--deterministic]`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    db = tmp_path / "cli.sqlite3"
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    session = Session.open(db)
    try:
        eid = create_demo(session)
    finally:
        session.close()
    return db, eid


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


def test_export_pdf_writes_the_report(demo: tuple[Path, str], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db, eid = demo
    out = tmp_path / "report.pdf"
    code, stdout, stderr = run(capsys, "export", "pdf", eid, "-o", str(out), "--db", str(db))
    assert code == 0, stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "pages" in stdout and str(out) in stdout
    assert "Executive summary" in pdf_text(out)


def test_sections_and_deterministic_output(demo: tuple[Path, str], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db, eid = demo
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (a, b):
        code, _, err = run(capsys, "export", "pdf", eid, "-o", str(path), "--db", str(db),
                           "--sections", "summary, profile", "--deterministic")
        assert code == 0, err
    assert a.read_bytes() == b.read_bytes()
    text = pdf_text(a)
    assert "Maturity profile" in text and "Methodology" not in text


@pytest.mark.parametrize(("extra", "message"), [
    (["--sections", "summary,glossary"], "unknown report section glossary"),
    (["--brand", "nonexistent"], "no brand profile named 'nonexistent'"),
    (["--sections", "cover"], "choose at least one section"),
])
def test_mistakes_give_one_clear_line_and_exit_1(demo: tuple[Path, str], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 extra: list[str], message: str) -> None:
    db, eid = demo
    out = tmp_path / "never.pdf"
    code, _, err = run(capsys, "export", "pdf", eid, "-o", str(out), "--db", str(db), *extra)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_an_unknown_engagement_is_a_user_error(demo: tuple[Path, str], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = demo
    code, _, err = run(capsys, "export", "pdf", "nosuchid", "-o", str(tmp_path / "x.pdf"),
                       "--db", str(db))
    assert code == 1 and err.startswith("error:")


def test_a_missing_output_folder_is_a_user_error(demo: tuple[Path, str], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db, eid = demo
    code, _, err = run(capsys, "export", "pdf", eid, "-o", str(tmp_path / "no" / "r.pdf"),
                       "--db", str(db))
    assert code == 1 and "does not exist" in err


def test_the_output_option_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "pdf", "someid"])
    assert info.value.code == 2


def test_the_installed_command_runs(demo: tuple[Path, str], tmp_path: Path) -> None:
    db, eid = demo
    out = tmp_path / "r.pdf"
    done = subprocess.run([sys.executable, "-m", "workbench", "export", "pdf", eid, "-o",
                           str(out), "--db", str(db), "--sections", "summary"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.is_file()

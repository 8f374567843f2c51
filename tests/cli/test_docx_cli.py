"""`workbench export docx ID -o FILE.docx [--brand NAME] [--sections a,b,c]`."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.cli.test_report_cli import demo, run  # noqa: F401 (the fixture)


def test_export_docx_writes_the_word_report(demo: tuple[Path, str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db, eid = demo
    out = tmp_path / "report.docx"
    code, stdout, stderr = run(capsys, "export", "docx", eid, "-o", str(out), "--db", str(db))
    assert code == 0, stderr
    assert str(out) in stdout and "Word report" in stdout
    doc = docx.Document(str(out))
    assert "1  Executive summary" in [p.text for p in doc.paragraphs
                                      if p.style is not None and p.style.name == "Heading 1"]


def test_sections_and_brand(demo: tuple[Path, str], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    db, eid = demo
    out = tmp_path / "short.docx"
    code, _, err = run(capsys, "export", "docx", eid, "-o", str(out), "--db", str(db),
                       "--sections", "summary,methodology", "--brand", "default")
    assert code == 0, err
    heads = [p.text for p in docx.Document(str(out)).paragraphs
             if p.style is not None and p.style.name == "Heading 1"]
    assert heads == ["1  Executive summary", "2  Methodology"]


@pytest.mark.parametrize(("extra", "message"), [
    (["--sections", "summary,glossary"], "unknown report section glossary"),
    (["--brand", "nonexistent"], "no brand profile named 'nonexistent'"),
    (["--brand", "../../etc"], "not a brand profile name"),
])
def test_mistakes_give_one_clear_line_and_exit_1(demo: tuple[Path, str],
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 extra: list[str], message: str) -> None:
    db, eid = demo
    out = tmp_path / "never.docx"
    code, _, err = run(capsys, "export", "docx", eid, "-o", str(out), "--db", str(db), *extra)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_an_unknown_engagement_and_a_folder_as_output(demo: tuple[Path, str],
                                                      tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    db, eid = demo
    code, _, err = run(capsys, "export", "docx", "nope", "-o", str(tmp_path / "x.docx"),
                       "--db", str(db))
    assert code == 1 and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "export", "docx", eid, "-o", str(tmp_path), "--db", str(db))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run(capsys, "export", "docx", "some-id")  # no -o
    assert caught.value.code == 2

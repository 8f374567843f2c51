"""`workbench brand list|show|create|import|export|set-default|delete` and `--brand` on exports."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.services.test_brands import SVG, png
from workbench.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(capsys, *args)
    assert code == 1, (out, err)
    lines = err.strip().splitlines()
    assert lines[0].startswith("error: ") and "Traceback" not in err
    return err


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.svg"
    path.write_bytes(SVG)
    return path


def test_create_set_default_show_export_import(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path, logo: Path) -> None:
    code, out, _ = run(capsys, "brand", "list")
    assert code == 0 and "Your firm" in out and "Meridian" not in out
    code, out, _ = run(capsys, "brand", "create", "--firm", "Acme & Co", "--logo", str(logo),
                       "--primary", "#224466", "--accent", "#e0a030", "--set-default")
    assert code == 0 and "'acme-co'" in out and "now the default" in out
    code, out, _ = run(capsys, "brand", "show")
    assert code == 0 and "firm:            Acme & Co" in out and "#E0A030" in out
    target = tmp_path / "acme.brand.zip"
    assert run(capsys, "brand", "export", "acme-co", "-o", str(target))[0] == 0
    code, out, _ = run(capsys, "brand", "import", str(target), "--name", "acme-copy")
    assert code == 0 and "'acme-copy'" in out
    assert run(capsys, "brand", "set-default", "acme-copy")[0] == 0
    code, out, _ = run(capsys, "brand", "list")
    assert "* acme-copy" in out.replace("*  ", "* ")
    assert run(capsys, "brand", "delete", "acme-copy")[0] == 0
    code, out, _ = run(capsys, "brand", "show", "--json")
    assert '"name": "default"' in out and '"firm": "Your firm"' in out


def test_each_refusal_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                  logo: Path) -> None:
    assert "not a colour" in refused(capsys, "brand", "create", "--firm", "X",
                                     "--primary", "red")
    assert "not a brand profile name" in refused(capsys, "brand", "show", "../../../../etc")
    assert "not a brand profile name" in refused(capsys, "brand", "create", "--firm", "X",
                                                 "--name", "../x")
    broken = tmp_path / "broken.png"
    broken.write_bytes(png()[:60])
    assert "damaged image" in refused(capsys, "brand", "create", "--firm", "X", "--logo",
                                          str(broken))
    script = tmp_path / "script.svg"
    script.write_bytes(SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    assert "<script>" in refused(capsys, "brand", "create", "--firm", "X", "--logo",
                                 str(script))
    assert "no such file" in refused(capsys, "brand", "import", str(tmp_path / "none.zip"))
    assert "no brand profile named" in refused(capsys, "brand", "set-default", "nope")
    assert "cannot be deleted" in refused(capsys, "brand", "delete", "default")
    _code, out, _ = run(capsys, "brand", "list")
    assert out.count("\n") == 3  # the header, its rule and the neutral profile: nothing added


def test_brand_on_every_export(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               logo: Path) -> None:
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    db = tmp_path / "cli.sqlite3"
    session = Session.open(db)
    try:
        eid = create_demo(session)
    finally:
        session.close()
    assert run(capsys, "brand", "create", "--firm", "Zeta Partners", "--name", "zeta",
               "--logo", str(logo))[0] == 0
    pdf = tmp_path / "r.pdf"
    code, _, err = run(capsys, "export", "pdf", eid, "-o", str(pdf), "--db", str(db),
                       "--brand", "zeta", "--sections", "cover,summary")
    assert code == 0, err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert "Zeta Partners" in text
    assert run(capsys, "export", "xlsx", eid, "-o", str(tmp_path / "w.xlsx"), "--db", str(db),
               "--brand", "zeta")[0] == 0
    assert "no brand profile named 'nope'" in refused(
        capsys, "export", "xlsx", eid, "-o", str(tmp_path / "x.xlsx"), "--db", str(db),
        "--brand", "nope")
    assert "not a brand profile name" in refused(
        capsys, "export", "pdf", eid, "-o", str(tmp_path / "x.pdf"), "--db", str(db),
        "--brand", "../etc")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.pdf").exists()

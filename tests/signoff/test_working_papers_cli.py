"""`--working-papers` on `workbench signoff` and `workbench export pdf`; verify passes both
ways (exit 0, every fact holds in --json)."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from workbench.cli.main import main
from workbench.services import working_papers
from workbench.services.session import Session

from .helpers import make_p12


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def names(path: Path) -> set[str]:
    with pikepdf.open(path) as pdf:
        return set(pdf.attachments)


def test_signoff_with_and_without_working_papers_both_verify(
        capsys: pytest.CaptureFixture[str], session: Session, demo_id: str,
        tmp_path: Path) -> None:
    db = session.path
    session.close()
    p12 = make_p12(tmp_path / "me.p12", "secret words", name="A. Assessor")
    (tmp_path / "pw").write_text("secret words\n")
    sign = ["signoff", demo_id, "--signer", "A. Assessor", "--role", "Lead assessor",
            "--cert", str(p12), "--passphrase-file", str(tmp_path / "pw"), "--accept-warnings"]
    code, out, err = run(capsys, db, *sign, "--working-papers")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith("error: --working-papers attaches them to the report")
    draft = tmp_path / "draft.pdf"
    code, out, err = run(capsys, db, "export", "pdf", demo_id, "-o", str(draft),
                         "--working-papers")
    assert code == 1 and err.count("\n") == 1 and not draft.exists()
    assert "sign the engagement off first" in err
    client, papers = tmp_path / "client.pdf", tmp_path / "papers.pdf"
    code, _, err = run(capsys, db, *sign, "-o", str(client))
    assert code == 0, err
    code, _, err = run(capsys, db, *sign, "-o", str(papers), "--working-papers")
    assert code == 0, err  # already signed: the report written again, with the papers
    reference = working_papers.reference_name(demo_id, 1)
    full = working_papers.working_papers_name(demo_id, 1)
    assert names(client) == {reference}
    assert names(papers) == {reference, full}
    for pdf, attached in ((client, None), (papers, full)):
        code, out, _ = run(capsys, db, "verify", str(pdf), "--json")
        facts = json.loads(out)
        assert code == 0 and facts["ok"] is True
        assert {k: f["holds"] for k, f in facts["facts"].items()} == {
            "intact": True, "trusted": True, "content_matches": True}
        assert facts["signed_reference"] is True and facts["working_papers"] == attached
        code, out, _ = run(capsys, db, "verify", str(pdf))
        assert code == 0 and "result:     OK" in out
        assert ("attached:   a signed reference; " + (
            f"working papers (each assessor's ratings): {full}" if attached else
            "no working papers")) in out


def test_export_pdf_attaches_working_papers_of_a_signed_engagement_only(
        capsys: pytest.CaptureFixture[str], session: Session, signed_id: str,
        tmp_path: Path) -> None:
    db = session.path
    session.close()
    target = tmp_path / "papers.pdf"
    code, out, err = run(capsys, db, "export", "pdf", signed_id, "-o", str(target),
                         "--sections", "cover,signoff", "--working-papers", "--pdfa")
    assert code == 0, err
    assert "PDF/A-3b, working papers attached" in out
    assert names(target) == {working_papers.working_papers_name(signed_id, 1)}
    plain = tmp_path / "plain.pdf"
    code, _, err = run(capsys, db, "export", "pdf", signed_id, "-o", str(plain),
                       "--sections", "cover,signoff")
    assert code == 0 and names(plain) == set()

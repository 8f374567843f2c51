"""The report's metadata and archival form: XMP always, PDF/A-2b on request, PDF/A-3b signed."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pikepdf
import pytest
from pikepdf import pdfa

from workbench.cli.main import main
from workbench.exports.report.archive import pdfa_part
from workbench.services import report, signoff
from workbench.services.session import Session


def test_every_report_has_its_metadata_in_the_info_and_in_xmp(session: Session, demo_id: str,
                                                              tmp_path: Path) -> None:
    path = report.export(session, demo_id, tmp_path / "r.pdf", sections=["summary"])
    with pikepdf.open(path) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "Northwind Telecom: CEM maturity assessment 2026"
        assert str(info["/Author"]) == "Your firm"  # the neutral profile
        assert str(info["/Subject"])
        keywords = str(info["/Keywords"])
        for word in ("maturity assessment", "Northwind Telecom", "draft", demo_id):
            assert word in keywords
        meta = pdf.open_metadata()
        assert meta["dc:title"] == str(info["/Title"])
        assert meta["dc:creator"] == ["Your firm"]
        assert meta["pdf:Keywords"] == keywords
    assert pdfa_part(path.read_bytes()) is None  # not claimed unless asked for


def test_the_cli_writes_a_validated_pdfa_2b(session: Session, demo_id: str, tmp_path: Path,
                                            db_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    session.close()
    target = tmp_path / "archive.pdf"
    code = main(["--db", str(db_path), "export", "pdf", demo_id, "-o", str(target), "--pdfa"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "PDF/A-2b" in out
    assert pdfa_part(target.read_bytes()) == "2B"
    checked = pdfa.validate_written(target, "2b")
    assert checked.passed, checked
    with pikepdf.open(target) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.S) == "/GTS_PDFA1" and "sRGB" in str(intent.OutputConditionIdentifier)


def test_a_deterministic_pdfa_is_reproducible(session: Session, demo_id: str,
                                              tmp_path: Path) -> None:
    a = report.export(session, demo_id, tmp_path / "a.pdf", sections=["summary"],
                      deterministic=True, pdfa=True).read_bytes()
    b = report.export(session, demo_id, tmp_path / "b.pdf", sections=["summary"],
                      deterministic=True, pdfa=True).read_bytes()
    assert a == b


def test_a_signed_report_is_pdfa_3b_and_its_signature_still_validates(
        session: Session, demo_id: str, tmp_path: Path) -> None:
    lead = signoff.Signer("A. Assessor", "Lead assessor")
    creds = signoff.signing_credentials(passphrase="a good passphrase", signer=lead.name)
    signoff.sign_off(session, demo_id, [lead], accept_warnings=True)
    out = signoff.export_signed_report(session, demo_id, tmp_path / "signed.pdf", creds)
    data = out.path.read_bytes()
    assert pdfa_part(data) == "3B"  # PDF/A-3: it carries the canonical JSON
    check = signoff.verify_report(out.path, session)
    assert check.ok and check.signature.intact and check.matches  # pyHanko's validation
    # What pikepdf's validator can check after signing breaks no rule; the signature's
    # form field is beyond what it checks ("unsupported"), not a violation.
    checked = pdfa.validate_written(io.BytesIO(data), "3b")
    assert not [f for f in checked.findings if f.kind == "violation"]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        spec = pdf.Root.AF[0]
        assert str(spec.AFRelationship) == "/Data" and "/UF" in spec


def test_the_report_gets_the_permissions_of_a_normal_document(session: Session, demo_id: str,
                                                              tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = report.export(session, demo_id, tmp_path / "r.pdf", sections=["summary"])
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not 0600: a colleague can read it

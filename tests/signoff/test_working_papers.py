"""The client's signed report carries a signed reference, not every assessor's ratings;
working papers (the full canonical JSON) only when asked; the earlier release's reports
(the full JSON embedded) still verify."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.errors import InvalidValueError
from workbench.exports import signing
from workbench.services import report, signoff, trust, working_papers
from workbench.services.session import Session
from workbench.storage import signoffs

PASS = "a good passphrase"
FULL_CONTENT_KEYS = {"ratings", "assessors", "consensus", "canonical"}


def attachments(path: Path) -> dict[str, bytes]:
    with pikepdf.open(path) as pdf:
        return {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}


def canonical(session: Session, eid: str) -> tuple[str, bytes]:
    _, revision = signoffs.current(session.db, eid)
    stored = signoffs.canonical(session.db, eid, revision)
    assert stored is not None
    return stored


def credentials() -> signing.Credentials:
    return signoff.signing_credentials(passphrase=PASS, signer="A. Assessor")


def test_the_client_report_carries_a_reference_without_ratings(
        session: Session, signed_id: str, tmp_path: Path) -> None:
    out = signoff.export_signed_report(session, signed_id, tmp_path / "client.pdf",
                                       credentials())
    digest, full = canonical(session, signed_id)
    files = attachments(out.path)
    assert list(files) == [working_papers.reference_name(signed_id, 1)]
    reference = json.loads(files[working_papers.reference_name(signed_id, 1)])
    assert reference["format"] == signing.REFERENCE_FORMAT == "workbench.signed-reference/1"
    assert reference["id"] == signed_id and reference["revision"] == 1
    assert reference["content_hash"] == digest == out.content_hash
    assert reference["client"] == "Northwind Telecom" and reference["title"]
    assert [s["name"] for s in reference["signers"]] == ["A. Assessor", "Dana Client"]
    assert not FULL_CONTENT_KEYS & set(reference)  # no per-assessor ratings
    rated_by = {r["assessor"] for r in json.loads(full)["ratings"]}
    assert rated_by and not any(name in files[working_papers.reference_name(signed_id, 1)]
                                .decode() for name in rated_by - {"A. Assessor"})
    check = signoff.verify_report(out.path, session)
    assert check.ok and check.content_matches is True and check.signature.reference
    assert check.client == "Northwind Telecom" and check.revision == 1
    assert check.signature.working_papers_name is None
    text = subprocess.run(["pdftotext", str(out.path), "-"], capture_output=True,
                          check=True, text=True).stdout
    assert "Signed reference to revision 1 (no ratings)" in " ".join(text.split())
    assert "Working papers" not in text


def test_working_papers_attach_the_full_content_and_verify(
        session: Session, signed_id: str, tmp_path: Path) -> None:
    out = signoff.export_signed_report(session, signed_id, tmp_path / "papers.pdf",
                                       credentials(), include_working_papers=True)
    digest, full = canonical(session, signed_id)
    files = attachments(out.path)
    papers = working_papers.working_papers_name(signed_id, 1)
    assert set(files) == {working_papers.reference_name(signed_id, 1), papers}
    assert files[papers] == full and hashlib.sha256(full).hexdigest() == digest
    assert "ratings" in json.loads(files[papers])
    check = signoff.verify_report(out.path, session)
    assert check.ok and check.content_matches is True
    assert check.to_dict()["working_papers"] == papers
    text = " ".join(subprocess.run(["pdftotext", str(out.path), "-"], capture_output=True,
                                   check=True, text=True).stdout.split())
    assert "Working papers: content of revision 1 with each assessor's ratings" in text


def test_a_report_signed_the_earlier_way_still_verifies(
        session: Session, signed_id: str, tmp_path: Path) -> None:
    creds = credentials()
    trust.remember_own(creds)
    digest, full = canonical(session, signed_id)
    unsigned = tmp_path / "unsigned.pdf"
    report.export_with_result(session, signed_id, unsigned, deterministic=True)
    old = tmp_path / "old.pdf"  # as the earlier release embedded it: the full JSON
    old.write_bytes(signing.sign_pdf(
        unsigned.read_bytes(), creds, reason=signing.signing_reason(1, digest),
        attachments=[signing.Attachment(f"engagement-{signed_id}-revision-1.json", full)]))
    check = signoff.verify_report(old, session)
    assert check.ok and check.content_matches is True and not check.signature.reference
    assert check.client == "Northwind Telecom" and check.engagement_id == signed_id
    # A reference naming another content than the signature's: not consistent.
    forged = signing.reference_json(signed_id, 1, "Northwind Telecom", "x", "0" * 64, [])
    lying = tmp_path / "lying.pdf"
    lying.write_bytes(signing.sign_pdf(
        unsigned.read_bytes(), creds, reason=signing.signing_reason(1, digest),
        attachments=[signing.Attachment("ref.json", forged)]))
    check = signoff.verify_report(lying, session)
    assert not check.ok and check.content_matches is False
    assert "not the content the signature names" in (check.failure or "")
    # Working papers that are not the signed content, beside a true reference: refused.
    true_ref = signing.reference_json(signed_id, 1, "Northwind Telecom", "x", digest, [])
    mixed = tmp_path / "mixed.pdf"
    mixed.write_bytes(signing.sign_pdf(
        unsigned.read_bytes(), creds, reason=signing.signing_reason(1, digest),
        attachments=[signing.Attachment("ref.json", true_ref),
                     signing.Attachment("papers.json", full.replace(b"Northwind", b"Southwind"))]))
    check = signoff.verify_report(mixed, session)
    assert not check.ok and "working papers" in (check.failure or "")


def test_tampering_the_reference_fails_verification(
        session: Session, signed_id: str, tmp_path: Path) -> None:
    out = signoff.export_signed_report(session, signed_id, tmp_path / "client.pdf",
                                       credentials())
    name = working_papers.reference_name(signed_id, 1)
    reference = json.loads(attachments(out.path)[name])
    reference["revision"] = 7
    tampered = tmp_path / "tampered.pdf"
    with pikepdf.open(out.path) as pdf:
        pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, json.dumps(reference).encode())
        pdf.save(tampered)
    check = signoff.verify_report(tampered, session)
    assert not check.ok and not check.signature.intact


def test_working_papers_need_a_signed_engagement(session: Session, demo_id: str,
                                                 tmp_path: Path) -> None:
    target = tmp_path / "draft.pdf"
    with pytest.raises(InvalidValueError, match="sign the engagement off first"):
        report.export_with_result(session, demo_id, target, include_working_papers=True)
    assert not target.exists() and not working_papers.available(session, demo_id)


def test_the_unsigned_report_of_a_signed_engagement_attaches_papers_only_when_asked(
        session: Session, signed_id: str, tmp_path: Path) -> None:
    plain, papers = tmp_path / "plain.pdf", tmp_path / "papers.pdf"
    report.export_with_result(session, signed_id, plain, sections=["cover", "signoff"])
    report.export_with_result(session, signed_id, papers, sections=["cover", "signoff"],
                              include_working_papers=True)
    assert attachments(plain) == {}
    assert attachments(papers) == {
        working_papers.working_papers_name(signed_id, 1): canonical(session, signed_id)[1]}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=512) | st.text(max_size=200).map(str.encode))
def test_reading_a_reference_never_raises(data: bytes) -> None:
    found = signing.read_reference(data)
    assert found is None or found["format"] == signing.REFERENCE_FORMAT


@given(st.text(max_size=40), st.integers(1, 10**6), st.text(max_size=80))
def test_a_reference_reads_back_what_it_names(eid: str, revision: int, client: str) -> None:
    data = signing.reference_json(eid, revision, client, "T", "ab" * 32,
                                  [signing.ReferenceSigner("Ann", "Lead")])
    found = signing.read_reference(data)
    assert found is not None and found["id"] == eid and found["revision"] == revision
    assert found["client"] == client and found["signers"][0]["name"] == "Ann"
    assert signing.read_reference(b" " * (signing.MAX_REFERENCE_BYTES + 1)) is None

"""Readiness, the workflow, and the signed report end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.engagement import EngagementStatus
from workbench.core.errors import ImageError, InvalidValueError
from workbench.exports import signing
from workbench.services import assessment, engagements, signoff
from workbench.services.session import Session

from .conftest import CLIENT, LEAD, png


def test_readiness_lists_each_problem_with_its_element(session: Session, demo_id: str) -> None:
    ready = signoff.readiness(session, demo_id)
    kinds = {i.kind for i in ready.items}
    assert signoff.CheckKind.NEEDS_CONSENSUS in kinds
    assert all(i.severity is signoff.Severity.WARNING for i in ready.items)
    assert all(i.element for i in ready.items if i.kind is not signoff.CheckKind.NO_TARGET)
    assessment.set_notes(session, demo_id, "D1.1", "")
    for code in ("D1.1.1", "D1.1.2"):
        assessment.rate(session, demo_id, code, 1)
    assessment.judge(session, demo_id, "D1.1", "fully")
    after = signoff.readiness(session, demo_id)
    mine = {(i.kind, i.element) for i in after.items}
    assert (signoff.CheckKind.OBJECTIVE_OVERSTATED, "D1.1") in mine
    assert (signoff.CheckKind.NO_EVIDENCE, "D1.1") in mine
    data = after.to_dict()
    assert data["warnings"] == len(after.items) and data["ready"] is False
    # each item carries its code; the element's code is a field, not a prefix to strip
    item = next(i for i in after.items if i.code is signoff.CheckKind.NO_EVIDENCE
                and i.element == "D1.1")
    assert not item.text.startswith("D1.1") and item.message == f"D1.1 {item.text}"
    assert data["items"][0]["kind"] == str(after.items[0].code)


def test_a_fresh_engagement_cannot_be_signed_and_says_why(session: Session) -> None:
    from workbench.core.engagement import EngagementDetails

    eid = engagements.create(session, EngagementDetails("Acme", "", "", "A. Lead")).engagement_id
    ready = signoff.readiness(session, eid)
    assert [i.kind for i in ready.blockers] == [signoff.CheckKind.NOTHING_RATED]
    assert any(i.kind is signoff.CheckKind.NO_TARGET and i.element is None for i in ready.items)
    with pytest.raises(signoff.NotReadyError, match="Nothing is rated yet"):
        signoff.sign_off(session, eid, [LEAD], accept_warnings=True)


def test_warnings_must_be_accepted_explicitly(session: Session, demo_id: str) -> None:
    with pytest.raises(signoff.NotReadyError, match="accept the warnings explicitly"):
        signoff.sign_off(session, demo_id, [LEAD])
    assert engagements.summary(session, demo_id).status is EngagementStatus.DRAFT


def test_the_workflow_goes_draft_review_signed(session: Session, demo_id: str) -> None:
    signoff.submit_for_review(session, demo_id)
    assert engagements.summary(session, demo_id).status is EngagementStatus.IN_REVIEW
    assessment.rate(session, demo_id, "D1.1.1", 3)  # still editable while in review
    signoff.return_to_draft(session, demo_id)
    signoff.submit_for_review(session, demo_id)
    result = signoff.sign_off(session, demo_id, [LEAD, CLIENT], accept_warnings=True)
    assert engagements.summary(session, demo_id).status is EngagementStatus.SIGNED_OFF
    assert result.revision == 1 and len(result.content_hash) == 64
    [record] = signoff.history(session, demo_id)
    assert [s.signer for s in record.signers] == ["A. Assessor", "Dana Client"]
    with pytest.raises(signoff.NotReadyError, match="already signed off"):
        signoff.sign_off(session, demo_id, [LEAD], accept_warnings=True)


@pytest.mark.parametrize(("signers", "message"), [
    ([], "at least one signer"),
    ([signoff.Signer(" ", "Lead")], "needs a name"),
    ([signoff.Signer("A", "")], "needs a role"),
    ([LEAD, LEAD], "listed once"),
])
def test_bad_signers_are_refused_before_anything_changes(
        session: Session, demo_id: str, signers: list[signoff.Signer], message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        signoff.sign_off(session, demo_id, signers, accept_warnings=True)
    assert signoff.history(session, demo_id) == []


def test_a_damaged_signature_image_is_refused(session: Session, demo_id: str) -> None:
    bad = signoff.Signer("A. Assessor", "Lead", signature_png=png()[:30])
    with pytest.raises(ImageError):
        signoff.sign_off(session, demo_id, [bad], accept_warnings=True)


def test_a_signed_report_verifies_against_the_database(session: Session, demo_id: str,
                                                       tmp_path: Path) -> None:
    lead = signoff.Signer("A. Assessor", "Lead assessor", signature_png=png((300, 90)))
    creds = signoff.signing_credentials(passphrase="a good passphrase", signer=lead.name)
    lead = signoff.Signer(lead.name, lead.role, signature_png=lead.signature_png,
                          certificate_pem=creds.certificate_pem())
    with pytest.raises(InvalidValueError, match="not signed off"):
        signoff.export_signed_report(session, demo_id, tmp_path / "x.pdf", creds)
    result = signoff.sign_off(session, demo_id, [lead, CLIENT], accept_warnings=True)
    out = signoff.export_signed_report(session, demo_id, tmp_path / "signed.pdf", creds)
    assert out.digitally_signed and out.pages > 5
    check = signoff.verify_report(out.path, session)
    assert check.ok and check.signature.trusted and check.in_database
    assert check.signature.embedded_hash == result.content_hash == check.database_hash
    assert check.engagement_id == demo_id and check.revision == 1
    # Without the database the embedded data is checked against the signed hash alone.
    alone = signoff.verify_report(out.path, None)
    assert alone.ok and not alone.in_database
    # A different database whose engagement has another content: not matching.
    signoff.amend(session, demo_id, "New evidence")
    assessment.rate(session, demo_id, "D1.1.1", 1)
    signoff.sign_off(session, demo_id, [LEAD], accept_warnings=True)
    assert signoff.verify_report(out.path, session).ok  # revision 1 is still what it was
    flipped = bytearray(out.path.read_bytes())
    flipped[len(flipped) // 3] ^= 0x01
    (tmp_path / "flipped.pdf").write_bytes(bytes(flipped))
    assert not signoff.verify_report(tmp_path / "flipped.pdf", session).ok


def test_the_report_of_an_unsigned_credential_is_still_locked_data(
        session: Session, signed_id: str, tmp_path: Path) -> None:
    out = signoff.export_signed_report(session, signed_id, tmp_path / "plain.pdf")
    assert not out.digitally_signed
    check = signoff.verify_report(out.path, session)
    assert not check.ok and not check.signature.signed
    assert signing.embedded_file_names(out.path.read_bytes()) == [
        signoff.embedded_name(signed_id, 1)]

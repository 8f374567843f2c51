"""Each edit is validated, committed with an audit row, and answered with what changed."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from workbench.core.engagement import Action, EngagementDetails, FindingKind, Priority
from workbench.core.errors import (
    ImageError,
    InvalidValueError,
    LockedError,
    NotFoundError,
    WorkbenchError,
)
from workbench.core.ratings import NA
from workbench.core.scoring import Status
from workbench.services import actions, assessment, attachments, engagements, scores
from workbench.services.session import ChangeKind, Session


@pytest.fixture
def eid(session: Session) -> str:
    return engagements.create(session, EngagementDetails("Initech", "HQ", "CX", "Lead")
                              ).engagement_id


def audit_count(session: Session) -> int:
    return int(session.db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_rate_returns_the_change_and_moves_the_score(session: Session, eid: str) -> None:
    change = assessment.rate(session, eid, "D2.6.3", 4)
    assert (change.kind, change.element, change.indicator, change.old, change.new) == (
        ChangeKind.INDICATOR, "D2.6", "D2.6.3", None, 4)
    assert change.affects_score
    again = assessment.rate(session, eid, "D2.6.3", NA)
    assert (again.old, again.new) == (4, NA)
    assert scores.score(session, eid).elements["D2.6"].not_applicable == 1
    cleared = assessment.rate(session, eid, "D2.6.3", None)
    assert cleared.old == NA
    assert scores.score(session, eid).elements["D2.6"].status is Status.NOT_ASSESSED


def test_every_edit_writes_one_audit_row(session: Session, eid: str) -> None:
    before = audit_count(session)
    assessment.rate(session, eid, "D1.1.1", 3)
    assessment.judge(session, eid, "D1.1", "fully")
    assessment.set_target(session, eid, "D1.1", 4)
    assessment.set_notes(session, eid, "D1.1", "Seen the plan")
    assessment.add_finding(session, eid, "D1.1", FindingKind.STRENGTH, "Clear plan")
    assert audit_count(session) == before + 5
    row = session.db.conn.execute("SELECT actor, action, target, old, new FROM audit_log "
                                  "WHERE action = 'rate'").fetchone()
    assert row == ("Lead", "rate", "D1.1.1", None, "3")


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda s, e: assessment.rate(s, e, "D9.9.9", 3), NotFoundError, "not an indicator"),
    (lambda s, e: assessment.rate(s, e, "D1.1.1", 6), InvalidValueError, "not a level"),
    (lambda s, e: assessment.rate(s, e, "D1.1.1", 0), InvalidValueError, "not a level"),
    (lambda s, e: assessment.rate(s, e, "D1.1.1", 3, "Stranger"), NotFoundError,
     "not an assessor"),
    (lambda s, e: assessment.judge(s, e, "D1.1", "mostly"), InvalidValueError,
     "not an objective"),
    (lambda s, e: assessment.judge(s, e, "E1", "fully"), NotFoundError, "not an element"),
    (lambda s, e: assessment.set_target(s, e, "D1.1", 9), InvalidValueError,
     "not a maturity level"),
    (lambda s, e: assessment.set_notes(s, e, "D1.1", "x" * 100_001), InvalidValueError,
     "longer than"),
    (lambda s, e: assessment.add_finding(s, e, "D1.1", FindingKind.OPPORTUNITY, "  "),
     InvalidValueError, "empty"),
    (lambda s, e: assessment.rate(s, "nope", "D1.1.1", 3), NotFoundError, "no engagement"),
    (lambda s, e: actions.add(s, e, Action("D1.1", "Do it", due_date="soon")),
     InvalidValueError, "not a date"),
])
def test_bad_edits_are_refused_and_change_nothing(session: Session, eid: str, call: object,
                                                  error: type[Exception], message: str) -> None:
    before = engagements.document(session, eid), audit_count(session)
    with pytest.raises(error, match=message):
        call(session, eid)  # type: ignore[operator]
    assert (engagements.document(session, eid), audit_count(session)) == before


def test_ratings_are_kept_per_assessor(session: Session, eid: str) -> None:
    from workbench.core.engagement import Assessor

    engagements.add_assessor(session, eid, Assessor("Second"))
    assessment.rate(session, eid, "D1.1.1", 2)
    assessment.rate(session, eid, "D1.1.1", 5, "Second")
    result = scores.score(session, eid)
    assert result.elements["D1.1"].needs_consensus
    assert scores.score(session, eid, "Second").elements["D1.1"].indicators["D1.1.1"].fraction \
        == 1.0
    assessment.rate_consensus(session, eid, "D1.1.1", 4, "Agreed after the interview")
    assert not scores.score(session, eid).elements["D1.1"].needs_consensus


def test_findings_can_be_edited_and_removed(session: Session, eid: str) -> None:
    first = assessment.add_finding(session, eid, "D3.1", FindingKind.OPPORTUNITY, "Document it")
    assessment.add_finding(session, eid, "D3.1", FindingKind.OPPORTUNITY, "Train staff")
    assert first.item_id is not None
    assessment.update_finding(session, eid, first.item_id, "Document the process")
    assert [t for _, t in assessment.findings(session, eid, "D3.1", FindingKind.OPPORTUNITY)] \
        == ["Document the process", "Train staff"]
    assessment.remove_finding(session, eid, first.item_id)
    assert len(assessment.findings(session, eid, "D3.1", FindingKind.OPPORTUNITY)) == 1


def test_actions(session: Session, eid: str) -> None:
    change = actions.add(session, eid, Action("D6.2", "Start a forum", "COO", Priority.HIGH,
                                              "2027-01-31"))
    assert change.item_id is not None
    actions.update(session, eid, change.item_id, Action("D6.2", "Start a forum", "CEO",
                                                        Priority.LOW))
    [item] = actions.list_actions(session, eid)
    assert (item.owner, item.priority, item.due_date) == ("CEO", Priority.LOW, None)
    actions.remove(session, eid, change.item_id)
    assert actions.list_actions(session, eid) == []


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (10, 90, 120)).save(out, "PNG")
    return out.getvalue()


def test_attachments_are_content_addressed(session: Session, eid: str) -> None:
    data = png_bytes()
    a = attachments.attach_bytes(session, eid, "D2.6", "map.png", data, "Journey map")
    b = attachments.attach_bytes(session, eid, "D2.7", "same.png", data)
    assert session.db.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
    [info] = attachments.attachments(session, eid, "D2.6")
    assert (info.width, info.height, info.media_type, info.caption) == (320, 200, "image/png",
                                                                        "Journey map")
    assert attachments.content(session, eid, info.id) == data
    assert a.item_id is not None and b.item_id is not None
    attachments.remove(session, eid, a.item_id)
    assert session.db.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
    attachments.remove(session, eid, b.item_id)
    assert session.db.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0


def test_a_non_image_named_png_is_refused(session: Session, eid: str) -> None:
    with pytest.raises(ImageError, match="not an image"):
        attachments.attach_bytes(session, eid, "D1.1", "photo.png", b"%PDF-1.7 not a png")
    assert attachments.attachments(session, eid) == []


def test_a_200_mb_attachment_is_refused_without_reading_it(session: Session, eid: str,
                                                           tmp_path: Path) -> None:
    big = tmp_path / "video.mov"
    with big.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: takes no disk space
    assert os.path.getsize(big) == 200 * 1024 * 1024
    with pytest.raises(WorkbenchError, match="more than the 50 MB allowed"):
        attachments.attach_file(session, eid, "D1.1", big)
    assert attachments.attachments(session, eid) == []


def test_a_fifo_or_a_device_is_refused_without_waiting(session: Session, eid: str,
                                                       tmp_path: Path) -> None:
    import signal

    fifo = tmp_path / "photo.jpg"
    os.mkfifo(fifo)
    signal.alarm(20)  # a hang fails the test instead of blocking the suite
    try:
        for path in (fifo, Path("/dev/zero")):
            with pytest.raises(WorkbenchError, match="not a regular file"):
                attachments.attach_file(session, eid, "D1.1", path)
    finally:
        signal.alarm(0)
    assert attachments.attachments(session, eid) == []


def test_a_missing_file_is_a_clear_error(session: Session, eid: str, tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="no such file"):
        attachments.attach_file(session, eid, "D1.1", tmp_path / "nope.jpg")


def test_a_signed_off_engagement_refuses_every_edit(session: Session, eid: str) -> None:
    from workbench.services import signoff

    assessment.rate(session, eid, "D1.1.1", 3)
    signoff.sign_off(session, eid, [signoff.Signer("Lead", "Lead assessor")],
                     accept_warnings=True)
    for call in (lambda: assessment.rate(session, eid, "D1.1.1", 3),
                 lambda: assessment.set_notes(session, eid, "D1.1", "late"),
                 lambda: attachments.attach_bytes(session, eid, "D1.1", "a.txt", b"x")):
        with pytest.raises(LockedError, match="signed off"):
            call()

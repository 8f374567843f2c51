"""Removing an assessor never orphans or loses their work: refuse, or move it to a colleague."""

from __future__ import annotations

import pytest

from workbench.core.engagement import Assessor, EngagementDetails, FindingKind
from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.core.team import Reassignment
from workbench.services import assessment, attachments, engagements
from workbench.services.session import Session
from workbench.storage.ratings import rating_set


@pytest.fixture
def eid(session: Session) -> str:
    change = engagements.create(session, EngagementDetails("Client", "Site", "Title", "Ann"),
                                team=[Assessor("Ann"), Assessor("Bob"), Assessor("Cy")])
    return change.engagement_id


def test_an_assessor_with_work_is_not_removed_without_a_destination(
        session: Session, eid: str) -> None:
    assessment.rate(session, eid, "D1.1.1", 3, "Bob")
    assessment.add_finding(session, eid, "D1.1", FindingKind.STRENGTH, "Good", "Bob")
    before = rating_set(session.db, eid)
    with pytest.raises(InvalidValueError, match=r"^Bob has recorded 1 rating and 1 finding; to "
                                                r"keep them, move them to another assessor "
                                                r"\(Ann, Cy\) before removing Bob$"):
        engagements.remove_assessor(session, eid, "Bob")
    assert rating_set(session.db, eid) == before
    assert [a.name for a in engagements.team(session, eid)] == ["Ann", "Bob", "Cy"]


def test_an_assessor_without_work_is_simply_removed(session: Session, eid: str) -> None:
    change = engagements.remove_assessor(session, eid, "Cy")
    assert change.new is None
    assert [a.name for a in engagements.team(session, eid)] == ["Ann", "Bob"]


def test_reassigning_moves_everything_and_the_targets_own_values_win(
        session: Session, eid: str, tmp_path: object) -> None:
    for code, level in (("D1.1.1", 3), ("D1.1.2", 2), ("D1.1.3", "na")):
        assessment.rate(session, eid, code, level, "Bob")  # type: ignore[arg-type]
    assessment.rate(session, eid, "D1.1.2", 4, "Cy")
    assessment.rate(session, eid, "D1.1.3", "na", "Cy")
    assessment.judge(session, eid, "D1.1", "fully", "Bob")
    assessment.judge(session, eid, "D1.1", "partially", "Cy")
    assessment.set_notes(session, eid, "D1.1", "Bob saw the plan", "Bob")
    assessment.set_notes(session, eid, "D1.1", "Cy met the team", "Cy")
    assessment.set_indicator_note(session, eid, "D1.1.1", "a note of Bob's", "Bob")
    assessment.add_finding(session, eid, "D1.1", FindingKind.STRENGTH, "Cy's strength", "Cy")
    assessment.add_finding(session, eid, "D1.1", FindingKind.STRENGTH, "Bob's strength", "Bob")
    change = engagements.remove_assessor(session, eid, "Bob", reassign_to="Cy")
    moved = change.new
    assert isinstance(moved, Reassignment)
    assert moved.moved.ratings == 3 and moved.moved.findings == 1 and moved.moved.notes == 2
    assert moved.kept == (("D1.1.2", "2", "4"), ("D1.1", "fully", "partially"))
    assert "Cy's own values kept where they differed" in moved.describe()
    ratings = rating_set(session.db, eid)
    assert set(ratings.assessors) == {"Ann", "Cy"}
    assert dict(ratings.assessors["Cy"].indicators) == {"D1.1.1": 3, "D1.1.2": 4,
                                                        "D1.1.3": "na"}
    assert ratings.assessors["Cy"].objectives["D1.1"] == "partially"
    assert assessment.notes(session, eid, "D1.1", "Cy") == "Cy met the team\n\nBob saw the plan"
    assert assessment.element_sheet(session, eid, "D1.1", "Cy").indicator_notes["D1.1.1"] == \
        "a note of Bob's"
    assert [t for _, t in assessment.findings(session, eid, "D1.1", FindingKind.STRENGTH,
                                              "Cy")] == ["Cy's strength", "Bob's strength"]


def test_attachments_follow_their_assessor(session: Session, eid: str, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "memo.txt"
    path.write_text("minutes")
    assessment.rate(session, eid, "D1.1.1", 3, "Bob")
    attachments.attach_file(session, eid, "D1.1", path, "", "Bob")
    engagements.remove_assessor(session, eid, "Bob", reassign_to="Ann")
    owners = session.db.conn.execute(
        "SELECT a.name FROM attachments t JOIN assessors a ON a.id = t.assessor_id").fetchall()
    assert owners == [("Ann",)]


def test_bad_reassignments_change_nothing(session: Session, eid: str) -> None:
    assessment.rate(session, eid, "D1.1.1", 3, "Bob")
    with pytest.raises(InvalidValueError, match="cannot move to Bob"):
        engagements.remove_assessor(session, eid, "Bob", reassign_to="Bob")
    with pytest.raises(NotFoundError, match="'Dee' is not an assessor"):
        engagements.remove_assessor(session, eid, "Bob", reassign_to="Dee")
    with pytest.raises(InvalidValueError, match="lead assessor"):
        engagements.remove_assessor(session, eid, "Ann", reassign_to="Bob")
    assert rating_set(session.db, eid).assessors["Bob"].indicators == {"D1.1.1": 3}
    assert engagements.assessor_work(session, eid, "Bob").describe() == "1 rating"

"""A signed-off engagement cannot change: not from services, not from raw SQL."""

from __future__ import annotations

import sqlite3

import pytest

from workbench.core.engagement import Action, Assessor, EngagementDetails, FindingKind
from workbench.core.errors import InvalidValueError, LockedError
from workbench.services import actions, assessment, engagements, signoff
from workbench.services.session import Session
from workbench.storage import signoffs

from .conftest import LEAD


def _raw(session: Session, sql: str, *params: object) -> None:
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off:"):
        session.db.conn.execute(sql, params)


def test_raw_sql_cannot_change_a_rating_of_a_signed_revision(session: Session,
                                                             signed_id: str) -> None:
    before = session.db.conn.execute(
        "SELECT indicator, level FROM indicator_ratings WHERE engagement_id = ? ORDER BY 1",
        (signed_id,)).fetchall()
    _raw(session, "UPDATE indicator_ratings SET level = 1 WHERE engagement_id = ?", signed_id)
    _raw(session, "DELETE FROM indicator_ratings WHERE engagement_id = ?", signed_id)
    aid = session.db.conn.execute("SELECT id FROM assessors WHERE engagement_id = ?",
                                  (signed_id,)).fetchone()[0]
    _raw(session, "INSERT INTO indicator_ratings (engagement_id, assessor_id, indicator, level, "
                  "updated_at) VALUES (?, ?, 'D6.5.9', 3, 'now')", signed_id, aid)
    after = session.db.conn.execute(
        "SELECT indicator, level FROM indicator_ratings WHERE engagement_id = ? ORDER BY 1",
        (signed_id,)).fetchall()
    assert after == before


@pytest.mark.parametrize("sql", [
    "UPDATE element_ratings SET notes = 'x' WHERE engagement_id = ?",
    "UPDATE element_ratings SET objective = 'fully' WHERE engagement_id = ?",
    "DELETE FROM element_ratings WHERE engagement_id = ?",
    "DELETE FROM consensus_indicators WHERE engagement_id = ?",
    "INSERT INTO consensus_elements (engagement_id, element, objective, updated_at) "
    "VALUES (?, 'D6.5', 'fully', 'now')",
    "INSERT INTO consensus_indicators (engagement_id, indicator, level, updated_at) "
    "VALUES (?, 'D6.5.1', 5, 'now')",
    "INSERT INTO element_targets (engagement_id, element, target) VALUES (?, 'D6.5', 5)",
    "INSERT INTO actions (engagement_id, element, action, created_at, updated_at) "
    "VALUES (?, 'D1.1', 'x', 'now', 'now')",
    "UPDATE element_targets SET target = 1 WHERE engagement_id = ?",
    "DELETE FROM element_targets WHERE engagement_id = ?",
    "UPDATE findings SET text = 'x' WHERE engagement_id = ?",
    "DELETE FROM findings WHERE engagement_id = ?",
    "UPDATE attachments SET caption = 'x' WHERE engagement_id = ?",
    "DELETE FROM attachments WHERE engagement_id = ?",
    "UPDATE actions SET action = 'x' WHERE engagement_id = ?",
    "DELETE FROM actions WHERE engagement_id = ?",
    "UPDATE assessors SET name = 'x' WHERE engagement_id = ?",
    "DELETE FROM assessors WHERE engagement_id = ?",
    "UPDATE engagements SET client = 'x' WHERE id = ?",
    "UPDATE engagements SET status = 'draft' WHERE id = ?",
    "UPDATE engagements SET revision = 7 WHERE id = ?",
    "DELETE FROM engagements WHERE id = ?",
    "UPDATE revisions SET content_hash = '0000000000000000000000000000000000000000000000000000"
    "000000000000' WHERE engagement_id = ?",
    "DELETE FROM revisions WHERE engagement_id = ?",
    "UPDATE signoffs SET signer = 'x' WHERE engagement_id = ?",
    "DELETE FROM signoffs WHERE engagement_id = ?",
])
def test_raw_sql_cannot_change_any_part_of_a_signed_engagement(session: Session,
                                                              signed_id: str, sql: str) -> None:
    _raw(session, sql, signed_id)


def test_raw_sql_cannot_change_a_photo_of_a_signed_engagement(session: Session,
                                                              signed_id: str) -> None:
    digest = session.db.conn.execute("SELECT sha256 FROM attachments WHERE engagement_id = ?",
                                     (signed_id,)).fetchone()[0]
    _raw(session, "UPDATE blobs SET data = x'00' WHERE sha256 = ?", digest)
    _raw(session, "DELETE FROM blobs WHERE sha256 = ?", digest)


def test_archiving_and_score_caching_still_work(session: Session, signed_id: str) -> None:
    engagements.set_archived(session, signed_id, True)
    engagements.set_archived(session, signed_id, False)
    assert engagements.summary(session, signed_id).total is not None


@pytest.mark.parametrize("edit", [
    lambda s, e: assessment.rate(s, e, "D1.1.1", 2),
    lambda s, e: assessment.judge(s, e, "D1.1", "fully"),
    lambda s, e: assessment.set_notes(s, e, "D1.1", "changed"),
    lambda s, e: assessment.set_target(s, e, "D1.1", 5),
    lambda s, e: assessment.add_finding(s, e, "D1.1", FindingKind.STRENGTH, "x"),
    lambda s, e: actions.add(s, e, Action("D1.1", "Do more")),
    lambda s, e: engagements.add_assessor(s, e, Assessor("New Person")),
    lambda s, e: engagements.update_details(s, e, EngagementDetails(
        "Other client", "", "", "A. Assessor")),
])
def test_services_refuse_edits_with_a_clear_message(session: Session, signed_id: str,
                                                    edit: object) -> None:
    with pytest.raises(LockedError, match="signed off"):
        edit(session, signed_id)  # type: ignore[operator]


def test_a_trigger_refusal_reaches_the_user_as_a_locked_error(session: Session,
                                                             signed_id: str) -> None:
    # Bypass the service's own check: the database still refuses, with a sentence.
    with pytest.raises(LockedError, match=r"^Indicator ratings of a signed-off engagement"), \
            signoffs.translated_lock():
        session.db.conn.execute("DELETE FROM indicator_ratings WHERE engagement_id = ?",
                                (signed_id,))


def test_an_amendment_reopens_editing_and_keeps_the_signed_revision(
        session: Session, signed_id: str) -> None:
    first = signoffs.canonical(session.db, signed_id, 1)
    assert first is not None
    with pytest.raises(InvalidValueError, match="reason"):
        signoff.amend(session, signed_id, "   ")
    signoff.amend(session, signed_id, "The client found a missing document for D1.1")
    assessment.rate(session, signed_id, "D1.1.1", 5)
    assert signoffs.canonical(session.db, signed_id, 1) == first
    history = signoff.history(session, signed_id)
    assert [(r.revision, r.signed) for r in history] == [(1, True), (2, False)]
    assert history[1].reason.startswith("The client found")
    result = signoff.sign_off(session, signed_id, [LEAD], accept_warnings=True)
    assert result.revision == 2 and result.content_hash != first[0]
    info = signoff.signoff_info(session, signed_id)
    assert info is not None and [h.revision for h in info.history] == [1, 2]
    assert "Amendment: The client found" in info.history[1].description


def test_the_status_leaves_signed_off_only_through_an_amendment(session: Session,
                                                                signed_id: str) -> None:
    with pytest.raises(LockedError):
        signoff.return_to_draft(session, signed_id)
    _raw(session, "INSERT INTO revisions (engagement_id, revision, reason, opened_at, signed_at,"
                  " content_hash, canonical) VALUES (?, 2, 'x', 'now', 'now', ?, '{}')",
         signed_id, "0" * 64)
    session.db.conn.execute("INSERT INTO revisions (engagement_id, revision, reason, opened_at) "
                            "VALUES (?, 2, 'sneaky', 'now')", (signed_id,))
    _raw(session, "UPDATE engagements SET status = 'draft' WHERE id = ?", signed_id)
    _raw(session, "UPDATE engagements SET status = 'draft', revision = 3 WHERE id = ?",
         signed_id)


def test_a_signed_engagement_cannot_be_deleted(session: Session, signed_id: str) -> None:
    with pytest.raises(InvalidValueError):
        engagements.delete(session, signed_id)


def test_an_amended_engagement_can_be_deleted_with_its_history(session: Session,
                                                               signed_id: str) -> None:
    signoff.amend(session, signed_id, "Start over")
    engagements.delete(session, signed_id)
    assert session.db.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0


def test_a_photo_removed_by_an_amendment_stays_in_the_database(session: Session,
                                                                signed_id: str) -> None:
    from workbench.services import attachments

    [photo] = [a for a in attachments.attachments(session, signed_id)
               if a.filename == "board.png"]
    signoff.amend(session, signed_id, "Wrong photo attached")
    attachments.remove(session, signed_id, photo.id)
    assert session.db.conn.execute("SELECT count(*) FROM blobs WHERE sha256 = ?",
                                   (photo.sha256,)).fetchone()[0] == 1

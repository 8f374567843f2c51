"""Engagement use cases on a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.engagement import Assessor, EngagementDetails
from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.services import assessment, attachments, engagements, scores
from workbench.services.session import ChangeKind, Session

DETAILS = EngagementDetails("Acme Bank", "Riga branch", "CX review", "Ieva Ozola", "2026-11-02",
                            "2026-11-03")


def test_create_puts_the_lead_in_the_team(session: Session) -> None:
    change = engagements.create(session, DETAILS, team=[Assessor("Jānis Bērziņš", "Assessor")])
    assert change.kind is ChangeKind.ENGAGEMENT_CREATED
    team = engagements.team(session, change.engagement_id)
    assert [a.name for a in team] == ["Ieva Ozola", "Jānis Bērziņš"]
    row = engagements.summary(session, change.engagement_id)
    assert (row.client, row.total, row.level, str(row.status)) == ("Acme Bank", 0.0, 1, "draft")


@pytest.mark.parametrize(("details", "message"), [
    (EngagementDetails("", "s", "t", "L"), "needs a client"),
    (EngagementDetails("C", "s", "t", " "), "needs a lead assessor"),
    (EngagementDetails("C", "s", "t", "L", "2026-02-30"), "not a date"),
    (EngagementDetails("C", "s", "t", "L", "2026-03-02", "2026-03-01"), "before the start"),
    (EngagementDetails("C" * 300, "s", "t", "L"), "longer than"),
])
def test_bad_details_are_refused_and_nothing_is_created(session: Session,
                                                        details: EngagementDetails,
                                                        message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        engagements.create(session, details)
    assert engagements.summaries(session, include_archived=True) == []


def test_list_search_archive_and_restore(session: Session) -> None:
    a = engagements.create(session, DETAILS).engagement_id
    engagements.create(session, EngagementDetails("Globex", "HQ", "Baseline", "Sam Lee"))
    assert [r.client for r in engagements.summaries(session, search="glob")] == ["Globex"]
    engagements.set_archived(session, a)
    assert [r.client for r in engagements.summaries(session)] == ["Globex"]
    assert len(engagements.summaries(session, include_archived=True)) == 2
    engagements.set_archived(session, a, False)
    assert len(engagements.summaries(session)) == 2


def test_list_shows_the_current_score(session: Session, demo_id: str) -> None:
    row = engagements.summary(session, demo_id)
    assert row.total == scores.score(session, demo_id).total
    assessment.rate(session, demo_id, "D6.5.1", 5)
    assert engagements.summary(session, demo_id).total == scores.score(session, demo_id).total


def test_delete_removes_everything_but_keeps_the_audit_trace(session: Session,
                                                             demo_id: str) -> None:
    attachments.attach_bytes(session, demo_id, "D1.1", "board.txt", b"minutes of the meeting")
    engagements.delete(session, demo_id)
    with pytest.raises(NotFoundError):
        engagements.summary(session, demo_id)
    db = session.db.conn
    for table in ("assessors", "indicator_ratings", "element_ratings", "findings", "actions",
                  "attachments", "blobs"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE engagement_id = ?",
                                        (demo_id,))]
    assert actions[-1] == "delete engagement"


def test_duplicate_with_ratings_is_a_baseline(session: Session, demo_id: str) -> None:
    new_id = engagements.duplicate(session, demo_id).engagement_id
    assert scores.score(session, new_id) == scores.score(session, demo_id)
    old_doc, new_doc = engagements.document(session, demo_id), engagements.document(session,
                                                                                    new_id)
    assert new_doc.evidence == old_doc.evidence
    assert new_doc.actions == tuple(a._replace(id=n.id)
                                    for a, n in zip(old_doc.actions, new_doc.actions,
                                                    strict=True))
    assert new_doc.details.title.endswith("(copy)")
    assessment.rate(session, new_id, "D1.1.1", 1)
    assert scores.score(session, new_id) != scores.score(session, demo_id)


def test_duplicate_structure_only_has_team_and_targets_but_no_ratings(session: Session,
                                                                      demo_id: str) -> None:
    new_id = engagements.duplicate(session, demo_id, with_ratings=False).engagement_id
    doc = engagements.document(session, new_id)
    assert doc.ratings.targets == engagements.document(session, demo_id).ratings.targets
    assert all(r.is_empty() for r in doc.ratings.assessors.values())
    assert scores.score(session, new_id).total == 0.0
    assert len(doc.assessors) == 3


def test_json_export_and_import_round_trip(session: Session, demo_id: str,
                                           tmp_path: Path) -> None:
    path = engagements.export_json(session, demo_id, tmp_path / "e.json")
    new_id = engagements.import_json(session, path).engagement_id
    a, b = engagements.document(session, demo_id), engagements.document(session, new_id)
    assert (a.ratings, a.evidence, a.details) == (b.ratings, b.evidence, b.details)
    assert scores.score(session, new_id) == scores.score(session, demo_id)


def test_a_broken_import_changes_nothing(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "workbench.engagement/1", "framework": ')
    with pytest.raises(Exception, match="not valid JSON"):
        engagements.import_json(session, path)
    assert engagements.summaries(session, include_archived=True) == []
    assert session.db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_team_changes(session: Session) -> None:
    eid = engagements.create(session, DETAILS).engagement_id
    engagements.add_assessor(session, eid, Assessor("Zoë Kim", "Assessor", "ZK"))
    with pytest.raises(InvalidValueError, match="already"):
        engagements.add_assessor(session, eid, Assessor("Zoë Kim"))
    with pytest.raises(InvalidValueError, match="lead assessor"):
        engagements.remove_assessor(session, eid, "Ieva Ozola")
    engagements.remove_assessor(session, eid, "Zoë Kim")
    assert [a.name for a in engagements.team(session, eid)] == ["Ieva Ozola"]

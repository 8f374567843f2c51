"""Every way in applies the same limits (core/limits.py): edits, JSON import, attachments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.core import limits
from workbench.core.engagement import Action, Assessor, FindingKind
from workbench.core.errors import TooLongError
from workbench.services import actions, assessment, engagements
from workbench.services.session import Session


def _count(session: Session) -> int:
    return len(engagements.summaries(session, include_archived=True))


def test_texts_at_the_limit_survive_an_export_and_import_whole(
        session: Session, demo_id: str, tmp_path: Path) -> None:
    longest_note = "n" * limits.NOTE
    longest_finding = "f" * limits.FINDING
    assessment.set_notes(session, demo_id, "D1.1", longest_note)
    assessment.add_finding(session, demo_id, "D1.1", FindingKind.STRENGTH, longest_finding)
    actions.add(session, demo_id, Action("D1.1", "a" * limits.ACTION, "o" * limits.NAME))
    path = engagements.export_json(session, demo_id, tmp_path / "e.json")
    copy = engagements.import_json(session, path).engagement_id
    doc = engagements.document(session, copy)
    lead = doc.details.lead_assessor
    mine = next(e for e in doc.evidence if e.element == "D1.1" and e.assessor == lead)
    assert mine.notes == longest_note and longest_finding in mine.strengths
    assert any(len(a.action) == limits.ACTION for a in doc.actions)


def test_the_service_refuses_one_character_more(session: Session, demo_id: str) -> None:
    with pytest.raises(TooLongError, match="longer than 5,000"):
        assessment.add_finding(session, demo_id, "D1.1", FindingKind.STRENGTH,
                               "f" * (limits.FINDING + 1))
    with pytest.raises(TooLongError, match="initials"):
        engagements.add_assessor(session, demo_id,
                                 Assessor("New", "", "X" * (limits.INITIALS + 1)))
    assert "New" not in [a.name for a in engagements.team(session, demo_id)]


def test_a_json_import_over_a_limit_is_refused_whole_not_cut(
        session: Session, demo_id: str, tmp_path: Path) -> None:
    path = engagements.export_json(session, demo_id, tmp_path / "e.json")
    data = json.loads(path.read_text())
    entry = next(r for r in data["ratings"] if r.get("strengths") is not None)
    entry["strengths"] = ["s" * (limits.FINDING + 1)]  # the JSON format itself would allow it
    path.write_text(json.dumps(data))
    before = _count(session)
    with pytest.raises(TooLongError) as caught:
        engagements.import_json(session, path)
    message = str(caught.value)
    assert message.startswith(f"{path}: the strength of {entry['element']}")
    assert "\n" not in message
    assert _count(session) == before


def test_a_caption_over_its_limit_is_refused(session: Session, demo_id: str) -> None:
    from workbench.services import attachments

    before = attachments.attachments(session, demo_id)
    with pytest.raises(TooLongError, match="caption"):
        attachments.attach_bytes(session, demo_id, "D1.1", "n.txt", b"notes",
                                 caption="c" * (limits.CAPTION + 1))
    assert attachments.attachments(session, demo_id) == before

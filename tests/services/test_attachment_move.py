"""Moving an attachment to another element: one edit, refused when it cannot be done."""

from __future__ import annotations

import pytest

from workbench.core.errors import InvalidValueError, NotFoundError, WorkbenchError
from workbench.services import attachments, signoff
from workbench.services.session import ChangeKind, Session

SOURCE, TARGET = "D2.6", "D1.1"


def _names(session: Session, eid: str, element: str) -> list[str]:
    return [a.filename for a in attachments.attachments(session, eid, element)]


def test_a_photo_moves_with_its_id_file_and_caption(session: Session, demo_id: str) -> None:
    made = attachments.attach_bytes(session, demo_id, SOURCE, "wall.txt", b"journey wall",
                                    "The journey wall")
    assert made.item_id is not None
    before_target = _names(session, demo_id, TARGET)
    change = attachments.move(session, demo_id, made.item_id, TARGET)
    assert (change.kind, change.element, change.old, change.item_id) == (
        ChangeKind.ATTACHMENTS, TARGET, SOURCE, made.item_id)
    assert "wall.txt" not in _names(session, demo_id, SOURCE)
    assert _names(session, demo_id, TARGET) == [*before_target, "wall.txt"]
    [moved] = [a for a in attachments.attachments(session, demo_id, TARGET) if a.id == made.item_id]
    assert moved.caption == "The journey wall"
    assert attachments.content(session, demo_id, moved.id) == b"journey wall"
    last = session.db.conn.execute("SELECT action FROM audit_log WHERE engagement_id = ? "
                                   "ORDER BY id DESC LIMIT 1", (demo_id,)).fetchone()
    assert last[0] == "move attachment"
    # Merge cells: the old place is a tombstone, the new one a live cell (a copy merges it).
    cells = {c for (c,) in session.db.conn.execute(
        "SELECT cell FROM merge_cells WHERE engagement_id = ?", (demo_id,))}
    assert any(TARGET in c and "attachment" in c for c in cells)
    assert any(SOURCE in c and "attachment" in c for c in cells)


def test_hostile_moves_are_refused_and_change_nothing(session: Session, demo_id: str) -> None:
    made = attachments.attach_bytes(session, demo_id, SOURCE, "a.txt", b"same bytes")
    twin = attachments.attach_bytes(session, demo_id, TARGET, "b.txt", b"same bytes")
    assert made.item_id is not None and twin.item_id is not None
    with pytest.raises(InvalidValueError, match=f"already attached to {TARGET}"):
        attachments.move(session, demo_id, made.item_id, TARGET)
    with pytest.raises(InvalidValueError, match=f"already attached to {SOURCE}"):
        attachments.move(session, demo_id, made.item_id, SOURCE)
    with pytest.raises(NotFoundError, match="not an element"):
        attachments.move(session, demo_id, made.item_id, "Z9.9")
    with pytest.raises(NotFoundError, match="no attachment"):
        attachments.move(session, demo_id, 987_654, TARGET)
    assert "a.txt" in _names(session, demo_id, SOURCE)


def test_a_signed_off_engagement_refuses_a_move(session: Session, demo_id: str) -> None:
    made = attachments.attach_bytes(session, demo_id, SOURCE, "a.txt", b"minutes")
    assert made.item_id is not None
    signoff.sign_off(session, demo_id, [signoff.Signer("Amira Haddad", "Lead assessor")],
                     accept_warnings=True)
    with pytest.raises(WorkbenchError, match="sign"):
        attachments.move(session, demo_id, made.item_id, TARGET)
    assert "a.txt" in _names(session, demo_id, SOURCE)
    with pytest.raises(Exception, match="signed off"):  # also by raw SQL
        session.db.conn.execute("UPDATE attachments SET element = ? WHERE id = ?",
                                (TARGET, made.item_id))

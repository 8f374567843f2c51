"""The site-visit log service: what the GUI and the CLI call."""

from __future__ import annotations

import pytest

from workbench.core import limits
from workbench.core.engagement import EngagementDetails
from workbench.core.errors import InvalidValueError, LockedError, NotFoundError, TooLongError
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.services import attachments, engagements, signoff
from workbench.services import site_log as log
from workbench.services.session import ChangeKind, Session

CCO = Person("Amira Patel", "Chief Customer Officer")


def _new(session: Session) -> str:
    change = engagements.create(session, EngagementDetails("Northwind", "HQ", "CX review",
                                                           "A. Assessor"))
    return str(change.new)


@pytest.fixture
def eid(session: Session) -> str:
    return _new(session)


def test_add_list_update_remove_interview(session: Session, eid: str) -> None:
    change = log.add_interview(session, eid, Interview(
        "2026-11-03", (CCO, Person("  Tom Reed ", " Head of CX ")), "  Strategy and governance ",
        ("D2.1", "D1.1", "D1.1")))
    stored = change.new
    assert change.kind is ChangeKind.INTERVIEWS and change.item_id == stored.id
    assert stored.uuid and stored.topics == "Strategy and governance"
    assert stored.people[1] == Person("Tom Reed", "Head of CX")
    assert stored.elements == ("D1.1", "D2.1")  # once each, in framework order
    assert log.interviews(session, eid) == [stored]
    assert log.interviews(session, eid, "D2.1") == [stored]
    assert log.interviews(session, eid, "D3.1") == []
    edited = log.update_interview(session, eid, stored.id, Interview(
        None, (CCO,), "Voice of the customer", ("D3.1",)))
    assert edited.old == stored and edited.new.held_on is None
    assert edited.new.uuid == stored.uuid
    assert log.interviews(session, eid, "D3.1") == [edited.new]
    removed = log.remove_interview(session, eid, stored.id)
    assert removed.old == edited.new and log.interviews(session, eid) == []
    restored = log.add_interview(session, eid, removed.old)  # undo of the removal
    assert restored.new.uuid == stored.uuid
    assert log.interviews(session, eid) == [restored.new]
    with pytest.raises(InvalidValueError, match="already in the log"):
        log.add_interview(session, eid, removed.old)  # a second redo of the undo
    assert len(log.interviews(session, eid)) == 1


def test_interviews_list_in_date_order_undated_last(session: Session, eid: str) -> None:
    for when, topic in ((None, "undated"), ("2026-11-04", "late"), ("2026-11-02", "early"),
                        ("2026-11-04", "late, second")):
        log.add_interview(session, eid, Interview(when, (CCO,), topic))
    assert [i.topics for i in log.interviews(session, eid)] == [
        "early", "late", "late, second", "undated"]


@pytest.mark.parametrize(("item", "error", "words"), [
    (Interview("2026-11-31", (CCO,), "x"), InvalidValueError, "not a date"),
    (Interview("3 Nov 2026", (CCO,), "x"), InvalidValueError, "not a date"),
    (Interview("2026-11-3", (CCO,), "x"), InvalidValueError, "not a date"),
    (Interview(None, (CCO,), "   "), InvalidValueError, "topics"),
    (Interview(None, (), "x"), InvalidValueError, "at least one person"),
    (Interview(None, (Person("  ", "CFO"),), "x"), InvalidValueError, "needs a name"),
    (Interview(None, (CCO,), "x", ("D9.9",)), NotFoundError, "'D9.9' is not an element"),
    (Interview(None, (CCO,), "x" * (limits.TOPICS + 1)), TooLongError, "topics"),
    (Interview(None, (Person("n" * (limits.NAME + 1)),), "x"), TooLongError, "name"),
    (Interview(None, (CCO,) * (limits.LOG_PEOPLE + 1), "x"), TooLongError, "people"),
])
def test_a_bad_interview_is_refused_and_changes_nothing(
        session: Session, eid: str, item: Interview, error: type[Exception],
        words: str) -> None:
    with pytest.raises(error, match=words):
        log.add_interview(session, eid, item)
    assert log.interviews(session, eid) == []


def test_documents_with_an_attachment(session: Session, eid: str) -> None:
    photo = attachments.attach_bytes(session, eid, "D1.1", "strategy.pdf",
                                     b"%PDF-1.4 strategy", "Strategy")
    change = log.add_document(session, eid, ReviewedDocument(
        " Customer experience strategy 2026-2028 ", "Amira Patel", "v2.1", ("D1.1",),
        attachment_id=photo.item_id))
    doc = change.new
    assert change.kind is ChangeKind.DOCUMENTS and doc.id == change.item_id
    assert doc.title == "Customer experience strategy 2026-2028"
    assert doc.attachment_id == photo.item_id
    assert log.documents(session, eid, "D1.1") == [doc]
    # removing the attachment keeps the document in the log, without the link
    attachments.remove(session, eid, photo.item_id or 0)
    [kept] = log.documents(session, eid)
    assert kept.attachment_id is None and kept.title == doc.title
    edited = log.update_document(session, eid, doc.id or 0,
                                 ReviewedDocument("CX strategy", version="2026-10-01"))
    assert edited.old == kept and edited.new.version == "2026-10-01"
    removed = log.remove_document(session, eid, doc.id or 0)
    assert log.documents(session, eid) == [] and removed.old == edited.new
    back = log.add_document(session, eid, removed.old).new
    assert (back.uuid, back.title) == (doc.uuid, "CX strategy")
    with pytest.raises(InvalidValueError, match="already in the log"):
        log.add_document(session, eid, removed.old)


def test_a_document_cannot_link_to_another_engagements_attachment(session: Session,
                                                                  eid: str) -> None:
    other = _new(session)
    foreign = attachments.attach_bytes(session, other, "D1.1", "x.pdf", b"%PDF-1.4 x")
    with pytest.raises(NotFoundError, match="not an attachment of this engagement"):
        log.add_document(session, eid, ReviewedDocument("Policy", attachment_id=foreign.item_id))
    with pytest.raises(InvalidValueError, match="needs a title"):
        log.add_document(session, eid, ReviewedDocument("  "))
    with pytest.raises(TooLongError, match="title"):
        log.add_document(session, eid, ReviewedDocument("t" * (limits.DOC_TITLE + 1)))
    with pytest.raises(TooLongError, match="version"):
        log.add_document(session, eid, ReviewedDocument("t", version="v" * 101))
    assert log.documents(session, eid) == []


def test_unknown_ids_are_refused(session: Session, eid: str) -> None:
    with pytest.raises(NotFoundError, match="no interview #99"):
        log.remove_interview(session, eid, 99)
    with pytest.raises(NotFoundError, match="no reviewed document #99"):
        log.update_document(session, eid, 99, ReviewedDocument("x"))


def test_a_signed_off_engagements_log_cannot_change(session: Session, demo_id: str) -> None:
    first = log.add_interview(session, demo_id, Interview("2026-11-02", (CCO,), "Strategy"))
    doc = log.add_document(session, demo_id, ReviewedDocument("Policy"))
    signoff.sign_off(session, demo_id, [signoff.Signer("A. Assessor", "Lead assessor", "X")],
                     accept_warnings=True)
    before = (log.interviews(session, demo_id), log.documents(session, demo_id))
    with pytest.raises(LockedError):
        log.add_interview(session, demo_id, Interview(None, (CCO,), "More"))
    with pytest.raises(LockedError):
        log.update_interview(session, demo_id, first.item_id or 0,
                             Interview(None, (CCO,), "Changed"))
    with pytest.raises(LockedError):
        log.remove_document(session, demo_id, doc.item_id or 0)
    assert (log.interviews(session, demo_id), log.documents(session, demo_id)) == before


def test_the_engagement_document_carries_the_log(session: Session, eid: str) -> None:
    interview = log.add_interview(session, eid, Interview(None, (CCO,), "Strategy")).new
    reviewed = log.add_document(session, eid, ReviewedDocument("Policy")).new
    doc = engagements.document(session, eid)
    assert doc.interviews == (interview,) and doc.documents == (reviewed,)


@pytest.mark.parametrize("sql", [
    "UPDATE interviews SET topics = 'x' WHERE engagement_id = ?",
    "DELETE FROM interviews WHERE engagement_id = ?",
    "INSERT INTO interviews (engagement_id, topics, created_at, updated_at) "
    "VALUES (?, 'x', 'now', 'now')",
    "INSERT OR REPLACE INTO interviews (id, engagement_id, topics, created_at, updated_at) "
    "SELECT id, engagement_id, 'x', 'now', 'now' FROM interviews WHERE engagement_id = ?",
    "UPDATE reviewed_documents SET title = 'x' WHERE engagement_id = ?",
    "DELETE FROM reviewed_documents WHERE engagement_id = ?",
    "INSERT INTO reviewed_documents (engagement_id, title, created_at, updated_at) "
    "VALUES (?, 'x', 'now', 'now')",
    "INSERT OR REPLACE INTO reviewed_documents (id, engagement_id, title, created_at, "
    "updated_at) SELECT id, engagement_id, 'x', 'now', 'now' FROM reviewed_documents "
    "WHERE engagement_id = ?",
])
def test_raw_sql_cannot_change_a_signed_log(session: Session, demo_id: str, sql: str) -> None:
    import sqlite3

    log.add_interview(session, demo_id, Interview("2026-11-02", (CCO,), "Strategy"))
    log.add_document(session, demo_id, ReviewedDocument("Policy"))
    signoff.sign_off(session, demo_id, [signoff.Signer("A. Assessor", "Lead assessor", "X")],
                     accept_warnings=True)
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off:"):
        session.db.conn.execute(sql, (demo_id,))


def test_the_log_holds_at_most_the_limit(session: Session, eid: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "LOG_ENTRIES", 2)
    for n in range(2):
        log.add_document(session, eid, ReviewedDocument(f"Policy {n}"))
    with pytest.raises(TooLongError, match="already holds 2 documents reviewed"):
        log.add_document(session, eid, ReviewedDocument("One too many"))
    assert len(log.documents(session, eid)) == 2

"""The site-visit log: the interviews held and the documents reviewed during the visit.

Every edit is checked (known element codes, a real date, topics or a title, named people,
an attachment of this engagement, texts within `core.limits`), made inside `session.edit`
(so a signed-off engagement refuses it), audited, and returned as a `Change`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from workbench.core import limits
from workbench.core.errors import InvalidValueError, NotFoundError, TooLongError
from workbench.core.site_log import Interview, Person, ReviewedDocument, in_framework_order
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import evidence
from workbench.storage import site_log as store


def _date(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or len(text) != 10:
        raise InvalidValueError(f"the interview date {text[:40]!r} is not a date (YYYY-MM-DD)")
    return parsed.isoformat()


def check_interview(session: Session, engagement_id: str, item: Interview) -> Interview:
    """`item` as it is stored: trimmed, checked, its elements in framework order."""
    topics = item.topics.strip()
    if not topics:
        raise InvalidValueError("an interview needs its topics: what was discussed")
    if not item.people:
        raise InvalidValueError("an interview needs at least one person interviewed")
    people = tuple(Person(p.name.strip(), p.role.strip()) for p in item.people)
    if any(not p.name for p in people):
        raise InvalidValueError("every person interviewed needs a name")
    checked = replace(item, held_on=_date(item.held_on), people=people, topics=topics,
                      elements=in_framework_order(item.elements,
                                                  session.framework_of(engagement_id)))
    return limits.check_interview(checked)


def check_document(session: Session, engagement_id: str,
                   item: ReviewedDocument) -> ReviewedDocument:
    """`item` as it is stored: trimmed, checked, its elements in framework order."""
    title = item.title.strip()
    if not title:
        raise InvalidValueError("a reviewed document needs a title")
    checked = replace(item, title=title, owner=item.owner.strip(), version=item.version.strip(),
                      elements=in_framework_order(item.elements,
                                                  session.framework_of(engagement_id)))
    limits.check_reviewed_document(checked)
    if checked.attachment_id is not None:
        try:
            evidence.attachment(session.db, engagement_id, checked.attachment_id)
        except NotFoundError:
            raise NotFoundError(f"attachment #{checked.attachment_id} is not an attachment of "
                                "this engagement") from None
    return checked


def _room_for_one_more(count: int, what: str) -> None:
    if count >= limits.LOG_ENTRIES:
        raise TooLongError(f"the site-visit log already holds {limits.LOG_ENTRIES:,} {what}, "
                           "the most one engagement may have")


def _element(item: Interview | ReviewedDocument) -> str | None:
    return item.elements[0] if item.elements else None


def _summary(item: Interview | ReviewedDocument) -> dict[str, object]:
    if isinstance(item, Interview):
        return {"held_on": item.held_on, "people": [p.label() for p in item.people],
                "topics": item.topics, "elements": list(item.elements)}
    return {"title": item.title, "owner": item.owner, "version": item.version,
            "elements": list(item.elements), "attachment": item.attachment_id}


# --- interviews ---------------------------------------------------------------------------


def interviews(session: Session, engagement_id: str,
               element: str | None = None) -> list[Interview]:
    """The interviews in date order (undated last), then in the order they were entered;
    with `element`, those linked to it."""
    return store.interviews(session.db, engagement_id, element)


def interview(session: Session, engagement_id: str, interview_id: int) -> Interview:
    """One interview by its id (a NotFoundError when this engagement has none)."""
    return store.interview(session.db, engagement_id, interview_id)


def add_interview(session: Session, engagement_id: str, item: Interview) -> Change:
    """Record an interview; an item with a `uuid` (an undone removal) comes back under it."""
    item = check_interview(session, engagement_id, item)
    with session.edit(engagement_id):
        if item.uuid is not None and store.has_uuid(session.db, "interviews", engagement_id,
                                                    item.uuid):
            raise InvalidValueError("this interview is already in the log")
        _room_for_one_more(len(store.interviews(session.db, engagement_id)), "interviews")
        new_id = store.add_interview(session.db, engagement_id, item)
        stored = store.interview(session.db, engagement_id, new_id)
        session.log(engagement_id, "add interview", _element(stored) or "", None,
                    _summary(stored))
    return Change(ChangeKind.INTERVIEWS, engagement_id, _element(stored), new=stored,
                  item_id=new_id)


def update_interview(session: Session, engagement_id: str, interview_id: int,
                     item: Interview) -> Change:
    item = check_interview(session, engagement_id, item)
    with session.edit(engagement_id):
        old = store.interview(session.db, engagement_id, interview_id)
        store.update_interview(session.db, interview_id, item)
        new = store.interview(session.db, engagement_id, interview_id)
        session.log(engagement_id, "edit interview", _element(new) or "", _summary(old),
                    _summary(new))
    return Change(ChangeKind.INTERVIEWS, engagement_id, _element(new), old=old, new=new,
                  item_id=interview_id)


def remove_interview(session: Session, engagement_id: str, interview_id: int) -> Change:
    with session.edit(engagement_id):
        old = store.interview(session.db, engagement_id, interview_id)
        store.remove_interview(session.db, interview_id)
        session.log(engagement_id, "remove interview", _element(old) or "", _summary(old), None)
    return Change(ChangeKind.INTERVIEWS, engagement_id, _element(old), old=old,
                  item_id=interview_id)


# --- documents reviewed -------------------------------------------------------------------


def documents(session: Session, engagement_id: str,
              element: str | None = None) -> list[ReviewedDocument]:
    """The documents reviewed in the order they were entered; with `element`, those
    linked to it."""
    return store.documents(session.db, engagement_id, element)


def document(session: Session, engagement_id: str, document_id: int) -> ReviewedDocument:
    """One reviewed document by its id (a NotFoundError when this engagement has none)."""
    return store.document(session.db, engagement_id, document_id)


def add_document(session: Session, engagement_id: str, item: ReviewedDocument) -> Change:
    """Record a reviewed document; an item with a `uuid` (an undone removal) comes back
    under it."""
    item = check_document(session, engagement_id, item)
    with session.edit(engagement_id):
        if item.uuid is not None and store.has_uuid(session.db, "reviewed_documents",
                                                    engagement_id, item.uuid):
            raise InvalidValueError("this document is already in the log")
        _room_for_one_more(len(store.documents(session.db, engagement_id)),
                           "documents reviewed")
        new_id = store.add_document(session.db, engagement_id, item)
        stored = store.document(session.db, engagement_id, new_id)
        session.log(engagement_id, "add reviewed document", _element(stored) or "", None,
                    _summary(stored))
    return Change(ChangeKind.DOCUMENTS, engagement_id, _element(stored), new=stored,
                  item_id=new_id)


def update_document(session: Session, engagement_id: str, document_id: int,
                    item: ReviewedDocument) -> Change:
    item = check_document(session, engagement_id, item)
    with session.edit(engagement_id):
        old = store.document(session.db, engagement_id, document_id)
        store.update_document(session.db, document_id, item)
        new = store.document(session.db, engagement_id, document_id)
        session.log(engagement_id, "edit reviewed document", _element(new) or "",
                    _summary(old), _summary(new))
    return Change(ChangeKind.DOCUMENTS, engagement_id, _element(new), old=old, new=new,
                  item_id=document_id)


def remove_document(session: Session, engagement_id: str, document_id: int) -> Change:
    with session.edit(engagement_id):
        old = store.document(session.db, engagement_id, document_id)
        store.remove_document(session.db, document_id)
        session.log(engagement_id, "remove reviewed document", _element(old) or "",
                    _summary(old), None)
    return Change(ChangeKind.DOCUMENTS, engagement_id, _element(old), old=old,
                  item_id=document_id)


__all__ = ["add_document", "add_interview", "check_document", "check_interview", "document",
           "documents", "interview", "interviews", "remove_document", "remove_interview",
           "update_document", "update_interview"]

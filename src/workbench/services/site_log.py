"""The site-visit log: the interviews held and the documents reviewed during the visit.

Every edit is checked (known element codes, a real date, topics or a title, named people,
an attachment of this engagement, texts within `core.limits`), made inside `session.edit`
(so a signed-off engagement refuses it), audited, and returned as a `Change`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Generic, NamedTuple, TypeVar

from workbench.core import limits
from workbench.core.errors import InvalidValueError, NotFoundError, TooLongError
from workbench.core.site_log import Interview, Person, ReviewedDocument, in_framework_order
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import evidence
from workbench.storage import site_log as store
from workbench.storage.sqlite_db import Database

T = TypeVar("T", Interview, ReviewedDocument)


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
    checked = item._replace(held_on=_date(item.held_on), people=people, topics=topics,
                      elements=in_framework_order(item.elements,
                                                  session.framework_of(engagement_id)))
    return limits.check_interview(checked)


def check_document(session: Session, engagement_id: str,
                   item: ReviewedDocument) -> ReviewedDocument:
    """`item` as it is stored: trimmed, checked, its elements in framework order."""
    title = item.title.strip()
    if not title:
        raise InvalidValueError("a reviewed document needs a title")
    checked = item._replace(title=title, owner=item.owner.strip(), version=item.version.strip(),
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
    return _add(session, engagement_id, _INTERVIEWS, check_interview(session, engagement_id,
                                                                     item))


def update_interview(session: Session, engagement_id: str, interview_id: int,
                     item: Interview) -> Change:
    return _update(session, engagement_id, _INTERVIEWS, interview_id,
                   check_interview(session, engagement_id, item))


def remove_interview(session: Session, engagement_id: str, interview_id: int) -> Change:
    return _remove(session, engagement_id, _INTERVIEWS, interview_id)


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
    return _add(session, engagement_id, _DOCUMENTS, check_document(session, engagement_id,
                                                                   item))


def update_document(session: Session, engagement_id: str, document_id: int,
                    item: ReviewedDocument) -> Change:
    return _update(session, engagement_id, _DOCUMENTS, document_id,
                   check_document(session, engagement_id, item))


def remove_document(session: Session, engagement_id: str, document_id: int) -> Change:
    return _remove(session, engagement_id, _DOCUMENTS, document_id)


# --- the edits, the same for both lists ----------------------------------------------------


class _List(NamedTuple, Generic[T]):
    """One list of the log: its table, how messages and the audit log name its entries,
    its Change kind and its storage functions."""

    table: str
    noun: str  # in the audit log: "interview", "reviewed document"
    short: str  # in messages: "interview", "document"
    plural: str
    kind: ChangeKind
    get: Callable[[Database, str, int], T]
    insert: Callable[[Database, str, T], int]
    update: Callable[[Database, int, T], None]
    delete: Callable[[Database, int], None]


_INTERVIEWS: _List[Interview] = _List(
    "interviews", "interview", "interview", "interviews", ChangeKind.INTERVIEWS,
    store.interview, store.add_interview, store.update_interview, store.remove_interview)
_DOCUMENTS: _List[ReviewedDocument] = _List(
    "reviewed_documents", "reviewed document", "document", "documents reviewed",
    ChangeKind.DOCUMENTS, store.document, store.add_document, store.update_document,
    store.remove_document)


def _add(session: Session, engagement_id: str, log: _List[T], item: T) -> Change:
    with session.edit(engagement_id):
        if item.uuid is not None and store.has_uuid(session.db, log.table, engagement_id,
                                                    item.uuid):
            raise InvalidValueError(f"this {log.short} is already in the log")
        if store.count(session.db, log.table, engagement_id) >= limits.LOG_ENTRIES:
            raise TooLongError(f"the site-visit log already holds {limits.LOG_ENTRIES:,} "
                               f"{log.plural}, the most one engagement may have")
        new_id = log.insert(session.db, engagement_id, item)
        stored = log.get(session.db, engagement_id, new_id)
        session.log(engagement_id, f"add {log.noun}", _element(stored) or "", None,
                    _summary(stored))
    return Change(log.kind, engagement_id, _element(stored), new=stored, item_id=new_id)


def _update(session: Session, engagement_id: str, log: _List[T], item_id: int,
            item: T) -> Change:
    with session.edit(engagement_id):
        old = log.get(session.db, engagement_id, item_id)
        log.update(session.db, item_id, item)
        new = log.get(session.db, engagement_id, item_id)
        session.log(engagement_id, f"edit {log.noun}", _element(new) or "", _summary(old),
                    _summary(new))
    return Change(log.kind, engagement_id, _element(new), old=old, new=new, item_id=item_id)


def _remove(session: Session, engagement_id: str, log: _List[T], item_id: int) -> Change:
    with session.edit(engagement_id):
        old = log.get(session.db, engagement_id, item_id)
        log.delete(session.db, item_id)
        session.log(engagement_id, f"remove {log.noun}", _element(old) or "", _summary(old),
                    None)
    return Change(log.kind, engagement_id, _element(old), old=old, item_id=item_id)


__all__ = ["add_document", "add_interview", "check_document", "check_interview", "document",
           "documents", "interview", "interviews", "remove_document", "remove_interview",
           "update_document", "update_interview"]

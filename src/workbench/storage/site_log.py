"""The site-visit log's rows: interviews held and documents reviewed (migration 005)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from workbench.core.errors import NotFoundError
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.storage.clock import now
from workbench.storage.sqlite_db import Database

# Date order (undated last), then the order of entry; uuid and id settle equal positions
# the same way on every laptop after a merge.
_ORDER = " ORDER BY held_on IS NULL, held_on, position, uuid, id"
_DOC_ORDER = " ORDER BY position, uuid, id"
_INTERVIEW = "held_on, people, topics, elements, id, uuid"
_DOCUMENT = "title, owner, version, elements, attachment_id, id, uuid"


def _codes(text: Any) -> tuple[str, ...]:
    return tuple(str(c) for c in json.loads(text))


def _interview(r: tuple[Any, ...]) -> Interview:
    people = tuple(Person(str(p[0]), str(p[1])) for p in json.loads(r[1]))
    return Interview(r[0] if isinstance(r[0], str) else None, people, str(r[2]), _codes(r[3]),
                     int(r[4]), r[5])


def _document(r: tuple[Any, ...]) -> ReviewedDocument:
    return ReviewedDocument(str(r[0]), str(r[1]), str(r[2]), _codes(r[3]),
                            int(r[4]) if r[4] is not None else None, int(r[5]), r[6])


def _linked(element: str | None) -> tuple[str, list[object]]:
    if element is None:
        return "", []
    return " AND EXISTS (SELECT 1 FROM json_each(elements) WHERE value = ?)", [element]


def interviews(db: Database, engagement_id: str, element: str | None = None) -> list[Interview]:
    where, params = _linked(element)
    return [_interview(r) for r in db.conn.execute(
        f"SELECT {_INTERVIEW} FROM interviews WHERE engagement_id = ?{where}{_ORDER}",
        [engagement_id, *params])]


def interview(db: Database, engagement_id: str, interview_id: int) -> Interview:
    found = db.conn.execute(f"SELECT {_INTERVIEW} FROM interviews WHERE engagement_id = ? AND "
                            "id = ?", (engagement_id, interview_id)).fetchone()
    if found is None:
        raise NotFoundError(f"no interview #{interview_id} in this engagement")
    return _interview(found)


def documents(db: Database, engagement_id: str,
              element: str | None = None) -> list[ReviewedDocument]:
    where, params = _linked(element)
    return [_document(r) for r in db.conn.execute(
        f"SELECT {_DOCUMENT} FROM reviewed_documents WHERE engagement_id = ?{where}{_DOC_ORDER}",
        [engagement_id, *params])]


def document(db: Database, engagement_id: str, document_id: int) -> ReviewedDocument:
    found = db.conn.execute(f"SELECT {_DOCUMENT} FROM reviewed_documents WHERE engagement_id = ?"
                            " AND id = ?", (engagement_id, document_id)).fetchone()
    if found is None:
        raise NotFoundError(f"no reviewed document #{document_id} in this engagement")
    return _document(found)


def relink_attachment(db: Database, old_id: int, new_id: int) -> None:
    """Reviewed documents linked to attachment `old_id` link to `new_id` (a new version of
    the same file, e.g. a photo turned a quarter)."""
    db.conn.execute("UPDATE reviewed_documents SET attachment_id = ?, updated_at = ? "
                    "WHERE attachment_id = ?", (new_id, now(), old_id))


def _log_table(table: str) -> str:
    if table not in ("interviews", "reviewed_documents"):
        raise ValueError(table)
    return table


def has_uuid(db: Database, table: str, engagement_id: str, uuid: str) -> bool:
    """Whether an entry of `table` (interviews or reviewed_documents) has this uuid."""
    return db.conn.execute(f"SELECT 1 FROM {_log_table(table)} WHERE engagement_id = ? AND "
                           "uuid = ?", (engagement_id, uuid)).fetchone() is not None


def count(db: Database, table: str, engagement_id: str) -> int:
    """How many entries of `table` (interviews or reviewed_documents) the engagement has."""
    return int(db.conn.execute(f"SELECT count(*) FROM {_log_table(table)} WHERE "
                               "engagement_id = ?", (engagement_id,)).fetchone()[0])


def _json(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


def _people(item: Interview) -> str:
    return _json([[p.name, p.role] for p in item.people])


def _next_position(db: Database, table: str, engagement_id: str) -> int:
    return int(db.conn.execute(f"SELECT COALESCE(MAX(position), -1) + 1 FROM {table} WHERE "
                               "engagement_id = ?", (engagement_id,)).fetchone()[0])


def add_interview(db: Database, engagement_id: str, item: Interview,
                  position: int | None = None) -> int:
    """Store a new interview (under `item.uuid` when set: a removal undone); its id."""
    stamp = now()
    if position is None:
        position = _next_position(db, "interviews", engagement_id)
    cursor = db.conn.execute(
        "INSERT INTO interviews (engagement_id, uuid, held_on, people, topics, elements, "
        "position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (engagement_id, item.uuid, item.held_on, _people(item), item.topics,
         _json(item.elements), position, stamp, stamp))
    return int(cursor.lastrowid or 0)


def update_interview(db: Database, interview_id: int, item: Interview) -> None:
    db.conn.execute("UPDATE interviews SET held_on = ?, people = ?, topics = ?, elements = ?, "
                    "updated_at = ? WHERE id = ?",
                    (item.held_on, _people(item), item.topics, _json(item.elements), now(),
                     interview_id))


def remove_interview(db: Database, interview_id: int) -> None:
    db.conn.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))


def add_document(db: Database, engagement_id: str, item: ReviewedDocument,
                 position: int | None = None) -> int:
    """Store a new reviewed document (under `item.uuid` when set); its id."""
    stamp = now()
    if position is None:
        position = _next_position(db, "reviewed_documents", engagement_id)
    cursor = db.conn.execute(
        "INSERT INTO reviewed_documents (engagement_id, uuid, title, owner, version, elements, "
        "attachment_id, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (engagement_id, item.uuid, item.title, item.owner, item.version, _json(item.elements),
         item.attachment_id, position, stamp, stamp))
    return int(cursor.lastrowid or 0)


def update_document(db: Database, document_id: int, item: ReviewedDocument) -> None:
    db.conn.execute("UPDATE reviewed_documents SET title = ?, owner = ?, version = ?, "
                    "elements = ?, attachment_id = ?, updated_at = ? WHERE id = ?",
                    (item.title, item.owner, item.version, _json(item.elements),
                     item.attachment_id, now(), document_id))


def remove_document(db: Database, document_id: int) -> None:
    db.conn.execute("DELETE FROM reviewed_documents WHERE id = ?", (document_id,))


def add_many(db: Database, engagement_id: str, interviews_: Sequence[Interview],
             documents_: Sequence[ReviewedDocument],
             attachment_ids: dict[int, int] | None = None) -> None:
    """Append a whole log (an import or a copy) in its order; `attachment_ids` maps the
    source's attachment ids to this engagement's (a link with no mapping is dropped)."""
    for item in interviews_:
        add_interview(db, engagement_id, Interview(item.held_on, item.people, item.topics,
                                                   item.elements))
    for doc in documents_:
        linked = (attachment_ids or {}).get(doc.attachment_id) \
            if doc.attachment_id is not None else None
        add_document(db, engagement_id, ReviewedDocument(doc.title, doc.owner, doc.version,
                                                          doc.elements, linked))

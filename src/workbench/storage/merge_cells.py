"""Reading and writing an engagement as merge cells (see `core.merge` and migration 003).

The same queries read the live database and an engagement package (which keeps the
app's own table layout), so both sides of a merge are described the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from workbench.core.merge import Cell, decode_key
from workbench.storage.clock import now

# (cell key SQL, cell value SQL, FROM/WHERE SQL with one `?` for the engagement id)
_ASSESSOR = "JOIN assessors a ON a.id = r.assessor_id"
_VALUES: tuple[tuple[str, str, str], ...] = (
    ("json_array('assessor', a.name)", "json_array(a.role, a.initials, a.position)",
     "FROM assessors a WHERE a.engagement_id = ?"),
    ("json_array('details')", "json_array(e.client, e.site, e.title, e.lead_assessor, "
     "e.start_date, e.end_date, e.brand)", "FROM engagements e WHERE e.id = ?"),
    ("json_array('indicator', a.name, r.indicator, 'value')", "json_array(r.level, r.na)",
     f"FROM indicator_ratings r {_ASSESSOR} WHERE r.engagement_id = ? AND "
     "(r.level IS NOT NULL OR r.na = 1)"),
    ("json_array('indicator', a.name, r.indicator, 'note')", "json_array(r.note)",
     f"FROM indicator_ratings r {_ASSESSOR} WHERE r.engagement_id = ? AND r.note != ''"),
    ("json_array('element', a.name, r.element, 'objective')", "json_array(r.objective)",
     f"FROM element_ratings r {_ASSESSOR} WHERE r.engagement_id = ? AND "
     "r.objective IS NOT NULL"),
    ("json_array('element', a.name, r.element, 'notes')", "json_array(r.notes)",
     f"FROM element_ratings r {_ASSESSOR} WHERE r.engagement_id = ? AND r.notes != ''"),
    ("json_array('consensus_indicator', r.indicator)", "json_array(r.level, r.na, r.reason)",
     "FROM consensus_indicators r WHERE r.engagement_id = ?"),
    ("json_array('consensus_element', r.element)", "json_array(r.objective, r.reason)",
     "FROM consensus_elements r WHERE r.engagement_id = ?"),
    ("json_array('target', r.element)", "json_array(r.target)",
     "FROM element_targets r WHERE r.engagement_id = ?"),
    ("json_array('finding', r.uuid)",
     "json_array(a.name, r.element, r.kind, r.text, r.position)",
     f"FROM findings r {_ASSESSOR} WHERE r.engagement_id = ? AND r.uuid IS NOT NULL"),
    ("json_array('action', r.uuid)", "json_array(r.element, r.action, r.owner, r.priority, "
     "r.due_date, r.status, r.position)",
     "FROM actions r WHERE r.engagement_id = ? AND r.uuid IS NOT NULL"),
    ("json_array('attachment', r.element, r.sha256)",
     "json_array(a.name, r.filename, r.caption, r.media_type, r.size, r.width, r.height, "
     "r.in_report)",
     "FROM attachments r LEFT JOIN assessors a ON a.id = r.assessor_id "
     "WHERE r.engagement_id = ? ORDER BY r.id DESC"),
)
# The site-visit log (migration 005); a package of an earlier release has no such tables.
# A reviewed document names its attachment by (element, sha256), as the attachment's cell
# does, since row ids differ from laptop to laptop.
_LOG_VALUES: tuple[tuple[str, str, str, str], ...] = (
    ("interviews", "json_array('interview', r.uuid)",
     "json_array(r.held_on, json(r.people), r.topics, json(r.elements), r.position)",
     "FROM interviews r WHERE r.engagement_id = ? AND r.uuid IS NOT NULL"),
    ("reviewed_documents", "json_array('document', r.uuid)",
     "json_array(r.title, r.owner, r.version, json(r.elements), a.element, a.sha256, "
     "r.position)",
     "FROM reviewed_documents r LEFT JOIN attachments a ON a.id = r.attachment_id "
     "WHERE r.engagement_id = ? AND r.uuid IS NOT NULL"),
)

# The order cells are written in: the team first, so ratings find their assessor.
_ORDER = {"assessor": 0, "details": 1, "document": 3}  # documents after their attachments


def read_cells(conn: sqlite3.Connection, engagement_id: str) -> dict[str, Cell]:
    """Every cell of one engagement: its value (None once cleared) and when it last changed."""
    values: dict[str, str] = {}
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    queries = [*_VALUES, *((k, v, f) for t, k, v, f in _LOG_VALUES if t in tables)]
    for key_sql, value_sql, from_sql in queries:
        for key, value in conn.execute(f"SELECT {key_sql}, {value_sql} {from_sql}",
                                       (engagement_id,)):
            values[key] = value
    stamps = dict(conn.execute("SELECT cell, stamp FROM merge_cells WHERE engagement_id = ?",
                               (engagement_id,)).fetchall())
    return {key: Cell(str(stamps.get(key, "")), values.get(key))
            for key in set(values) | set(stamps)}


def _assessor_id(conn: sqlite3.Connection, engagement_id: str, name: str) -> int:
    found = conn.execute("SELECT id FROM assessors WHERE engagement_id = ? AND name = ?",
                         (engagement_id, name)).fetchone()
    if found:
        return int(found[0])
    position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM assessors WHERE "
                            "engagement_id = ?", (engagement_id,)).fetchone()[0]
    cursor = conn.execute("INSERT INTO assessors (engagement_id, name, position) VALUES "
                          "(?, ?, ?)", (engagement_id, name, position))
    return int(cursor.lastrowid or 0)


BlobSource = Callable[[str], bytes]


def write_cells(conn: sqlite3.Connection, engagement_id: str, cells: dict[str, Cell],
                blob: BlobSource) -> None:
    """Make the live tables hold `cells` (call inside a transaction), stamps included."""
    ordered = sorted(cells.items(), key=lambda kv: (_ORDER.get(decode_key(kv[0])[0], 2), kv[0]))
    for key, cell in ordered:
        parts = decode_key(key)
        value = json.loads(cell.value) if cell.value is not None else None
        _WRITERS[parts[0]](conn, engagement_id, parts[1:], value, blob)
        conn.execute("INSERT INTO merge_cells (engagement_id, cell, stamp) VALUES (?, ?, ?) "
                     "ON CONFLICT (engagement_id, cell) DO UPDATE SET stamp = excluded.stamp",
                     (engagement_id, key, cell.stamp))


Writer = Callable[[sqlite3.Connection, str, list[Any], Any, BlobSource], None]


def _assessor(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
              blob: BlobSource) -> None:
    if value is None:
        return  # a merge never removes an assessor (their ratings would go with them)
    aid = _assessor_id(conn, eid, key[0])
    conn.execute("UPDATE assessors SET role = ?, initials = ?, position = ? WHERE id = ?",
                 (value[0], value[1], value[2], aid))


def _details(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
             blob: BlobSource) -> None:
    if value is not None:
        conn.execute("UPDATE engagements SET client = ?, site = ?, title = ?, lead_assessor = ?,"
                     " start_date = ?, end_date = ?, brand = ? WHERE id = ?", (*value, eid))


def _indicator(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
               blob: BlobSource) -> None:
    aid = _assessor_id(conn, eid, key[0])
    if key[2] == "value":
        level, na = (value[0], value[1]) if value else (None, 0)
        conn.execute("INSERT INTO indicator_ratings (engagement_id, assessor_id, indicator, "
                     "level, na, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
                     "SET level = excluded.level, na = excluded.na, "
                     "updated_at = excluded.updated_at", (eid, aid, key[1], level, na, now()))
    else:
        conn.execute("INSERT INTO indicator_ratings (engagement_id, assessor_id, indicator, "
                     "note, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                     "note = excluded.note, updated_at = excluded.updated_at",
                     (eid, aid, key[1], value[0] if value else "", now()))
    conn.execute("DELETE FROM indicator_ratings WHERE engagement_id = ? AND assessor_id = ? "
                 "AND indicator = ? AND level IS NULL AND na = 0 AND note = ''",
                 (eid, aid, key[1]))


def _element(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
             blob: BlobSource) -> None:
    aid = _assessor_id(conn, eid, key[0])
    column = "objective" if key[2] == "objective" else "notes"
    new = value[0] if value else (None if column == "objective" else "")
    conn.execute(f"INSERT INTO element_ratings (engagement_id, assessor_id, element, {column}, "
                 f"updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                 f"{column} = excluded.{column}, updated_at = excluded.updated_at",
                 (eid, aid, key[1], new, now()))
    conn.execute("DELETE FROM element_ratings WHERE engagement_id = ? AND assessor_id = ? AND "
                 "element = ? AND objective IS NULL AND notes = ''", (eid, aid, key[1]))


def _consensus_indicator(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
                         blob: BlobSource) -> None:
    if value is None:
        conn.execute("DELETE FROM consensus_indicators WHERE engagement_id = ? AND "
                     "indicator = ?", (eid, key[0]))
        return
    conn.execute("INSERT INTO consensus_indicators (engagement_id, indicator, level, na, reason,"
                 " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                 "level = excluded.level, na = excluded.na, reason = excluded.reason, "
                 "updated_at = excluded.updated_at", (eid, key[0], *value, now()))


def _consensus_element(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
                       blob: BlobSource) -> None:
    if value is None:
        conn.execute("DELETE FROM consensus_elements WHERE engagement_id = ? AND element = ?",
                     (eid, key[0]))
        return
    conn.execute("INSERT INTO consensus_elements (engagement_id, element, objective, reason, "
                 "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                 "objective = excluded.objective, reason = excluded.reason, "
                 "updated_at = excluded.updated_at", (eid, key[0], *value, now()))


def _target(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
            blob: BlobSource) -> None:
    if value is None:
        conn.execute("DELETE FROM element_targets WHERE engagement_id = ? AND element = ?",
                     (eid, key[0]))
        return
    conn.execute("INSERT INTO element_targets (engagement_id, element, target) VALUES (?, ?, ?)"
                 " ON CONFLICT DO UPDATE SET target = excluded.target", (eid, key[0], value[0]))


def _put_by_uuid(conn: sqlite3.Connection, table: str, eid: str, uuid: Any,
                 columns: tuple[str, ...], row: tuple[Any, ...] | None,
                 updated_at: bool = True) -> None:
    """The row of `table` with this uuid: removed (`row` None), changed in place, or made
    (with its creation time, and with its update time where the table keeps one)."""
    if row is None:
        conn.execute(f"DELETE FROM {table} WHERE engagement_id = ? AND uuid = ?", (eid, uuid))
        return
    stamp = now()
    changed = ("updated_at",) if updated_at else ()
    made = ("created_at", *changed)
    sets = ", ".join(f"{c} = ?" for c in (*columns, *changed))
    updated = conn.execute(f"UPDATE {table} SET {sets} WHERE engagement_id = ? AND uuid = ?",
                           (*row, *(stamp for _ in changed), eid, uuid))
    if updated.rowcount == 0:
        names = (*columns, "engagement_id", "uuid", *made)
        conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                     f"({', '.join('?' * len(names))})", (*row, eid, uuid, *(stamp for _ in made)))


def _finding(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
             blob: BlobSource) -> None:
    row = None if value is None else (_assessor_id(conn, eid, value[0]), *value[1:5])
    _put_by_uuid(conn, "findings", eid, key[0],
                 ("assessor_id", "element", "kind", "text", "position"), row, updated_at=False)


def _action(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
            blob: BlobSource) -> None:
    _put_by_uuid(conn, "actions", eid, key[0], ("element", "action", "owner", "priority",
                                                "due_date", "status", "position"),
                 None if value is None else tuple(value))


def _attachment(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
                blob: BlobSource) -> None:
    element, digest = key[0], key[1]
    ids = [r[0] for r in conn.execute("SELECT id FROM attachments WHERE engagement_id = ? AND "
                                      "element = ? AND sha256 = ? ORDER BY id",
                                      (eid, element, digest))]
    if value is None or len(ids) > 1:
        for extra in ids if value is None else ids[1:]:
            conn.execute("DELETE FROM attachments WHERE id = ?", (extra,))
        conn.execute("DELETE FROM blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM "
                     "attachments WHERE sha256 = ?) AND NOT EXISTS (SELECT 1 FROM signoffs "
                     "WHERE signature_sha256 = ?)", (digest, digest, digest))
        if value is None:
            return
    aid = _assessor_id(conn, eid, value[0]) if value[0] is not None else None
    row = (aid, *value[1:])
    if ids:
        conn.execute("UPDATE attachments SET assessor_id = ?, filename = ?, caption = ?, "
                     "media_type = ?, size = ?, width = ?, height = ?, in_report = ? "
                     "WHERE id = ?", (*row, ids[0]))
        return
    if conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (digest,)).fetchone() is None:
        data = blob(digest)
        conn.execute("INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
                     (digest, len(data), data))
    conn.execute("INSERT INTO attachments (assessor_id, filename, caption, media_type, size, "
                 "width, height, in_report, engagement_id, element, sha256, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row, eid, element, digest, now()))


def _interview(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
               blob: BlobSource) -> None:
    row = None if value is None else (value[0], _json(value[1]), value[2], _json(value[3]),
                                      value[4])
    _put_by_uuid(conn, "interviews", eid, key[0],
                 ("held_on", "people", "topics", "elements", "position"), row)


def _linked_attachment(conn: sqlite3.Connection, eid: str, element: Any,
                       digest: Any) -> int | None:
    if digest is None:
        return None
    found = conn.execute("SELECT id FROM attachments WHERE engagement_id = ? AND sha256 = ? "
                         "ORDER BY element IS NOT ?, id LIMIT 1", (eid, digest, element)
                         ).fetchone()
    return int(found[0]) if found else None


def _document(conn: sqlite3.Connection, eid: str, key: list[Any], value: Any,
              blob: BlobSource) -> None:
    row = None if value is None else (value[0], value[1], value[2], _json(value[3]),
                                      _linked_attachment(conn, eid, value[4], value[5]),
                                      value[6])
    _put_by_uuid(conn, "reviewed_documents", eid, key[0],
                 ("title", "owner", "version", "elements", "attachment_id", "position"), row)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_WRITERS: dict[str, Writer] = {
    "assessor": _assessor, "details": _details, "indicator": _indicator, "element": _element,
    "consensus_indicator": _consensus_indicator, "consensus_element": _consensus_element,
    "target": _target, "finding": _finding, "action": _action, "attachment": _attachment,
    "interview": _interview, "document": _document,
}
KINDS = frozenset(_WRITERS)

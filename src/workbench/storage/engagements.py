"""Engagements and their team of assessors."""

from __future__ import annotations

from workbench.core.engagement_status import EngagementStatus
from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.storage.clock import now
from workbench.storage.sqlite_db import Database

# As typing.TYPE_CHECKING, without importing typing. The details, team and list-row classes
# are built by the functions that return them: a score needs none of them (issue 17).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from workbench.core.engagement_details import Assessor, EngagementDetails, EngagementSummary

_DETAIL_COLUMNS = ("client", "site", "title", "lead_assessor", "start_date", "end_date", "brand")


def insert(db: Database, engagement_id: str, details: EngagementDetails, framework_id: str,
           framework_version: str, baseline_id: str | None = None) -> None:
    stamp = now()
    db.conn.execute(
        "INSERT INTO engagements (id, client, site, title, lead_assessor, start_date, end_date, "
        "brand, framework_id, framework_version, baseline_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (engagement_id, details.client, details.site, details.title, details.lead_assessor,
         details.start_date, details.end_date, details.brand, framework_id, framework_version,
         baseline_id, stamp, stamp))


def row(db: Database, engagement_id: str) -> dict[str, Any]:
    cursor = db.conn.execute("SELECT * FROM engagements WHERE id = ?", (engagement_id,))
    found = cursor.fetchone()
    if found is None:
        raise NotFoundError(f"no engagement {engagement_id!r} in this database")
    return dict(zip([c[0] for c in cursor.description], found, strict=True))


def details(db: Database, engagement_id: str) -> EngagementDetails:
    from workbench.core.engagement_details import EngagementDetails

    r = row(db, engagement_id)
    return EngagementDetails(**{c: r[c] for c in _DETAIL_COLUMNS})


def _value(db: Database, engagement_id: str, column: str) -> Any:
    """One column of the engagement's row (`column` is one of ours, never the user's)."""
    found = db.conn.execute(f"SELECT {column} FROM engagements WHERE id = ?",
                            (engagement_id,)).fetchone()
    if found is None:
        raise NotFoundError(f"no engagement {engagement_id!r} in this database")
    return found[0]


def lead_assessor(db: Database, engagement_id: str) -> str:
    return str(_value(db, engagement_id, "lead_assessor"))


def status(db: Database, engagement_id: str) -> EngagementStatus:
    return EngagementStatus(_value(db, engagement_id, "status"))


def update_details(db: Database, engagement_id: str, new: EngagementDetails) -> None:
    db.conn.execute(
        "UPDATE engagements SET client = ?, site = ?, title = ?, lead_assessor = ?, "
        "start_date = ?, end_date = ?, brand = ?, updated_at = ? WHERE id = ?",
        (new.client, new.site, new.title, new.lead_assessor, new.start_date, new.end_date,
         new.brand, now(), engagement_id))


def set_field(db: Database, engagement_id: str, column: str, value: Any) -> None:
    if column not in ("archived", "status", "revision"):
        raise ValueError(column)
    db.conn.execute(f"UPDATE engagements SET {column} = ?, updated_at = ? WHERE id = ?",
                    (value, now(), engagement_id))


def touch(db: Database, engagement_id: str) -> None:
    """Mark an engagement edited: its cached score is stale from now on."""
    db.conn.execute("UPDATE engagements SET updated_at = ?, cached_total = NULL, "
                    "cached_level = NULL WHERE id = ?", (now(), engagement_id))


def cache_score(db: Database, engagement_id: str, total: float, level: int | None) -> None:
    db.conn.execute("UPDATE engagements SET cached_total = ?, cached_level = ? WHERE id = ?",
                    (total, level, engagement_id))


def delete(db: Database, engagement_id: str) -> None:
    db.conn.execute("DELETE FROM engagements WHERE id = ?", (engagement_id,))
    db.conn.execute("DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE "
                    "a.sha256 = blobs.sha256) AND NOT EXISTS (SELECT 1 FROM signoffs s WHERE "
                    "s.signature_sha256 = blobs.sha256)")


def summaries(db: Database, include_archived: bool = False, search: str = "",
              only_id: str | None = None) -> list[EngagementSummary]:
    from workbench.core.engagement_details import EngagementSummary

    sql = ("SELECT id, client, site, title, start_date, end_date, status, archived, framework_id, "
           "framework_version, lead_assessor, updated_at, cached_total, cached_level "
           "FROM engagements")
    where, params = [], []
    if only_id is not None:
        where.append("id = ?")
        params.append(only_id)
    elif not include_archived:
        where.append("archived = 0")
    if search:
        where.append("(client LIKE ? OR site LIKE ? OR title LIKE ? OR lead_assessor LIKE ?)")
        params += [f"%{search}%"] * 4
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY updated_at DESC"
    return [EngagementSummary(r[0], r[1], r[2], r[3], r[4], r[5], EngagementStatus(r[6]),
                              bool(r[7]), r[8], r[9], r[10], r[11], r[12], r[13])
            for r in db.conn.execute(sql, params)]


def ids(db: Database) -> list[str]:
    return [r[0] for r in db.conn.execute("SELECT id FROM engagements")]


# --- assessors -------------------------------------------------------------------------------

def assessors(db: Database, engagement_id: str) -> list[Assessor]:
    from workbench.core.engagement_details import Assessor

    return [Assessor(r[0], r[1], r[2]) for r in db.conn.execute(
        "SELECT name, role, initials FROM assessors WHERE engagement_id = ? "
        "ORDER BY position, name", (engagement_id,))]


def assessor_id(db: Database, engagement_id: str, name: str) -> int:
    found = db.conn.execute("SELECT id FROM assessors WHERE engagement_id = ? AND name = ?",
                            (engagement_id, name)).fetchone()
    if found is None:
        team = ", ".join(a.name for a in assessors(db, engagement_id)) or "nobody"
        raise NotFoundError(f"{name!r} is not an assessor of this engagement (the team: {team})")
    return int(found[0])


def assessor_names(db: Database, engagement_id: str) -> dict[int, str]:
    return {r[0]: r[1] for r in db.conn.execute(
        "SELECT id, name FROM assessors WHERE engagement_id = ?", (engagement_id,))}


def add_assessor(db: Database, engagement_id: str, assessor: Assessor) -> int:
    name = assessor.name.strip()
    if not name:
        raise InvalidValueError("an assessor needs a name")
    exists = db.conn.execute("SELECT 1 FROM assessors WHERE engagement_id = ? AND name = ?",
                             (engagement_id, name)).fetchone()
    if exists:
        raise InvalidValueError(f"{name!r} is already an assessor of this engagement")
    position = db.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM assessors WHERE "
                               "engagement_id = ?", (engagement_id,)).fetchone()[0]
    cursor = db.conn.execute(
        "INSERT INTO assessors (engagement_id, name, role, initials, position) "
        "VALUES (?, ?, ?, ?, ?)", (engagement_id, name, assessor.role, assessor.initials,
                                   position))
    return int(cursor.lastrowid or 0)


def update_assessor(db: Database, engagement_id: str, name: str, new: Assessor) -> None:
    db.conn.execute("UPDATE assessors SET name = ?, role = ?, initials = ? WHERE id = ?",
                    (new.name, new.role, new.initials, assessor_id(db, engagement_id, name)))


def remove_assessor(db: Database, engagement_id: str, name: str) -> None:
    db.conn.execute("DELETE FROM assessors WHERE id = ?", (assessor_id(db, engagement_id, name),))


# --- baseline ---------------------------------------------------------------------------------

def baseline_id(db: Database, engagement_id: str) -> str | None:
    value = row(db, engagement_id)["baseline_id"]
    return None if value is None else str(value)


def set_baseline(db: Database, engagement_id: str, baseline: str | None) -> None:
    db.conn.execute("UPDATE engagements SET baseline_id = ?, updated_at = ? WHERE id = ?",
                    (baseline, now(), engagement_id))

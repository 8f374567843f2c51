"""One assessor's records in an engagement: count them, or move them to another assessor.

Moving never loses anything silently: the target's own levels and objective judgements win
where both rated (and each such clash is returned), notes are appended below the target's
own, findings and attachments change owner.
"""

from __future__ import annotations

import sqlite3

from workbench.core.ratings import NA
from workbench.core.team import AssessorWork
from workbench.storage.clock import now
from workbench.storage.sqlite_db import Database

_NOTE_JOIN = "\n\n"


def _count(db: Database, sql: str, *args: object) -> int:
    return int(db.conn.execute(sql, args).fetchone()[0])


def work_of(db: Database, engagement_id: str, assessor_id: int) -> AssessorWork:
    where = "WHERE engagement_id = ? AND assessor_id = ?"
    ids = (engagement_id, assessor_id)
    return AssessorWork(
        ratings=_count(db, f"SELECT COUNT(*) FROM indicator_ratings {where} AND "
                           "(level IS NOT NULL OR na = 1)", *ids),
        objectives=_count(db, f"SELECT COUNT(*) FROM element_ratings {where} AND "
                              "objective IS NOT NULL", *ids),
        notes=_count(db, f"SELECT COUNT(*) FROM indicator_ratings {where} AND note != ''", *ids)
        + _count(db, f"SELECT COUNT(*) FROM element_ratings {where} AND notes != ''", *ids),
        findings=_count(db, f"SELECT COUNT(*) FROM findings {where}", *ids),
        attachments=_count(db, f"SELECT COUNT(*) FROM attachments {where}", *ids))


def _joined(mine: str, theirs: str) -> str:
    if not theirs or theirs == mine:
        return mine
    return theirs if not mine else mine + _NOTE_JOIN + theirs


def _shown(level: int | None, na: int) -> str:
    return NA if na else str(level)


def move_work(db: Database, engagement_id: str, source: int,
              target: int) -> list[tuple[str, str, str]]:
    """Move everything `source` recorded to `target`; returns (code, source's, kept) clashes.

    Call inside a transaction; the source's rows are gone afterwards.
    """
    conn = db.conn
    stamp = now()
    kept = _move_indicator_ratings(conn, engagement_id, source, target, stamp)
    kept += _move_element_ratings(conn, engagement_id, source, target, stamp)
    # Findings keep their order, after the target's own on the same element and kind.
    last = {(element, kind): position for element, kind, position in conn.execute(
        "SELECT element, kind, MAX(position) FROM findings WHERE engagement_id = ? AND "
        "assessor_id = ? GROUP BY element, kind", (engagement_id, target))}
    for finding_id, element, kind, position in conn.execute(
            "SELECT id, element, kind, position FROM findings WHERE engagement_id = ? AND "
            "assessor_id = ?", (engagement_id, source)).fetchall():
        offset = last.get((element, kind), -1) + 1
        conn.execute("UPDATE findings SET assessor_id = ?, position = ? WHERE id = ?",
                     (target, position + offset, finding_id))
    conn.execute("UPDATE attachments SET assessor_id = ? WHERE engagement_id = ? AND "
                 "assessor_id = ?", (target, engagement_id, source))
    conn.execute("DELETE FROM indicator_ratings WHERE engagement_id = ? AND assessor_id = ?",
                 (engagement_id, source))
    conn.execute("DELETE FROM element_ratings WHERE engagement_id = ? AND assessor_id = ?",
                 (engagement_id, source))
    return kept


def _move_indicator_ratings(conn: sqlite3.Connection, engagement_id: str, source: int,
                            target: int, stamp: str) -> list[tuple[str, str, str]]:
    """The source's indicator ratings to the target; where both rated, the target's stay."""
    kept: list[tuple[str, str, str]] = []
    for code, level, na, note in conn.execute(
            "SELECT indicator, level, na, note FROM indicator_ratings WHERE engagement_id = ? "
            "AND assessor_id = ? ORDER BY indicator", (engagement_id, source)).fetchall():
        mine = conn.execute("SELECT level, na, note FROM indicator_ratings WHERE "
                            "engagement_id = ? AND assessor_id = ? AND indicator = ?",
                            (engagement_id, target, code)).fetchone()
        if mine is None:
            conn.execute("UPDATE indicator_ratings SET assessor_id = ?, updated_at = ? WHERE "
                         "engagement_id = ? AND assessor_id = ? AND indicator = ?",
                         (target, stamp, engagement_id, source, code))
            continue
        rated_mine = mine[0] is not None or mine[1] == 1
        rated_theirs = level is not None or na == 1
        if rated_mine and rated_theirs and (mine[0], mine[1]) != (level, na):
            kept.append((code, _shown(level, na), _shown(mine[0], mine[1])))
        new_level, new_na = (mine[0], mine[1]) if rated_mine else (level, na)
        conn.execute("UPDATE indicator_ratings SET level = ?, na = ?, note = ?, updated_at = ? "
                     "WHERE engagement_id = ? AND assessor_id = ? AND indicator = ?",
                     (new_level, new_na, _joined(mine[2], note), stamp, engagement_id, target,
                      code))
    return kept


def _move_element_ratings(conn: sqlite3.Connection, engagement_id: str, source: int,
                          target: int, stamp: str) -> list[tuple[str, str, str]]:
    """The source's objectives and notes to the target; where both judged, the target's stay."""
    kept: list[tuple[str, str, str]] = []
    for code, objective, notes in conn.execute(
            "SELECT element, objective, notes FROM element_ratings WHERE engagement_id = ? "
            "AND assessor_id = ? ORDER BY element", (engagement_id, source)).fetchall():
        mine = conn.execute("SELECT objective, notes FROM element_ratings WHERE "
                            "engagement_id = ? AND assessor_id = ? AND element = ?",
                            (engagement_id, target, code)).fetchone()
        if mine is None:
            conn.execute("UPDATE element_ratings SET assessor_id = ?, updated_at = ? WHERE "
                         "engagement_id = ? AND assessor_id = ? AND element = ?",
                         (target, stamp, engagement_id, source, code))
            continue
        if mine[0] is not None and objective is not None and mine[0] != objective:
            kept.append((code, objective, mine[0]))
        conn.execute("UPDATE element_ratings SET objective = ?, notes = ?, updated_at = ? "
                     "WHERE engagement_id = ? AND assessor_id = ? AND element = ?",
                     (mine[0] if mine[0] is not None else objective, _joined(mine[1], notes),
                      stamp, engagement_id, target, code))
    return kept

"""Indicator levels, objective judgements, targets and consensus values."""

from __future__ import annotations

from workbench.core.ratings import NA, IndicatorValue, Ratings, RatingSet
from workbench.storage.clock import now
from workbench.storage.sqlite_db import Database


def _value(level: int | None, na: int) -> IndicatorValue | None:
    return NA if na else level


def indicator(db: Database, engagement_id: str, assessor_id: int,
              code: str) -> tuple[IndicatorValue | None, str]:
    """(value or None when unrated, note) of one assessor's indicator."""
    found = db.conn.execute(
        "SELECT level, na, note FROM indicator_ratings WHERE engagement_id = ? AND "
        "assessor_id = ? AND indicator = ?", (engagement_id, assessor_id, code)).fetchone()
    if found is None:
        return None, ""
    return _value(found[0], found[1]), found[2]


def set_indicator(db: Database, engagement_id: str, assessor_id: int, code: str,
                  value: IndicatorValue | None) -> None:
    level = None if value in (None, NA) else value
    db.conn.execute(
        "INSERT INTO indicator_ratings (engagement_id, assessor_id, indicator, level, na, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (engagement_id, assessor_id, "
        "indicator) DO UPDATE SET level = excluded.level, na = excluded.na, "
        "updated_at = excluded.updated_at",
        (engagement_id, assessor_id, code, level, int(value == NA), now()))
    if value is None:
        _drop_empty_indicator(db, engagement_id, assessor_id, code)


def set_indicator_note(db: Database, engagement_id: str, assessor_id: int, code: str,
                       note: str) -> None:
    db.conn.execute(
        "INSERT INTO indicator_ratings (engagement_id, assessor_id, indicator, note, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (engagement_id, assessor_id, indicator) DO UPDATE "
        "SET note = excluded.note, updated_at = excluded.updated_at",
        (engagement_id, assessor_id, code, note, now()))
    if not note:
        _drop_empty_indicator(db, engagement_id, assessor_id, code)


def _drop_empty_indicator(db: Database, engagement_id: str, assessor_id: int, code: str) -> None:
    db.conn.execute("DELETE FROM indicator_ratings WHERE engagement_id = ? AND assessor_id = ? "
                    "AND indicator = ? AND level IS NULL AND na = 0 AND note = ''",
                    (engagement_id, assessor_id, code))


def element(db: Database, engagement_id: str, assessor_id: int,
            code: str) -> tuple[str | None, str]:
    """(objective key or None, notes) of one assessor's element."""
    found = db.conn.execute(
        "SELECT objective, notes FROM element_ratings WHERE engagement_id = ? AND "
        "assessor_id = ? AND element = ?", (engagement_id, assessor_id, code)).fetchone()
    return (found[0], found[1]) if found else (None, "")


def set_objective(db: Database, engagement_id: str, assessor_id: int, code: str,
                  key: str | None) -> None:
    db.conn.execute(
        "INSERT INTO element_ratings (engagement_id, assessor_id, element, objective, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (engagement_id, assessor_id, element) DO UPDATE "
        "SET objective = excluded.objective, updated_at = excluded.updated_at",
        (engagement_id, assessor_id, code, key, now()))
    if key is None:
        _drop_empty_element(db, engagement_id, assessor_id, code)


def set_notes(db: Database, engagement_id: str, assessor_id: int, code: str, notes: str) -> None:
    db.conn.execute(
        "INSERT INTO element_ratings (engagement_id, assessor_id, element, notes, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (engagement_id, assessor_id, element) DO UPDATE "
        "SET notes = excluded.notes, updated_at = excluded.updated_at",
        (engagement_id, assessor_id, code, notes, now()))
    if not notes:
        _drop_empty_element(db, engagement_id, assessor_id, code)


def _drop_empty_element(db: Database, engagement_id: str, assessor_id: int, code: str) -> None:
    db.conn.execute("DELETE FROM element_ratings WHERE engagement_id = ? AND assessor_id = ? AND "
                    "element = ? AND objective IS NULL AND notes = ''",
                    (engagement_id, assessor_id, code))


def target(db: Database, engagement_id: str, code: str) -> int | None:
    found = db.conn.execute("SELECT target FROM element_targets WHERE engagement_id = ? AND "
                            "element = ?", (engagement_id, code)).fetchone()
    return found[0] if found else None


def set_target(db: Database, engagement_id: str, code: str, level: int | None) -> None:
    if level is None:
        db.conn.execute("DELETE FROM element_targets WHERE engagement_id = ? AND element = ?",
                        (engagement_id, code))
    else:
        db.conn.execute("INSERT INTO element_targets (engagement_id, element, target) VALUES "
                        "(?, ?, ?) ON CONFLICT (engagement_id, element) DO UPDATE SET "
                        "target = excluded.target", (engagement_id, code, level))


def consensus_indicator(db: Database, engagement_id: str,
                        code: str) -> tuple[IndicatorValue | None, str]:
    found = db.conn.execute("SELECT level, na, reason FROM consensus_indicators WHERE "
                            "engagement_id = ? AND indicator = ?",
                            (engagement_id, code)).fetchone()
    return (_value(found[0], found[1]), found[2]) if found else (None, "")


def set_consensus_indicator(db: Database, engagement_id: str, code: str,
                            value: IndicatorValue | None, reason: str = "") -> None:
    if value is None:
        db.conn.execute("DELETE FROM consensus_indicators WHERE engagement_id = ? AND "
                        "indicator = ?", (engagement_id, code))
        return
    db.conn.execute(
        "INSERT INTO consensus_indicators (engagement_id, indicator, level, na, reason, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (engagement_id, indicator) DO UPDATE "
        "SET level = excluded.level, na = excluded.na, reason = excluded.reason, "
        "updated_at = excluded.updated_at",
        (engagement_id, code, None if value == NA else value, int(value == NA), reason, now()))


def consensus_objective(db: Database, engagement_id: str, code: str) -> tuple[str | None, str]:
    found = db.conn.execute("SELECT objective, reason FROM consensus_elements WHERE "
                            "engagement_id = ? AND element = ?", (engagement_id, code)).fetchone()
    return (found[0], found[1]) if found else (None, "")


def set_consensus_objective(db: Database, engagement_id: str, code: str, key: str | None,
                            reason: str = "") -> None:
    if key is None:
        db.conn.execute("DELETE FROM consensus_elements WHERE engagement_id = ? AND element = ?",
                        (engagement_id, code))
        return
    db.conn.execute(
        "INSERT INTO consensus_elements (engagement_id, element, objective, reason, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (engagement_id, element) DO UPDATE SET "
        "objective = excluded.objective, reason = excluded.reason, "
        "updated_at = excluded.updated_at", (engagement_id, code, key, reason, now()))


def rating_set(db: Database, engagement_id: str) -> RatingSet:
    """Every assessor's ratings, the consensus and the targets of one engagement."""
    conn = db.conn
    names = {r[0]: r[1] for r in conn.execute(
        "SELECT id, name FROM assessors WHERE engagement_id = ? ORDER BY position, name",
        (engagement_id,))}
    indicators: dict[int, dict[str, IndicatorValue]] = {aid: {} for aid in names}
    for aid, code, level, na in conn.execute(
            "SELECT assessor_id, indicator, level, na FROM indicator_ratings WHERE "
            "engagement_id = ? AND (level IS NOT NULL OR na = 1)", (engagement_id,)):
        indicators[aid][code] = NA if na else level
    objectives: dict[int, dict[str, str]] = {aid: {} for aid in names}
    for aid, code, key in conn.execute(
            "SELECT assessor_id, element, objective FROM element_ratings WHERE "
            "engagement_id = ? AND objective IS NOT NULL", (engagement_id,)):
        objectives[aid][code] = key
    consensus_ind: dict[str, IndicatorValue] = {
        code: NA if na else level for code, level, na in conn.execute(
            "SELECT indicator, level, na FROM consensus_indicators WHERE engagement_id = ?",
            (engagement_id,))}
    consensus_obj = dict(conn.execute(
        "SELECT element, objective FROM consensus_elements WHERE engagement_id = ?",
        (engagement_id,)).fetchall())
    targets = dict(conn.execute("SELECT element, target FROM element_targets WHERE "
                                "engagement_id = ?", (engagement_id,)).fetchall())
    return RatingSet(
        assessors={names[aid]: Ratings(indicators[aid], objectives[aid]) for aid in names},
        consensus=Ratings(consensus_ind, consensus_obj), targets=targets)


def consensus_reasons(db: Database, engagement_id: str) -> list[tuple[str, str]]:
    rows = db.conn.execute(
        "SELECT indicator, reason FROM consensus_indicators WHERE engagement_id = ? AND "
        "reason != '' UNION ALL SELECT element, reason FROM consensus_elements WHERE "
        "engagement_id = ? AND reason != ''", (engagement_id, engagement_id)).fetchall()
    return sorted((r[0], r[1]) for r in rows)


def assessor_indicator_values(db: Database, engagement_id: str,
                              code: str) -> list[IndicatorValue]:
    """Every assessor's level or N/A for one indicator (unrated left out)."""
    return [NA if na else level for level, na in db.conn.execute(
        "SELECT level, na FROM indicator_ratings WHERE engagement_id = ? AND indicator = ? "
        "AND (level IS NOT NULL OR na = 1)", (engagement_id, code))]


def assessor_objective_values(db: Database, engagement_id: str, code: str) -> list[str]:
    """Every assessor's objective achievement for one element (unjudged left out)."""
    return [r[0] for r in db.conn.execute(
        "SELECT objective FROM element_ratings WHERE engagement_id = ? AND element = ? "
        "AND objective IS NOT NULL", (engagement_id, code))]

"""Improvement actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.core.engagement import Action, ActionStatus, Priority
from workbench.core.errors import NotFoundError
from workbench.storage.clock import now
from workbench.storage.sqlite_db import Database

_COLUMNS = "element, action, owner, priority, due_date, status, id"


def _action(r: tuple[Any, ...]) -> Action:
    return Action(str(r[0]), str(r[1]), str(r[2]), Priority(r[3]),
                  r[4] if isinstance(r[4], str) else None, ActionStatus(r[5]), int(r[6]))


def actions(db: Database, engagement_id: str, element: str | None = None) -> list[Action]:
    sql = f"SELECT {_COLUMNS} FROM actions WHERE engagement_id = ?"
    params: list[object] = [engagement_id]
    if element is not None:
        sql += " AND element = ?"
        params.append(element)
    return [_action(r) for r in db.conn.execute(sql + " ORDER BY position, uuid, id", params)]


def action(db: Database, engagement_id: str, action_id: int) -> Action:
    found = db.conn.execute(f"SELECT {_COLUMNS} FROM actions WHERE engagement_id = ? AND id = ?",
                            (engagement_id, action_id)).fetchone()
    if found is None:
        raise NotFoundError(f"no action #{action_id} in this engagement")
    return _action(found)


_INSERT = ("INSERT INTO actions (engagement_id, element, action, owner, priority, due_date, "
           "status, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _next_position(db: Database, engagement_id: str) -> int:
    return int(db.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM actions WHERE "
                               "engagement_id = ?", (engagement_id,)).fetchone()[0])


def _row(engagement_id: str, item: Action, position: int, stamp: str) -> tuple[object, ...]:
    return (engagement_id, item.element, item.action, item.owner, str(item.priority),
            item.due_date, str(item.status), position, stamp, stamp)


def add(db: Database, engagement_id: str, item: Action) -> int:
    cursor = db.conn.execute(_INSERT, _row(engagement_id, item, _next_position(db, engagement_id),
                                           now()))
    return int(cursor.lastrowid or 0)


def add_many(db: Database, engagement_id: str, items: Sequence[Action]) -> None:
    """Append many actions in their order (an import): one statement, linear in their number."""
    first, stamp = _next_position(db, engagement_id), now()
    db.conn.executemany(_INSERT, (_row(engagement_id, item, first + n, stamp)
                                  for n, item in enumerate(items)))


def update(db: Database, action_id: int, item: Action) -> None:
    db.conn.execute(
        "UPDATE actions SET element = ?, action = ?, owner = ?, priority = ?, due_date = ?, "
        "status = ?, updated_at = ? WHERE id = ?",
        (item.element, item.action, item.owner, str(item.priority), item.due_date,
         str(item.status), now(), action_id))


def remove(db: Database, action_id: int) -> None:
    db.conn.execute("DELETE FROM actions WHERE id = ?", (action_id,))

"""Improvement actions."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from workbench.core.engagement import Action, ActionStatus, Priority
from workbench.core.errors import NotFoundError
from workbench.storage.clock import now

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
    return [_action(r) for r in db.conn.execute(sql + " ORDER BY position, id", params)]


def action(db: Database, engagement_id: str, action_id: int) -> Action:
    found = db.conn.execute(f"SELECT {_COLUMNS} FROM actions WHERE engagement_id = ? AND id = ?",
                            (engagement_id, action_id)).fetchone()
    if found is None:
        raise NotFoundError(f"no action #{action_id} in this engagement")
    return _action(found)


def add(db: Database, engagement_id: str, item: Action, position: int | None = None) -> int:
    """Add an action at the end of the plan (or at `position`, known when writing a whole
    document, so 20,000 actions are written in linear time)."""
    stamp = now()
    if position is None:
        position = db.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM actions WHERE "
                                   "engagement_id = ?", (engagement_id,)).fetchone()[0]
    cursor = db.conn.execute(
        "INSERT INTO actions (engagement_id, element, action, owner, priority, due_date, status, "
        "position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (engagement_id, item.element, item.action, item.owner, str(item.priority), item.due_date,
         str(item.status), position, stamp, stamp))
    return int(cursor.lastrowid or 0)


def update(db: Database, action_id: int, item: Action) -> None:
    db.conn.execute(
        "UPDATE actions SET element = ?, action = ?, owner = ?, priority = ?, due_date = ?, "
        "status = ?, updated_at = ? WHERE id = ?",
        (item.element, item.action, item.owner, str(item.priority), item.due_date,
         str(item.status), now(), action_id))


def remove(db: Database, action_id: int) -> None:
    db.conn.execute("DELETE FROM actions WHERE id = ?", (action_id,))

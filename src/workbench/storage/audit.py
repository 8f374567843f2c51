"""The audit log: one row per change (who, when, what, old and new value)."""

from __future__ import annotations

import json
from typing import Any

from workbench.storage.clock import now
from workbench.storage.sqlite_db import Database


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(db: Database, engagement_id: str | None, actor: str, action: str, target: str = "",
           old: Any = None, new: Any = None) -> None:
    db.conn.execute(
        "INSERT INTO audit_log (at, engagement_id, actor, action, target, old, new) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (now(), engagement_id, actor, action, target, _text(old), _text(new)))


def history(db: Database, engagement_id: str, limit: int = 200) -> list[dict[str, Any]]:
    return list(db.query("SELECT at, actor, action, target, old, new FROM audit_log "
                         "WHERE engagement_id = ? ORDER BY id DESC LIMIT ?",
                         [engagement_id, limit]))


def since(db: Database, engagement_id: str, at: str, limit: int = 1000) -> list[dict[str, Any]]:
    """The engagement's audit entries recorded at or after `at`, newest first."""
    return list(db.query("SELECT at, actor, action, target FROM audit_log "
                         "WHERE engagement_id = ? AND at >= ? ORDER BY id DESC LIMIT ?",
                         [engagement_id, at, limit]))

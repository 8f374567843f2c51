"""Frameworks kept in the database, so an engagement keeps scoring the way it started."""

from __future__ import annotations

from functools import lru_cache

from workbench.core.errors import NotFoundError
from workbench.core.framework import Framework
from workbench.storage import framework_cache
from workbench.storage.clock import now
from workbench.storage.sqlite_db import Database


def store_framework(db: Database, framework: Framework) -> None:
    """Keep a framework's definition; the first stored text of an id and version stays."""
    import hashlib

    digest = hashlib.sha256(framework.source_text.encode()).hexdigest()
    db.execute("INSERT OR IGNORE INTO frameworks (id, version, name, sha256, content, added_at) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               [framework.id, framework.version, framework.name, digest, framework.source_text,
                now()])


@lru_cache(maxsize=32)
def _parse(digest: str, text: str, source: str) -> Framework:
    def validate(text: str) -> Framework:
        from workbench.core.framework_loader import parse_framework  # pydantic: on a miss

        return parse_framework(text, source)

    return framework_cache.validated(text, validate, digest)


def load_framework(db: Database, framework_id: str, version: str) -> Framework:
    row = db.execute("SELECT sha256, content FROM frameworks WHERE id = ? AND version = ?",
                     [framework_id, version]).fetchone()
    if row is None:
        raise NotFoundError(f"framework {framework_id} {version} is not in this database")
    return _parse(row[0], row[1], f"framework {framework_id} {version} (stored)")


def holds_texts(db: Database, texts: tuple[str, ...]) -> bool:
    """Whether every one of these definition texts is stored, exactly as it is."""
    return all(db.execute("SELECT 1 FROM frameworks WHERE content = ? LIMIT 1", [text]
                          ).fetchone() is not None for text in texts)


def stored_frameworks(db: Database) -> list[tuple[str, str, str]]:
    """(id, version, name) of every framework the database holds."""
    return [(r[0], r[1], r[2]) for r in db.execute(
        "SELECT id, version, name FROM frameworks ORDER BY id, version").fetchall()]


def usage(db: Database) -> dict[tuple[str, str], int]:
    """(id, version) -> the number of engagements that score with that framework version."""
    return {(r[0], r[1]): r[2] for r in db.execute(
        "SELECT framework_id, framework_version, count(*) FROM engagements "
        "GROUP BY framework_id, framework_version").fetchall()}


def delete_framework(db: Database, framework_id: str, version: str) -> None:
    """Remove a stored framework version (the engagements' foreign key keeps a used one)."""
    db.execute("DELETE FROM frameworks WHERE id = ? AND version = ?", [framework_id, version])

"""Frameworks kept in the database, so an engagement keeps scoring the way it started."""

from __future__ import annotations

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


def load_framework(db: Database, framework_id: str, version: str) -> Framework:
    """The stored framework version. Its text is read only when this process has not yet
    validated the text under that digest: a rating or a score reads 40 bytes, not the whole
    definition (and does not hash it again as a cache key)."""
    key = [framework_id, version]
    row = db.execute("SELECT sha256 FROM frameworks WHERE id = ? AND version = ?",
                     key).fetchone()
    if row is None:
        raise NotFoundError(f"framework {framework_id} {version} is not in this database")
    known = framework_cache.known(row[0])
    if known is not None:
        return known
    text = db.execute("SELECT content FROM frameworks WHERE id = ? AND version = ?",
                      key).fetchone()[0]
    source = f"framework {framework_id} {version} (stored)"

    def validate(text: str) -> Framework:
        from workbench.core.framework_loader import parse_framework  # pydantic: on a miss

        return parse_framework(text, source)

    return framework_cache.validated(text, validate, row[0])


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

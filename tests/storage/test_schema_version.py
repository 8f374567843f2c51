"""SCHEMA_VERSION is the number of migrations: appending one without bumping it fails here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database, Migrations

from workbench.storage import schema
from workbench.storage.database import open_database


def test_schema_version_counts_the_migrations_in_order() -> None:
    names = [m.name for m in schema.migrations.pending(Database(memory=True))]
    assert len(names) == schema.SCHEMA_VERSION
    # numbered 001, 002, … in the order they run, so the version names the last one
    assert [int(name.split("_", 1)[0]) for name in names] == \
        list(range(1, schema.SCHEMA_VERSION + 1))


def test_a_new_database_has_every_migration_and_the_version(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "fresh.sqlite3")
    try:
        assert schema.migrations.pending(opened.db) == []
        applied = schema.migrations.applied(opened.db)
        assert len(applied) == schema.SCHEMA_VERSION
        version = opened.db.execute("PRAGMA user_version").fetchone()[0]
        assert version == schema.SCHEMA_VERSION
    finally:
        opened.close()


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
                        ).fetchall()


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION + 1))
def test_a_database_created_at_each_version_opens_with_the_schema_of_a_new_one(
        tmp_path: Path, version: int) -> None:
    old = Migrations("workbench")
    for m in schema.migrations._migrations[:version]:
        old(name=m.name)(m.fn)
    path = tmp_path / f"v{version}.sqlite3"
    db = Database(path)
    old.apply(db)
    db.conn.execute(f"PRAGMA user_version = {version}")
    db.conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.close()
    opened = open_database(path)
    fresh = open_database(tmp_path / "new.sqlite3")
    try:
        assert opened.db.conn.execute("PRAGMA user_version").fetchone()[0] == \
            schema.SCHEMA_VERSION
        assert _schema(opened.db.conn) == _schema(fresh.db.conn)
    finally:
        opened.db.close()
        fresh.db.close()

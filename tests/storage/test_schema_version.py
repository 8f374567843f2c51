"""SCHEMA_VERSION is the number of migrations: appending one without bumping it fails here."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

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

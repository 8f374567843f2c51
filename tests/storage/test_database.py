"""Opening databases: checks, refusals, migration with backup, pragmas, on real files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from workbench.storage import database, schema
from workbench.storage.database import DatabaseError, open_database
from workbench.storage.sqlite_db import Migrations


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_is_configured(db_path: Path) -> None:
    opened = open_database(db_path)
    conn = opened.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    tables = {r[0]: r[1] for r in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
        "ESCAPE '\\'")}
    assert {"engagements", "assessors", "indicator_ratings", "element_ratings",
            "consensus_indicators", "consensus_elements", "element_targets", "findings",
            "attachments", "blobs", "actions", "signoffs", "audit_log",
            "frameworks"} <= set(tables)
    assert all(sql.rstrip().endswith("STRICT") for sql in tables.values())
    opened.close()


def test_reopening_changes_nothing(db_path: Path) -> None:
    open_database(db_path).close()
    again = open_database(db_path)
    assert again.backup is None
    again.close()


def test_a_database_from_a_newer_release_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    before = digest(db_path)
    with pytest.raises(DatabaseError, match="newer release"):
        open_database(db_path)
    assert digest(db_path) == before


def test_a_truncated_database_is_refused_untouched(session_with_data: Path) -> None:
    data = session_with_data.read_bytes()
    session_with_data.write_bytes(data[: len(data) // 3])
    before = digest(session_with_data)
    with pytest.raises(DatabaseError, match=r"damaged|unreadable|not a workbench"):
        open_database(session_with_data)
    assert digest(session_with_data) == before


@pytest.fixture
def session_with_data(tmp_path: Path) -> Path:
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    path = tmp_path / "full.sqlite3"
    s = Session.open(path)
    create_demo(s)
    s.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("hello, this is not SQLite at all" * 10)
    with pytest.raises(DatabaseError, match="not an SQLite file"):
        open_database(path)


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="another program"):
        open_database(path)


def test_pending_migrations_run_after_a_backup(db_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    s = Session.open(db_path)
    create_demo(s)
    s.close()
    newer = Migrations("workbench")
    for m in schema.migrations._migrations:
        newer(name=m.name)(m.fn)

    @newer(name="999_test_column")
    def _add(db: Database) -> None:
        db.execute("ALTER TABLE engagements ADD COLUMN colour TEXT")

    monkeypatch.setattr(database, "migrations", newer)
    monkeypatch.setattr(database, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    opened = open_database(db_path)
    assert opened.backup is not None and opened.backup.exists()
    columns = {r[1] for r in opened.db.conn.execute("PRAGMA table_info(engagements)")}
    assert "colour" in columns
    backup = sqlite3.connect(opened.backup)
    assert "colour" not in {r[1] for r in backup.execute("PRAGMA table_info(engagements)")}
    assert backup.execute("SELECT count(*) FROM engagements").fetchone()[0] == 1
    backup.close()
    opened.close()


def test_a_network_filesystem_gives_a_warning(db_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "filesystem_type", lambda path: "nfs4")
    opened = open_database(db_path)
    assert any("network filesystem" in w for w in opened.warnings)
    opened.close()


def test_default_location_follows_the_environment(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "x.sqlite3"))
    assert database.default_database_path() == tmp_path / "x.sqlite3"
    monkeypatch.delenv("WORKBENCH_DB")
    assert database.default_database_path().name == "workbench.sqlite3"


def test_raw_sql_cannot_break_the_rules(db_path: Path) -> None:
    opened = open_database(db_path)
    conn = opened.db.conn
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO assessors (engagement_id, name) VALUES ('nope', 'X')")
    with pytest.raises(sqlite3.Error):
        conn.execute("INSERT INTO blobs (sha256, size, data) VALUES ('a', 'big', x'00')")
    opened.close()

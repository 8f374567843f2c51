"""Migration 003 on a database of the previous release, with a signed-off engagement."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database, Migrations

from workbench.storage import schema
from workbench.storage.database import open_database

STAMP = "2026-11-02T10:00:00.000Z"


def _schema_2(path: Path) -> None:
    old = Migrations("workbench")
    for m in schema.migrations._migrations[:2]:
        old(name=m.name)(m.fn)
    db = Database(path)
    old.apply(db)
    c = db.conn
    c.execute("PRAGMA user_version = 2")
    c.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    c.execute("INSERT INTO frameworks VALUES ('fw', '1', 'F', 'x', 'text', ?)", (STAMP,))
    for eid in ("signed", "draft"):
        c.execute("INSERT INTO engagements (id, client, lead_assessor, framework_id, "
                  "framework_version, created_at, updated_at) VALUES (?, 'C', 'Ana', 'fw', '1',"
                  " ?, ?)", (eid, STAMP, STAMP))
        aid = c.execute("INSERT INTO assessors (engagement_id, name) VALUES (?, 'Ana')",
                        (eid,)).lastrowid
        c.execute("INSERT INTO findings (engagement_id, assessor_id, element, kind, text, "
                  "created_at) VALUES (?, ?, 'D1.1', 'strength', 'good', ?)", (eid, aid, STAMP))
        c.execute("INSERT INTO actions (engagement_id, element, action, created_at, updated_at)"
                  " VALUES (?, 'D1.1', 'do', ?, ?)", (eid, STAMP, STAMP))
    c.execute("INSERT INTO revisions (engagement_id, revision, opened_at) VALUES "
              "('signed', 1, ?)", (STAMP,))
    c.execute("UPDATE revisions SET signed_at = ?, content_hash = ?, canonical = '{}'",
              (STAMP, "0" * 64))
    c.execute("UPDATE engagements SET status = 'signed_off' WHERE id = 'signed'")
    c.commit()
    db.close()


def test_existing_rows_get_stable_ids_and_signed_ones_stay_locked(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _schema_2(path)
    opened = open_database(path)
    conn = opened.db.conn
    assert opened.backup is not None
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    for table in ("findings", "actions", "attachments"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE uuid IS NULL").fetchone()[0] \
            == 0
    assert len({r[0] for r in conn.execute("SELECT uuid FROM findings")}) == 2
    with pytest.raises(sqlite3.IntegrityError, match="signed off"):
        conn.execute("UPDATE findings SET text = 'changed' WHERE engagement_id = 'signed'")
    with pytest.raises(sqlite3.IntegrityError, match="signed off"):
        conn.execute("UPDATE findings SET uuid = 'x' WHERE engagement_id = 'signed'")
    conn.execute("UPDATE findings SET text = 'better' WHERE engagement_id = 'draft'")
    cells = dict(conn.execute("SELECT cell, stamp FROM merge_cells WHERE engagement_id = "
                              "'draft'").fetchall())
    [key] = [k for k in cells if k.startswith('["finding"')]
    assert cells[key] > STAMP
    opened.close()


def test_deleting_an_engagement_leaves_no_cells(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "new.sqlite3")
    conn = opened.db.conn
    conn.execute("INSERT INTO frameworks VALUES ('fw', '1', 'F', 'x', 'text', ?)", (STAMP,))
    conn.execute("INSERT INTO engagements (id, client, lead_assessor, framework_id, "
                 "framework_version, created_at, updated_at) VALUES ('e', 'C', 'Ana', 'fw', "
                 "'1', ?, ?)", (STAMP, STAMP))
    aid = conn.execute("INSERT INTO assessors (engagement_id, name) VALUES ('e', 'Ana')"
                       ).lastrowid
    conn.execute("INSERT INTO indicator_ratings (engagement_id, assessor_id, indicator, level, "
                 "updated_at) VALUES ('e', ?, 'D1.1.1', 3, ?)", (aid, STAMP))
    assert conn.execute("SELECT count(*) FROM merge_cells").fetchone()[0] == 2
    conn.execute("DELETE FROM engagements WHERE id = 'e'")
    assert conn.execute("SELECT count(*) FROM merge_cells").fetchone()[0] == 0
    opened.close()

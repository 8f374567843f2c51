"""Opening a database without sqlite-utils, and the full check only when it may matter
(issue 17): a damaged file still gets one clear message, at open or at the first read."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import workbench
from workbench.cli.main import main
from workbench.storage import database
from workbench.storage.database import DatabaseError, open_database
from workbench.storage.db_errors import DatabaseDamagedError, GuardedConnection
from workbench.storage.sqlite_db import Database


@pytest.fixture
def demo_db(tmp_path: Path) -> tuple[Path, str]:
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    path = tmp_path / "demo.sqlite3"
    s = Session.open(path)
    eid = create_demo(s)
    s.close()
    assert not Path(f"{path}-wal").exists()  # closed cleanly: the log is gone
    return path, eid


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(
        demo_db: tuple[Path, str], tmp_path: Path) -> None:
    probe = ("import json, sys\nfrom workbench.services.session import Session\n"
             "s = Session.open(sys.argv[1]); s.close()\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('sqlite_utils'))))")
    env = dict(os.environ, PYTHONPATH=str(Path(workbench.__file__).parent.parent),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", probe, str(demo_db[0])], capture_output=True,
                          text=True, env=env, timeout=120, check=True)
    assert json.loads(done.stdout) == []


def _spoil_pages(path: Path, first: int) -> None:
    """Overwrite every page from `first` on with noise, keeping the file's length."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(first * page, len(data), page):
        data[n:n + page] = bytes((n + k * 7) % 251 for k in range(page))
    path.write_bytes(bytes(data))


def test_a_clean_file_is_not_fully_checked_but_a_leftover_log_is(
        demo_db: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    checks: list[Path] = []
    real = database._quick_check
    monkeypatch.setattr(database, "_quick_check",
                        lambda conn, path: (checks.append(path), real(conn, path))[1])
    open_database(demo_db[0]).close()
    assert checks == []
    holder = open_database(demo_db[0])  # another program still has it open, mid-work
    holder.db.execute("UPDATE engagements SET title = title || '.'")
    try:
        open_database(demo_db[0]).close()
        assert checks == [demo_db[0]]
    finally:
        holder.close()


def test_damage_found_while_reading_is_one_clear_message(
        demo_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    path, eid = demo_db
    _spoil_pages(path, 2)
    before = path.read_bytes()
    code = main(["--db", str(path), "score", eid])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "damaged" in err and "restore a backup" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_a_truncated_file_is_refused_before_it_is_read(demo_db: tuple[Path, str]) -> None:
    path, _ = demo_db
    data = path.read_bytes()
    path.write_bytes(data[:len(data) - 4096])
    with pytest.raises(DatabaseError, match=r"damaged.*shorter than its header says"):
        open_database(path)


def test_damage_in_a_read_maps_to_the_damaged_error(demo_db: tuple[Path, str]) -> None:
    path, _ = demo_db
    _spoil_pages(path, 2)
    conn = sqlite3.connect(path, factory=GuardedConnection)
    try:
        with pytest.raises(DatabaseDamagedError, match="restore a backup"):
            conn.execute("SELECT * FROM audit_log").fetchall()
    finally:
        conn.close()


def _lean(tmp_path: Path) -> Database:
    db = Database(sqlite3.connect(tmp_path / "lean.sqlite3"))
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
    return db


def _other_sees(tmp_path: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(tmp_path / "lean.sqlite3")
    try:
        return conn.execute("SELECT id, v FROM t ORDER BY id").fetchall()
    finally:
        conn.close()


def test_a_write_outside_a_transaction_is_committed_at_once(tmp_path: Path) -> None:
    db = _lean(tmp_path)
    db.execute("INSERT INTO t (v) VALUES (?)", ["a"])
    assert not db.conn.in_transaction
    assert _other_sees(tmp_path) == [(1, "a")]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (v) VALUES (NULL)")
    assert not db.conn.in_transaction  # the failed statement left no transaction open
    assert list(db.query("SELECT id, v FROM t")) == [{"id": 1, "v": "a"}]
    assert db.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
    db.close()


def test_atomic_is_all_or_nothing_and_nests_as_savepoints(tmp_path: Path) -> None:
    db = _lean(tmp_path)
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO t (v) VALUES ('lost')")
        raise RuntimeError
    with db.atomic():
        db.execute("INSERT INTO t (v) VALUES ('kept')")
        with pytest.raises(RuntimeError), db.atomic():
            db.execute("INSERT INTO t (v) VALUES ('inner, lost')")
            raise RuntimeError
        with db.atomic():
            db.execute("INSERT INTO t (v) VALUES ('inner, kept')")
        assert _other_sees(tmp_path) == []  # nothing visible before the commit
    assert [v for _, v in _other_sees(tmp_path)] == ["kept", "inner, kept"]
    assert db.table_names() == ["t"]
    db.close()


def test_a_bundled_framework_missing_from_the_database_is_stored_again(
        demo_db: tuple[Path, str]) -> None:
    from workbench.services.session import Session
    from workbench.storage.framework_cache import bundled_frameworks

    path, _ = demo_db
    conn = sqlite3.connect(path)
    unused = conn.execute("SELECT id, version FROM frameworks WHERE NOT EXISTS (SELECT 1 FROM "
                          "engagements e WHERE e.framework_id = frameworks.id AND "
                          "e.framework_version = frameworks.version)").fetchall()
    assert unused  # the demo uses one of the bundled frameworks, not all of them
    conn.execute("DELETE FROM frameworks WHERE id = ? AND version = ?", unused[0])
    conn.commit()
    conn.close()
    session = Session.open(path)
    try:
        stored = {(r[0], r[1]) for r in session.db.execute("SELECT id, version FROM frameworks")}
        assert {(f.id, f.version) for f in bundled_frameworks()} <= stored
    finally:
        session.close()

"""Refusals of files that are not good packages: each one clear message, nothing changed."""

from __future__ import annotations

import os
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.package.helpers import digest
from workbench.core.errors import WorkbenchError
from workbench.services import package
from workbench.services.session import Session
from workbench.storage import package_file


@pytest.fixture
def packed(tmp_path: Path, session: Session, demo_id: str) -> Path:
    path = tmp_path / "demo.wbx"
    package.pack(session, demo_id, path)
    return path


def _edit(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _refused(session: Session, demo_id: str, path: Path, match: str) -> str:
    before = digest(session, demo_id)
    with pytest.raises(WorkbenchError, match=match) as info:
        package.preview_merge(session, path)
    fresh = Session.open(path.with_name("fresh.sqlite3"))
    with pytest.raises(WorkbenchError, match=match):
        package.import_package(fresh, path)
    assert fresh.db.conn.execute("SELECT count(*) FROM engagements").fetchone()[0] == 0
    fresh.close()
    assert digest(session, demo_id) == before
    assert "\n" not in str(info.value)
    return str(info.value)


def test_the_package_is_a_plain_sqlite_file_of_the_app_layout(packed: Path,
                                                              demo_id: str) -> None:
    conn = sqlite3.connect(packed)
    kinds = {r[0] for r in conn.execute("SELECT type FROM sqlite_master")}
    meta = dict(conn.execute("SELECT key, value FROM package_meta").fetchall())
    assert "trigger" not in kinds and "view" not in kinds
    assert meta["engagement_id"] == demo_id and meta["format_version"] == "1"
    assert meta["framework_id"] == "cem-6d"
    assert conn.execute("SELECT count(*) FROM engagements").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM package_manifest").fetchone()[0] == \
        len(package_file.TABLES)
    conn.close()


def test_only_that_engagements_rows_are_packed(tmp_path: Path, session: Session,
                                               demo_id: str) -> None:
    from workbench.services.demo import create_demo

    create_demo(session)
    path = tmp_path / "one.wbx"
    package.pack(session, demo_id, path)
    conn = sqlite3.connect(path)
    for table in ("engagements", "assessors", "indicator_ratings", "audit_log"):
        ids = {r[0] for r in conn.execute(
            f"SELECT {'id' if table == 'engagements' else 'engagement_id'} FROM {table}")}
        assert ids == {demo_id}, table
    conn.close()


@pytest.mark.parametrize("tamper", [
    "UPDATE indicator_ratings SET level = 1 WHERE rowid = (SELECT min(rowid) FROM "
    "indicator_ratings WHERE level > 1)",
    "DELETE FROM findings WHERE rowid = (SELECT min(rowid) FROM findings)",
    "UPDATE merge_cells SET stamp = '2999-01-01T00:00:00.000Z'",
])
def test_a_tampered_package_is_refused(packed: Path, session: Session, demo_id: str,
                                       tamper: str) -> None:
    _edit(packed, tamper)
    _refused(session, demo_id, packed, "does not match its manifest")


def test_a_truncated_package_is_refused(packed: Path, session: Session, demo_id: str) -> None:
    data = packed.read_bytes()
    packed.write_bytes(data[: len(data) * 2 // 3])
    _refused(session, demo_id, packed, "damaged|does not match")


def test_a_malformed_page_is_refused(packed: Path, session: Session, demo_id: str) -> None:
    data = bytearray(packed.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 2, min(len(data), page * 6), 7):
        data[offset] ^= 0x5A
    packed.write_bytes(bytes(data))
    _refused(session, demo_id, packed, "damaged|does not match|not an engagement package")


def test_a_newer_format_version_is_refused(packed: Path, session: Session,
                                           demo_id: str) -> None:
    _edit(packed, "UPDATE package_meta SET value = '9' WHERE key = 'format_version'")
    _refused(session, demo_id, packed, "newer release")


def test_another_framework_version_is_refused_on_merge(packed: Path, session: Session,
                                                       demo_id: str) -> None:
    _edit(packed, "UPDATE package_meta SET value = '0.9' WHERE key = 'framework_version'")
    before = digest(session, demo_id)
    with pytest.raises(WorkbenchError, match=r"version 0\.9"):
        package.preview_merge(session, packed)
    assert digest(session, demo_id) == before


@pytest.mark.parametrize("statement", [
    "CREATE TRIGGER evil AFTER INSERT ON assessors BEGIN DELETE FROM engagements; END",
    "CREATE VIEW evil AS SELECT * FROM engagements",
])
def test_triggers_and_views_are_refused(packed: Path, session: Session, demo_id: str,
                                        statement: str) -> None:
    _edit(packed, statement)
    _refused(session, demo_id, packed, "triggers or views")


def test_an_unknown_table_is_refused(packed: Path, session: Session, demo_id: str) -> None:
    _edit(packed, "CREATE TABLE surprise (x)")
    _refused(session, demo_id, packed, "surprise")


def test_a_huge_blob_is_refused(packed: Path, session: Session, demo_id: str,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_file, "MAX_BLOB", 1000)
    _edit(packed, "INSERT INTO blobs VALUES ('" + "0" * 64 + "', 5000, zeroblob(5000))")
    _refused(session, demo_id, packed, "larger than")


def test_a_huge_text_is_refused(packed: Path, session: Session, demo_id: str) -> None:
    _edit(packed, "UPDATE element_ratings SET notes = printf('%.*c', 1000001, 'x') "
                  "WHERE rowid = (SELECT min(rowid) FROM element_ratings)")
    _refused(session, demo_id, packed, "larger than")


def test_a_cell_outside_the_framework_is_refused(packed: Path, session: Session,
                                                 demo_id: str) -> None:
    _edit(packed, "UPDATE indicator_ratings SET indicator = 'Z9.9.9' WHERE rowid = "
                  "(SELECT min(rowid) FROM indicator_ratings)")
    # re-seal the manifest, as a forger would: the content checks still refuse it
    conn = sqlite3.connect(packed)
    cols = package_file.columns(conn, "indicator_ratings")
    conn.execute("UPDATE package_manifest SET sha256 = ? WHERE name = 'indicator_ratings'",
                 (package_file._table_digest(conn, "indicator_ratings", cols),))
    conn.commit()
    conn.close()
    _refused(session, demo_id, packed, "framework does not have")


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(5000))


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("engagement.json", "{}")


def _plain_db(path: Path) -> None:
    Session.open(path).close()


@pytest.mark.parametrize("make, match", [
    (_random, "not an SQLite file"), (_zip, "not an SQLite file"),
    (_plain_db, "a workbench database without a package manifest"),
])
def test_files_that_are_not_packages_are_refused(tmp_path: Path, session: Session,
                                                 demo_id: str, make: Callable[[Path], None],
                                                 match: str) -> None:
    path = tmp_path / "not.wbx"
    make(path)
    _refused(session, demo_id, path, match)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_hanging(tmp_path: Path, session: Session,
                                           demo_id: str) -> None:
    fifo = tmp_path / "pipe.wbx"
    os.mkfifo(fifo)
    with pytest.raises(WorkbenchError, match="not a regular file"):
        package.preview_merge(session, fifo)
    with pytest.raises(WorkbenchError, match="not a regular file"):
        package.looks_like_package(fifo)


def test_packing_to_a_folder_or_device_is_refused(tmp_path: Path, session: Session,
                                                  demo_id: str) -> None:
    with pytest.raises(WorkbenchError, match="folder"):
        package.pack(session, demo_id, tmp_path)
    with pytest.raises(WorkbenchError, match="device or special"):
        package.pack(session, demo_id, Path("/dev/null"))
    assert not list(tmp_path.glob(".*.partial"))


def test_packing_over_the_open_database_is_refused(session: Session, demo_id: str) -> None:
    before = digest(session, demo_id)
    with pytest.raises(WorkbenchError, match="this laptop's database"):
        package.pack(session, demo_id, session.path)
    assert digest(session, demo_id) == before


def test_a_revision_with_values_the_database_refuses_is_refused(
        tmp_path: Path, session: Session, demo_id: str) -> None:
    path = tmp_path / "bad-revision.wbx"
    package.pack(session, demo_id, path)
    conn = sqlite3.connect(path)  # a revision row without its reason, manifest re-sealed
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("INSERT INTO revisions (engagement_id, revision, reason, opened_at) VALUES "
                 "(?, 2, '', 'now')", (demo_id,))
    conn.execute("UPDATE engagements SET revision = 2")
    for table in ("revisions", "engagements"):
        cols = package_file.columns(conn, table)
        conn.execute("UPDATE package_manifest SET sha256 = ? WHERE name = ?",
                     (package_file._table_digest(conn, table, cols), table))
    conn.commit()
    conn.close()
    fresh = Session.open(tmp_path / "fresh.sqlite3")
    with pytest.raises(WorkbenchError, match=r"refused: the package holds a value") as info:
        package.import_package(fresh, path)
    assert "\n" not in str(info.value) and "Traceback" not in str(info.value)
    assert fresh.db.conn.execute("SELECT count(*) FROM engagements").fetchone()[0] == 0
    fresh.close()

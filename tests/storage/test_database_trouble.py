"""Databases in trouble: busy, read-only, full. One clear message each; nothing lost.

The read-only tests run the CLI as the unprivileged user `nobody` (root ignores file
permissions); the disk-full test mounts a tiny tmpfs. Each is skipped, saying why, where
the machine cannot do it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.core.engagement import FindingKind
from workbench.services import assessment
from workbench.services.session import Session
from workbench.storage import database
from workbench.storage.db_errors import (
    BUSY_MESSAGE,
    FULL_MESSAGE,
    DatabaseBusyError,
    DatabaseDamagedError,
    DiskFullError,
    GuardedConnection,
    translated,
)

SRC = str(Path(__file__).resolve().parents[2] / "src")
EDITOR = str(Path(__file__).with_name("concurrent_editor.py"))


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=SRC, QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


# ------------------------------------------------------------------ busy


def test_a_held_database_gives_the_busy_message_and_changes_nothing(
        session: Session, demo_id: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = session.path
    session.close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the database
    try:
        code = main(["note", demo_id, "D1.1", "held", "--db", str(path)])
        _, err = capsys.readouterr()
        assert code == 1
        assert err == f"error: {BUSY_MESSAGE}\n"
        code = main(["engagement", "list", "--db", str(path)])  # reading needs no write lock
        out, err = capsys.readouterr()
        assert code == 0 and demo_id in out, err
    finally:
        other.execute("ROLLBACK")
        other.close()
    s = Session.open(path)
    try:
        assert "held" not in assessment.notes(s, demo_id, "D1.1")
        # A write lock taken after opening gives the same message.
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        s.db.conn.execute(f"PRAGMA busy_timeout = {database.BUSY_TIMEOUT_MS}")
        with pytest.raises(DatabaseBusyError, match=BUSY_MESSAGE):
            assessment.set_notes(s, demo_id, "D1.1", "held again")
        holder.execute("ROLLBACK")
        holder.close()
        assert "held again" not in assessment.notes(s, demo_id, "D1.1")
    finally:
        s.close()


def test_two_programs_editing_at_once_lose_nothing(session: Session, demo_id: str) -> None:
    path = session.path
    before = len(assessment.findings(session, demo_id, "D1.1", FindingKind.STRENGTH))
    session.close()
    count = 200
    children = [subprocess.Popen([sys.executable, EDITOR, str(path), demo_id, name,
                                  str(count)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env=_env())
                for name in ("left", "right")]
    acknowledged: set[str] = set()
    refused: list[str] = []
    for name, child in zip(("left", "right"), children, strict=True):
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        assert "Traceback" not in err
        for line in out.splitlines():
            if line.startswith("ok "):
                acknowledged.add(f"{name}-{line[3:]}")
            else:
                refused.append(line)
    assert all(line.endswith(BUSY_MESSAGE) for line in refused), refused[:3]
    assert len(acknowledged) + len(refused) == 2 * count
    s = Session.open(path)
    try:
        texts = {t for _, t in assessment.findings(s, demo_id, "D1.1", FindingKind.STRENGTH)}
    finally:
        s.close()
    assert acknowledged <= texts  # every acknowledged edit is there
    assert len(texts) == before + len(acknowledged)  # and no refused one
    print(f"concurrent edits: {len(acknowledged)} acknowledged, {len(refused)} refused")


# ------------------------------------------------------------------ read-only


def _nobody() -> list[str] | None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return None
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside pytest's private tmp (0700), readable by `nobody`."""
    folder = Path(tempfile.mkdtemp(prefix="wb-readonly-"))
    folder.chmod(0o755)
    yield folder
    for root, dirs, _ in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
    folder.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def _as_nobody(prefix: list[str], home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, "-m", "workbench", *args],
                          capture_output=True, text=True, timeout=300,
                          env=_env(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"),
                                   XDG_DATA_HOME=str(home / "data")))


@pytest.mark.parametrize("how", ["file", "folder"])
def test_a_read_only_database_opens_read_only(shared_dir: Path, how: str) -> None:
    prefix = _nobody()
    if prefix is None:
        pytest.skip("needs root and setpriv to run the CLI as the unprivileged user nobody "
                    "(root ignores file permissions)")
    data = shared_dir / "data"
    data.mkdir()
    db = data / "workbench.sqlite3"
    s = Session.open(db)
    from workbench.services.demo import create_demo

    eid = create_demo(s)
    s.close()
    home = shared_dir / "home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    os.chmod(db, 0o444)
    for side in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        side.unlink(missing_ok=True)
    if how == "folder":
        os.chmod(data, 0o555)
    else:
        os.chmod(data, 0o777)  # the folder is writable; only the file is read-only
    before = db.read_bytes()

    listed = _as_nobody(prefix, home, "engagement", "list", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert "Northwind" in listed.stdout or eid in listed.stdout or listed.stdout.strip()
    scored = _as_nobody(prefix, home, "score", eid, "--json", "--db", str(db))
    assert scored.returncode == 0, scored.stderr
    report = home / "report.pdf"
    exported = _as_nobody(prefix, home, "export", "pdf", eid, "-o", str(report), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    assert report.read_bytes().startswith(b"%PDF-")
    edited = _as_nobody(prefix, home, "note", eid, "D1.1", "x", "--db", str(db))
    assert edited.returncode == 1
    last = edited.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and "read-only" in last
    for result in (listed, scored, exported, edited):
        assert "damaged" not in result.stderr and "backup" not in result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


# ------------------------------------------------------------------ disk full


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs needs root")
    where = Path(tempfile.mkdtemp(prefix="wb-full-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(where)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        where.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield where
    unmounted = subprocess.run(["umount", str(where)], capture_output=True, check=False)
    if unmounted.returncode != 0:
        subprocess.run(["umount", "-l", str(where)], check=False)
    where.rmdir()


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    try:
        with filler.open("wb") as out:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
    except OSError:
        pass  # full (possibly already full before the filler's first block)
    return filler


def test_a_full_disk_says_so_and_loses_nothing(tiny_disk: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tiny_disk / "workbench.sqlite3"
    s = Session.open(db)
    from workbench.services.demo import create_demo

    eid = create_demo(s)
    assessment.set_notes(s, eid, "D1.1", "kept before the disk filled")
    filler = _fill(tiny_disk)
    try:
        with pytest.raises(DiskFullError, match=FULL_MESSAGE):
            for n in range(200):  # enough new pages to need the disk
                assessment.add_finding(s, eid, "D1.1", FindingKind.STRENGTH, f"{n} " + "x" * 4000)
        code = main(["note", eid, "D1.2", "y" * 90_000, "--db", str(db)])
        _, err = capsys.readouterr()
        assert code == 1 and err.strip().splitlines()[-1] in (
            f"error: {FULL_MESSAGE}", f"error: {BUSY_MESSAGE}")
    finally:
        filler.unlink(missing_ok=True)
    assert assessment.notes(s, eid, "D1.1") == "kept before the disk filled"
    assert s.db.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assessment.set_notes(s, eid, "D1.1", "room again")
    assert assessment.notes(s, eid, "D1.1") == "room again"
    s.close()


def test_a_database_whose_pages_sqlite_reads_as_out_of_memory_is_called_damaged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A fuzzer's find: SQLite answers these damaged pages with "out of memory" (MemoryError).
    found = Path(__file__).parents[1] / "fuzz" / "regressions" / "package" / \
        "pages-sqlite-reads-as-out-of-memory"
    db = tmp_path / "workbench.sqlite3"
    shutil.copyfile(found, db)
    before = db.read_bytes()
    code = main(["engagement", "list", "--db", str(db)])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.strip() == (f"error: {db}: the database is damaged (SQLite could not read its "
                           "pages); restore a backup (files named *.backup-*.sqlite3 beside it)")
    assert db.read_bytes() == before  # nothing changed


def test_pages_read_as_out_of_memory_after_opening_are_called_damaged(tmp_path: Path) -> None:
    # The same damaged file read through a connection already open (a file damaged under an
    # open window): every statement and fetch gives the product's damaged-database error.
    found = Path(__file__).parents[1] / "fuzz" / "regressions" / "package" / \
        "pages-sqlite-reads-as-out-of-memory"
    db = tmp_path / "damaged.sqlite3"
    shutil.copyfile(found, db)
    guarded, raw = sqlite3.connect(db, factory=GuardedConnection), sqlite3.connect(db)
    try:
        with pytest.raises(DatabaseDamagedError, match="SQLite could not read its pages"):
            guarded.execute("SELECT name FROM sqlite_master").fetchall()
        with pytest.raises(DatabaseDamagedError, match="restore a backup"), translated():
            raw.execute("PRAGMA quick_check").fetchall()
    finally:
        guarded.close()
        raw.close()

"""Opening a workbench database safely: check, back up, migrate, configure.

Order on open: the file must be SQLite and ours, and as long as its header says;
`PRAGMA quick_check` must pass when the file may not have been closed cleanly (its
write-ahead log is still there) or before a migration; a database written by a newer
release is refused; pending migrations run only after a backup made with SQLite's backup
API; then WAL, foreign keys and `synchronous=FULL` (an acknowledged edit survives a killed
process and a power cut). Damage found later, by SQLite's own checks while reading, is
refused with the same message (storage/db_errors.py).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

from workbench.core.errors import WorkbenchError
from workbench.storage.db_errors import (
    UNREADABLE_PAGES,
    DatabaseDamagedError,
    GuardedConnection,
    damaged_message,
    translated,
)
from workbench.storage.schema import APPLICATION_ID, SCHEMA_VERSION, migrations
from workbench.storage.sqlite_db import Database

SQLITE_HEADER = b"SQLite format 3\x00"
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "afs", "9p", "fuse.sshfs",
                       "ncpfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre"}


class DatabaseError(WorkbenchError):
    """The database cannot be opened or used as it is; nothing was changed."""


class OpenedDatabase:
    """A database as opened: the handle, its file, warnings for the user, the backup made,
    and whether the file (or its folder) cannot be written (then edits are refused)."""

    def __init__(self, db: Database, path: Path, warnings: list[str] | None = None,
                 backup: Path | None = None, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.warnings: list[str] = [] if warnings is None else warnings
        self.backup = backup
        self.read_only = read_only

    def close(self) -> None:
        self.db.close()


def default_database_path() -> Path:
    """`WORKBENCH_DB`, else the per-user data folder's `workbench.sqlite3`."""
    env = os.environ.get("WORKBENCH_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path  # only here: a whole import for one folder

    return user_data_path("assessor-workbench", appauthor=False) / "workbench.sqlite3"


def filesystem_type(path: Path) -> str | None:
    """The type of the filesystem holding `path` (Linux: from /proc/mounts), if known."""
    if sys.platform.startswith("win"):
        return "smb" if str(path.resolve()).startswith("\\\\") else None
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = str(path.resolve())
    best, kind = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) \
                and len(mount_point) >= len(best):
            best, kind = mount_point, parts[2]
    return kind


def _check_existing(path: Path) -> None:
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(header) == 0:
        return  # an empty file becomes a new database
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise DatabaseError(f"{path}: not a workbench database (not an SQLite file)")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise DatabaseError(f"{path}: an SQLite database of another program, not a workbench "
                            "database")
    if not _may_not_have_been_closed(path) and _shorter_than_its_header_says(path, header):
        raise DatabaseError(f"{path}: " + damaged_message("the file is shorter than its "
                                                          "header says"))


def _shorter_than_its_header_says(path: Path, header: bytes) -> bool:
    """Whether the file ends before the last page its header counts (a truncated copy).

    The count is valid only when the header says so (its "version-valid-for" number equals
    its change counter), as SQLite itself reads it, and only without a write-ahead log
    (pages not yet copied back to the file are in the log)."""
    if header[92:96] != header[24:28]:
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    try:
        return path.stat().st_size < page_size * pages
    except OSError:
        return False


def _may_not_have_been_closed(path: Path) -> bool:
    """Whether the write-ahead log is still beside the file: the last program to use it
    did not close it cleanly (or one still has it open)."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


BUSY_TIMEOUT_MS = 5000  # how long an edit waits for another program before saying so


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if not read_only:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000,
                               factory=GuardedConnection)
    else:
        # mode=ro: SQLite refuses every write. When not even the WAL index beside the file
        # can be made (a read-only folder), the file is opened as immutable.
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000, factory=GuardedConnection)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except WorkbenchError:
            conn.close()
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False,
                                   factory=GuardedConnection)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _is_read_only(path: Path) -> bool:
    """Whether the file, or the folder its journal must be written in, is not writable."""
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: " + damaged_message(str(exc))) from None
    if [r[0] for r in rows] != ["ok"]:
        first = "; ".join(str(r[0]) for r in rows[:3])
        raise DatabaseError(f"{path}: " + damaged_message(first))


def backup_database(conn: sqlite3.Connection, path: Path, reason: str) -> Path:
    """Copy a live database with SQLite's backup API to `<name>.backup-<time>-<reason>.sqlite3`."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}-{reason}.sqlite3")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp}-{reason}-{n}.sqlite3")
    with translated():  # a full disk or a busy database says so, like every other step
        dest = sqlite3.connect(str(target))
        try:
            conn.backup(dest)
        finally:
            dest.close()
    return target


def open_database(path: Path | str, *, create: bool = True) -> OpenedDatabase:
    """Open (creating if allowed) a workbench database, checked and migrated."""
    path = Path(path).expanduser()
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        _check_existing(path)
    elif not create:
        raise DatabaseError(f"{path}: no such database")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"{path.parent}: cannot create the folder "
                                f"({exc.strerror or exc})") from None
    read_only = existed and _is_read_only(path)
    warnings: list[str] = []
    if read_only:
        warnings.append(f"{path} is read-only: it can be viewed and exported, not changed")
    fs = filesystem_type(path.parent)
    if fs and fs.lower() in NETWORK_FILESYSTEMS:
        warnings.append(f"{path} lies on a network filesystem ({fs}); SQLite cannot lock it "
                        "reliably there. Keep the database on this laptop's own disk.")
    try:
        conn = _connect(path, read_only)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot be opened ({exc})") from None
    try:
        backup = _prepare(conn, path, existed, read_only)
    except DatabaseDamagedError as exc:
        conn.close()
        raise DatabaseError(f"{path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"{path}: the database is damaged or unreadable ({exc})") from None
    except MemoryError:  # SQLite answers some damaged pages with "out of memory"
        conn.close()
        raise DatabaseError(f"{path}: the database is damaged or unreadable "
                            f"({UNREADABLE_PAGES})") from None
    except BaseException:
        conn.close()
        raise
    db = Database(conn)
    return OpenedDatabase(db, path, warnings, backup, read_only)


def _prepare(conn: sqlite3.Connection, path: Path, existed: bool,
             read_only: bool = False) -> Path | None:
    backup = None
    checked = False
    if existed:
        if _may_not_have_been_closed(path):
            _quick_check(conn, path)
            checked = True
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise DatabaseError(f"{path}: written by a newer release of the workbench (schema "
                                f"{version}, this release knows {SCHEMA_VERSION}); update the "
                                "application to open it")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "engagements" not in tables and "_sqlite_migrations" not in tables:
            raise DatabaseError(f"{path}: an SQLite database of another program, not a workbench "
                                "database")
    db = Database(conn)
    pending = migrations.pending(db)
    if pending and existed and not checked:
        _quick_check(conn, path)  # a migration rewrites tables: never over a damaged file
    if read_only:
        if pending:
            raise DatabaseError(f"{path}: the file is read-only, and this release must update "
                                "its structure before using it; open a writable copy")
        conn.execute("PRAGMA foreign_keys = ON")
        return None
    if pending and existed and db.table_names():
        backup = backup_database(conn, path, "before-migration")
    conn.execute("PRAGMA foreign_keys = OFF")  # migrations may rebuild tables
    if pending:
        migrations.apply(db)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # an acknowledged edit survives a power cut too
    conn.execute("PRAGMA foreign_keys = ON")
    return backup

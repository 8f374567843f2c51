"""The engagement package file (`.wbx`): one engagement in an SQLite file of the app's layout.

Written fresh (tables only: no triggers, views or indexes) with just that engagement's rows,
plus `package_meta` (format, engagement, framework, times, versions) and `package_manifest`
(per table: the columns hashed and the SHA-256 of its rows in a fixed order; blobs are
hashed by their content address and each blob is checked against it when read).

Read from a private copy (so a FIFO or a file changed while read cannot fool it), opened
read-only and immutable with `trusted_schema=OFF`; a file with triggers or views, unknown
tables, oversized values, a failing `quick_check` or a manifest that does not match is
refused before anything touches the user's database.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from workbench.core.errors import WorkbenchError
from workbench.core.files import atomic_output, copy_regular_file
from workbench.storage.clock import now
from workbench.storage.db_errors import UNREADABLE_PAGES

FORMAT = "workbench.package"
FORMAT_VERSION = 1
MAX_PACKAGE = 2 * 1024 ** 3
MAX_TEXT = 1_000_000  # characters in one text value
MAX_LARGE_TEXT = 50_000_000  # a framework definition or a signed revision's canonical JSON
MAX_BLOB = 256 * 1024 * 1024  # one attachment or signature image
SQLITE_HEADER = b"SQLite format 3\x00"

# table -> the rows of one engagement (each `?` is the engagement id)
TABLES: dict[str, str] = {
    "frameworks": "(id, version) IN (SELECT framework_id, framework_version FROM "
                  "src.engagements WHERE id = ?)",
    "engagements": "id = ?",
    "assessors": "engagement_id = ?",
    "indicator_ratings": "engagement_id = ?",
    "element_ratings": "engagement_id = ?",
    "consensus_indicators": "engagement_id = ?",
    "consensus_elements": "engagement_id = ?",
    "element_targets": "engagement_id = ?",
    "findings": "engagement_id = ?",
    "blobs": "sha256 IN (SELECT sha256 FROM src.attachments WHERE engagement_id = ? UNION "
             "SELECT signature_sha256 FROM src.signoffs WHERE engagement_id = ?)",
    "attachments": "engagement_id = ?",
    "actions": "engagement_id = ?",
    "interviews": "engagement_id = ?",
    "reviewed_documents": "engagement_id = ?",
    "revisions": "engagement_id = ?",
    "signoffs": "engagement_id = ?",
    "audit_log": "engagement_id = ?",
    "merge_cells": "engagement_id = ?",
}
# Tables a package of an earlier release (schema 4) does not have: such a package is read
# as one with an empty site-visit log.
OPTIONAL_TABLES = frozenset({"interviews", "reviewed_documents"})
_LARGE = {("frameworks", "content"), ("revisions", "canonical")}
_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")


class PackageError(WorkbenchError):
    """A file that cannot be used as an engagement package; nothing was changed."""


def columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _hashed_columns(table: str, cols: list[str]) -> list[str]:
    return [c for c in cols if not (table == "blobs" and c == "data")]


def _table_digest(conn: sqlite3.Connection, table: str, cols: list[str]) -> str:
    digest = hashlib.sha256()
    listed = ", ".join(cols)
    for row in conn.execute(f"SELECT {listed} FROM {table} ORDER BY {listed}"):
        digest.update(json.dumps([v.hex() if isinstance(v, bytes) else v for v in row],
                                 ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


Progress = Callable[[float, str], None]


def write_package(source: Path, engagement_id: str, target: Path, meta: dict[str, str],
                  progress: Progress | None = None) -> Path:
    """Write one engagement of the database file `source` into a new package at `target`."""
    try:
        with atomic_output(target) as tmp:
            conn = sqlite3.connect(f"file:{quote(str(tmp))}", uri=True, isolation_level=None)
            try:
                _fill(conn, source, engagement_id, meta, progress)
            finally:
                conn.close()
    except sqlite3.Error as exc:
        raise PackageError(f"{target}: the package could not be written ({exc})") from None
    if progress:
        progress(1.0, "Packed")
    return target


def _fill(conn: sqlite3.Connection, source: Path, engagement_id: str, meta: dict[str, str],
          progress: Progress | None) -> None:
    """Copy the engagement's rows from `source` into the empty database `conn`, with the
    package's metadata and manifest."""
    conn.execute("PRAGMA page_size = 65536")  # fewer pages for the photos
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    src = f"file:{quote(str(Path(source).resolve()))}?mode=ro"
    conn.execute("ATTACH DATABASE ? AS src", (src,))
    conn.execute("BEGIN")
    manifest = []
    for n, (table, where) in enumerate(TABLES.items()):
        if progress:
            progress(n / len(TABLES), f"Packing {table.replace('_', ' ')}")
        sql = conn.execute("SELECT sql FROM src.sqlite_master WHERE type = 'table' AND "
                           "name = ?", (table,)).fetchone()[0]
        conn.execute(sql)
        cols = columns(conn, table, "src")
        listed = ", ".join(cols)
        conn.execute(f"INSERT INTO main.{table} ({listed}) SELECT {listed} FROM "
                     f"src.{table} WHERE {where}", [engagement_id] * where.count("?"))
        hashed = _hashed_columns(table, cols)
        manifest.append((table, json.dumps(hashed),
                         _table_digest(conn, f"main.{table}", hashed)))
    conn.execute("UPDATE main.engagements SET baseline_id = NULL")
    manifest = [(t, c, _table_digest(conn, f"main.{t}", json.loads(c)))
                if t == "engagements" else (t, c, d) for t, c, d in manifest]
    conn.execute("CREATE TABLE package_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
                 " STRICT")
    conn.executemany("INSERT INTO package_meta VALUES (?, ?)", sorted(
        {**meta, "format": FORMAT, "format_version": str(FORMAT_VERSION),
         "engagement_id": engagement_id, "created_at": now()}.items()))
    conn.execute("CREATE TABLE package_manifest (name TEXT PRIMARY KEY, columns TEXT "
                 "NOT NULL, sha256 TEXT NOT NULL) STRICT")
    conn.executemany("INSERT INTO package_manifest VALUES (?, ?, ?)", manifest)
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE src")


class PackageFile:
    """An engagement package opened for reading: verified, read-only, a private copy."""

    def __init__(self, path: Path, conn: sqlite3.Connection, folder: str,
                 meta: dict[str, str]) -> None:
        self.path = path
        self.conn = conn
        self._folder = folder
        self.meta = meta

    @property
    def engagement_id(self) -> str:
        return self.meta["engagement_id"]

    def close(self) -> None:
        self.conn.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> PackageFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def blob(self, digest: str) -> bytes:
        """A blob's bytes, checked against its content address."""
        found = self.conn.execute("SELECT data FROM blobs WHERE sha256 = ?",
                                  (digest,)).fetchone()
        if found is None or not isinstance(found[0], bytes):
            raise PackageError(f"{self.path}: the package lacks the file {digest[:12]}… it "
                               "refers to (damaged or tampered with)")
        data = bytes(found[0])
        if hashlib.sha256(data).hexdigest() != digest:
            raise PackageError(f"{self.path}: a file in the package does not match its "
                               "SHA-256 in the manifest (damaged or tampered with)")
        return data

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise PackageError(f"{self.path}: the package is damaged ({exc})") from None


def _strict_text(path: Path) -> Callable[[bytes], str]:
    """Text from the package as UTF-8, or one clear refusal (never a UnicodeDecodeError)."""
    def decode(raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise PackageError(f"{path}: the package is damaged (text that is not UTF-8)") \
                from None
    return decode



def open_package(path: Path, local: sqlite3.Connection) -> PackageFile:
    """Open and verify a package; `local` (the user's database) names the known columns."""
    path = Path(path)
    folder = tempfile.mkdtemp(prefix="workbench-package-")
    copy = Path(folder) / "package.sqlite3"
    conn: sqlite3.Connection | None = None
    try:
        copy_regular_file(path, copy, limit=MAX_PACKAGE, what="package")
        with copy.open("rb") as f:
            header = f.read(100)
        if not header.startswith(SQLITE_HEADER) or len(header) < 100:
            raise PackageError(f"{path}: not an engagement package (not an SQLite file)")
        conn = sqlite3.connect(f"file:{quote(str(copy))}?mode=ro&immutable=1", uri=True,
                               isolation_level=None)
        conn.text_factory = _strict_text(path)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        meta = _verify(path, conn, local)
        return PackageFile(path, conn, folder, meta)
    except (sqlite3.DatabaseError, UnicodeDecodeError, MemoryError) as exc:  # a damaged
        # schema's message may itself not be UTF-8; SQLite answers some damaged pages with
        # "out of memory" (the copy is bounded, so that is the file, not this laptop)
        if conn is not None:
            conn.close()
        shutil.rmtree(folder, ignore_errors=True)
        reason = " ".join(str(exc).split())[:200] or UNREADABLE_PAGES
        raise PackageError(f"{path}: the package is damaged or not an engagement package "
                           f"({reason})") from None
    except BaseException:
        if conn is not None:
            conn.close()
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _verify(path: Path, conn: sqlite3.Connection, local: sqlite3.Connection) -> dict[str, str]:
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    if not all(isinstance(t, str) and isinstance(n, str) for t, n in objects):
        raise PackageError(f"{path}: the package is damaged (its table list is not text)")
    kinds = {t for t, _ in objects}
    names = {n for t, n in objects if t == "table"}
    if "package_meta" not in names or "package_manifest" not in names:
        what = "a workbench database" if "engagements" in names else "an SQLite file"
        raise PackageError(f"{path}: not an engagement package ({what} without a package "
                           "manifest); use Engagement ▸ Send to Colleague to make one")
    if kinds & {"trigger", "view"}:
        raise PackageError(f"{path}: refused: the file holds triggers or views, which an "
                           "engagement package never has")
    unknown = names - set(TABLES) - {"package_meta", "package_manifest"}
    missing = set(TABLES) - OPTIONAL_TABLES - names
    if unknown or missing:
        raise PackageError(f"{path}: not an engagement package this workbench can read "
                           f"(tables {', '.join(sorted(unknown or missing))})")
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        first = " ".join(str(rows[0][0]).split())[:200]
        raise PackageError(f"{path}: the package is damaged ({first})")
    meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM package_meta")}
    if meta.get("format") != FORMAT:
        raise PackageError(f"{path}: not an engagement package (format {meta.get('format')!r})")
    try:
        version = int(meta.get("format_version", ""))
    except ValueError:
        raise PackageError(f"{path}: not an engagement package (no format version)") from None
    if version > FORMAT_VERSION:
        raise PackageError(f"{path}: made by a newer release of the workbench (package format "
                           f"{version}, this release reads {FORMAT_VERSION}); update the "
                           "application to open it")
    for key in ("engagement_id", "framework_id", "framework_version"):
        if not meta.get(key) or len(meta[key]) > 200:
            raise PackageError(f"{path}: the package does not say its {key.replace('_', ' ')}")
    _check_manifest(path, conn, local)
    ids = conn.execute("SELECT id FROM engagements").fetchall()
    if ids != [(meta["engagement_id"],)]:
        raise PackageError(f"{path}: the package does not hold exactly the engagement its "
                           "manifest names (damaged or tampered with)")
    return meta


def _check_manifest(path: Path, conn: sqlite3.Connection, local: sqlite3.Connection) -> None:
    manifest = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT name, columns, sha256 FROM package_manifest")}
    tampered = (f"{path}: the package's content does not match its manifest (it was changed "
                "or truncated after packing); ask for a new package")
    names = _table_names(conn)
    present = [t for t in TABLES if t not in OPTIONAL_TABLES or t in names]
    if set(manifest) != set(present):
        raise PackageError(tampered)
    for table in present:
        try:
            hashed = json.loads(manifest[table][0])
        except (TypeError, json.JSONDecodeError):
            raise PackageError(tampered) from None
        have = set(columns(conn, table))
        needed = set(_hashed_columns(table, columns(local, table)))
        if (not isinstance(hashed, list) or not all(isinstance(c, str) and _IDENT.match(c)
                                                    for c in hashed)
                or not set(hashed) <= have or not needed <= set(hashed)):
            raise PackageError(tampered)
        _check_sizes(path, conn, table, columns(local, table))
        if _table_digest(conn, table, hashed) != manifest[table][1]:
            raise PackageError(tampered)


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                            "type = 'table'")}


def _check_sizes(path: Path, conn: sqlite3.Connection, table: str, cols: list[str]) -> None:
    for col in cols:
        limit = MAX_BLOB if (table, col) == ("blobs", "data") else \
            MAX_LARGE_TEXT if (table, col) in _LARGE else MAX_TEXT
        measure = "length(data)" if (table, col) == ("blobs", "data") else \
            f"length(CAST({col} AS BLOB))"
        longest = conn.execute(f"SELECT max({measure}) FROM {table}").fetchone()[0]
        if longest is not None and longest > limit:
            raise PackageError(f"{path}: refused: a value in the package's {table} is larger "
                               f"than the {limit:,} bytes allowed")

"""The engagement package: send a whole engagement to a colleague, import it, merge it back.

`pack` writes one `.wbx` file; `import_package` creates the engagement on another laptop
with the same id; `preview_merge` says what a colleague's package would change (per
assessor and element, old -> new, and the conflicts the later edit settles), and
`apply_merge` applies that preview in one transaction. The rules are in docs/merge-rules.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.core.errors import WorkbenchError
from workbench.core.files import file_head
from workbench.core.framework import Framework
from workbench.core.merge import Cell, MergeLine, merge
from workbench.core.merge_checks import describe, problem
from workbench.services import package_revisions
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import engagements, frameworks
from workbench.storage.db_errors import translated_lock
from workbench.storage.engagements import details as stored_details
from workbench.storage.merge_cells import read_cells, write_cells
from workbench.storage.package_file import (
    SQLITE_HEADER,
    PackageError,
    PackageFile,
    open_package,
    write_package,
)
from workbench.storage.schema import SCHEMA_VERSION

Progress = Callable[[float, str], None]
SUFFIX = ".wbx"


def looks_like_package(path: Path) -> bool:
    """Whether a file the user named starts like an SQLite file (a package), not JSON."""
    return file_head(Path(path), len(SQLITE_HEADER), what="file") == SQLITE_HEADER


def pack(session: Session, engagement_id: str, path: Path,
         progress: Progress | None = None) -> Path:
    """Write the whole engagement into one package file at `path`."""
    row = engagements.row(session.db, engagement_id)
    target = Path(path)
    for live in (session.path, Path(f"{session.path}-wal"), Path(f"{session.path}-shm")):
        if target.exists() and live.exists() and target.samefile(live):
            raise PackageError(f"{path}: is this laptop's database; choose another file name "
                               "for the package")
    meta = {"framework_id": row["framework_id"], "framework_version": row["framework_version"],
            "app_version": __version__, "schema_version": str(SCHEMA_VERSION),
            "client": row["client"]}
    written = write_package(session.path, engagement_id, Path(path), meta, progress)
    session.log(engagement_id, "pack engagement", str(path))
    session.db.conn.commit()
    return written


def _framework(session: Session, pkg: PackageFile) -> Framework:
    fid, version = pkg.meta["framework_id"], pkg.meta["framework_version"]
    try:
        return session.framework(fid, version)
    except WorkbenchError:
        pass
    try:
        from workbench.core.framework_loader import bundled_framework  # pydantic: rare

        return bundled_framework(fid, version)
    except WorkbenchError:
        raise PackageError(f"{pkg.path}: the package uses the framework {fid} version "
                           f"{version}, which this workbench does not have") from None


def _incoming(pkg: PackageFile, framework: Framework) -> dict[str, Cell]:
    try:
        cells = read_cells(pkg.conn, pkg.engagement_id)
    except Exception as exc:  # malformed JSON in a hostile package's columns
        raise PackageError(f"{pkg.path}: the package's content cannot be read ({exc})") \
            from None
    for key, cell in cells.items():
        found = problem(key, cell, framework)
        if found:
            raise PackageError(f"{pkg.path}: refused: {found}")
    return cells


@contextmanager
def _refusing(pkg: PackageFile) -> Iterator[None]:
    """A value the database's own rules refuse is a refusal of the package (rolled back)."""
    try:
        yield
    except sqlite3.Error as exc:
        if str(exc).startswith("signed off:"):
            raise
        reason = " ".join(str(exc).split())[:200]
        raise PackageError(f"{pkg.path}: refused: the package holds a value this workbench "
                           f"cannot accept ({reason})") from None


def _write(session: Session, engagement_id: str, cells: dict[str, Cell],
           pkg: PackageFile) -> None:
    write_cells(session.db.conn, engagement_id, cells, pkg.blob)


def _copy_audit(session: Session, pkg: PackageFile, engagement_id: str) -> int:
    conn = session.db.conn
    columns = "at, actor, action, target, old, new"
    have = set(conn.execute(f"SELECT {columns} FROM audit_log WHERE engagement_id = ?",
                            (engagement_id,)).fetchall())
    rows = [r for r in pkg.rows(f"SELECT {columns} FROM audit_log WHERE engagement_id = ? "
                                "ORDER BY at, id", (engagement_id,))
            if tuple(r) not in have and all(v is None or isinstance(v, str) for v in r)]
    conn.executemany(f"INSERT INTO audit_log (engagement_id, {columns}) VALUES "
                     "(?, ?, ?, ?, ?, ?, ?)", [(engagement_id, *r) for r in rows])
    return len(rows)


def import_package(session: Session, path: Path, progress: Progress | None = None) -> Change:
    """Create the packed engagement in this database, with the same engagement id."""
    with open_package(Path(path), session.db.conn) as pkg:
        engagement_id = pkg.engagement_id
        if engagement_id in engagements.ids(session.db):
            raise PackageError(f"{path}: the engagement {engagement_id} is already in this "
                               "database; merge the package instead (workbench engagement "
                               "merge)")
        framework = _framework(session, pkg)
        cells = _incoming(pkg, framework)
        row = dict(zip(("client", "site", "title", "lead_assessor", "start_date", "end_date",
                        "brand"), pkg.rows(
            "SELECT client, site, title, lead_assessor, start_date, end_date, brand FROM "
            "engagements WHERE id = ?", (engagement_id,))[0], strict=True))
        if progress:
            progress(0.3, "Importing the engagement")
        from workbench.core.engagement import EngagementDetails

        with _refusing(pkg), translated_lock(), session.db.atomic():
            frameworks.store_framework(session.db, framework)
            engagements.insert(session.db, engagement_id, EngagementDetails(**row),
                               framework.id, framework.version)
            plan = package_revisions.plan(session, pkg, engagement_id, fresh=True)
            package_revisions.apply(session, pkg, engagement_id, plan,
                                    lambda: _write(session, engagement_id, cells, pkg))
            _copy_audit(session, pkg, engagement_id)
            session.log(engagement_id, "import package", str(path),
                        new={"client": row["client"]})
    session.forget(engagement_id)
    if progress:
        progress(1.0, "Imported")
    return Change(ChangeKind.ENGAGEMENT_CREATED, engagement_id, new=engagement_id)


@dataclass
class MergePreview:
    """What merging a package would change; keeps the verified package open until closed."""

    engagement_id: str
    path: Path
    changes: tuple[MergeLine, ...]
    conflicts: tuple[MergeLine, ...]
    revisions: tuple[str, ...]  # signed revisions the package brings in, as sentences
    adopt_signed: bool  # the package is signed off: its signed content replaces this copy's
    _plan: dict[str, Cell] = field(repr=False, default_factory=dict)
    _local: dict[str, Cell] = field(repr=False, default_factory=dict)
    _revisions: package_revisions.RevisionPlan | None = field(repr=False, default=None)
    _package: PackageFile | None = field(repr=False, default=None)

    @property
    def has_changes(self) -> bool:
        return bool(self._plan) or bool(self.revisions)

    def lines(self) -> list[str]:
        """The preview as lines of text, as the CLI prints it and the GUI lists it."""
        if not self.has_changes:
            return [f"{self.path.name}: nothing to merge; this laptop already has every edit "
                    "in the package"]
        out = [f"Merging {self.path.name} into engagement {self.engagement_id}: "
               f"{len(self.changes)} change{'s' if len(self.changes) != 1 else ''}, "
               f"{len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''}"]
        out += [f"  signed revision: {r}" for r in self.revisions]
        if self.adopt_signed:
            out.append("  The package is signed off: its signed content replaces this copy's.")
        out += [f"  {line.text()}" for line in self.changes]
        kept = [c for c in self.conflicts if not c.applied]
        out += [f"  kept: {line.text()}" for line in kept]
        return out

    def to_json(self) -> dict[str, Any]:
        return {"engagement": self.engagement_id, "package": str(self.path),
                "has_changes": self.has_changes, "adopt_signed": self.adopt_signed,
                "revisions": list(self.revisions),
                "changes": [c.to_json() for c in self.changes],
                "conflicts": [c.to_json() for c in self.conflicts]}

    def close(self) -> None:
        if self._package is not None:
            self._package.close()
            self._package = None

    def __enter__(self) -> MergePreview:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _plan_cells(local: dict[str, Cell], incoming: dict[str, Cell], adopt_signed: bool,
                signed_at: str) -> dict[str, Cell]:
    if not adopt_signed:
        return merge(local, incoming)
    out = {k: c for k, c in incoming.items() if local.get(k) != c}
    for key, mine in local.items():
        if key not in incoming and mine.value is not None and not key.startswith(
                '["assessor"'):
            out[key] = Cell(max(mine.stamp, signed_at), None)
    return out


def preview_merge(session: Session, path: Path) -> MergePreview:
    """What merging the package at `path` would change here; refuses what it cannot merge."""
    pkg = open_package(Path(path), session.db.conn)
    try:
        engagement_id = pkg.engagement_id
        if engagement_id not in engagements.ids(session.db):
            raise PackageError(f"{path}: a package of another engagement ({engagement_id}, "
                               f"{pkg.meta.get('client', '?')}), which this database does not "
                               "have; import it instead (workbench engagement import)")
        row = engagements.row(session.db, engagement_id)
        if (row["framework_id"], row["framework_version"]) != (
                pkg.meta["framework_id"], pkg.meta["framework_version"]):
            raise PackageError(
                f"{path}: the package uses framework {pkg.meta['framework_id']} version "
                f"{pkg.meta['framework_version']}, this engagement {row['framework_id']} "
                f"version {row['framework_version']}; the two copies cannot be merged")
        framework = _framework(session, pkg)
        incoming = _incoming(pkg, framework)
        revisions = package_revisions.plan(session, pkg, engagement_id, fresh=False)
        local = read_cells(session.db.conn, engagement_id)
        cells = _plan_cells(local, incoming, revisions.adopt_signed, revisions.signed_at)
        if revisions.locked_here and cells:
            raise PackageError(f"{path}: this engagement is signed off here and the package "
                               f"would change {len(cells)} of its values; start an amendment "
                               "to take in the colleague's edits")
        changes = tuple(describe(k, local.get(k), c, True) for k, c in sorted(cells.items())
                        if (local.get(k) or Cell("", None)).value != c.value)
        kept = tuple(describe(k, mine, incoming[k], False) for k, mine in sorted(local.items())
                     if k in incoming and k not in cells and mine.value is not None
                     and incoming[k].value is not None and incoming[k].value != mine.value)
        conflicts = tuple(c for c in changes if c.conflict) + kept
        return MergePreview(engagement_id, Path(path), changes, conflicts,
                            revisions.sentences, revisions.adopt_signed, cells, local,
                            revisions, pkg)
    except BaseException:
        pkg.close()
        raise


def apply_merge(session: Session, preview: MergePreview) -> Change:
    """Apply a preview in one transaction; refused if this copy changed since the preview."""
    pkg, plan = preview._package, preview._revisions
    if pkg is None or plan is None:
        raise PackageError(f"{preview.path}: this preview was closed; preview the merge again")
    engagement_id = preview.engagement_id
    if read_cells(session.db.conn, engagement_id) != preview._local:
        raise PackageError("the engagement changed since the preview; preview the merge again")
    with _refusing(pkg), translated_lock(), session.db.atomic():
        if preview.has_changes:
            package_revisions.apply(session, pkg, engagement_id, plan,
                                    lambda: _write(session, engagement_id, preview._plan, pkg))
            engagements.touch(session.db, engagement_id)
        added = _copy_audit(session, pkg, engagement_id)
        if preview.has_changes or added:
            session.log(engagement_id, "merge package", str(preview.path),
                        new={"changes": len(preview.changes),
                             "conflicts": len(preview.conflicts)})
    session.forget(engagement_id)
    return Change(ChangeKind.RATINGS_IMPORTED, engagement_id,
                  new={"changes": len(preview.changes)})


def package_name(session: Session, engagement_id: str) -> str:
    """A file name to offer for a package: client and title, safe on every system."""
    d = stored_details(session.db, engagement_id)
    base = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in
                   f"{d.client} {d.title}".strip())[:80].strip() or engagement_id
    return base + SUFFIX


__all__ = ["MergePreview", "PackageError", "apply_merge", "import_package", "looks_like_package",
           "pack", "package_name", "preview_merge"]

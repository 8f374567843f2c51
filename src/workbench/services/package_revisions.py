"""Signed revisions in a package: a merge never changes one, and brings in the ones it lacks.

The copy whose state is further on (a later revision, or the same revision signed) is
"ahead". A package that is ahead brings in its revisions in order, through the same
steps as signing and amending here (so the database's own sign-off rules check each one);
when it ends signed off, its signed content replaces this copy's. A package that is not
ahead brings no revision; if this copy is signed off, any change it would make is refused.
Two copies that signed the same revision with different content are never merged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.canonical import content_hash, hash_of
from workbench.services.session import Session
from workbench.storage import documents
from workbench.storage.package_file import PackageError, PackageFile

_REVISION = ("SELECT revision, reason, opened_at, opened_by, signed_at, content_hash, canonical "
             "FROM revisions WHERE engagement_id = ? ORDER BY revision")
_SIGNOFF = ("SELECT revision, signer, role, organisation, signed_at, content_hash, "
            "signature_sha256, certificate, position FROM signoffs WHERE engagement_id = ? "
            "ORDER BY revision, position, id")

Revision = tuple[int, str, str, str, str | None, str | None, str | None]


@dataclass(frozen=True)
class RevisionPlan:
    steps: tuple[Revision, ...]  # the package's revisions to record here, oldest first
    adopt_signed: bool  # the package ends signed off, ahead of this copy
    signed_at: str  # when the package's last revision was signed ("" if not)
    locked_here: bool  # this copy is signed off and the package is not ahead
    sentences: tuple[str, ...]  # the signed revisions brought in, for the preview


def _state(status: str, revision: int) -> tuple[int, bool]:
    return (revision, status == "signed_off")


def plan(session: Session, pkg: PackageFile, engagement_id: str, *, fresh: bool
         ) -> RevisionPlan:
    theirs: list[Revision] = [tuple(r) for r in pkg.rows(_REVISION, (engagement_id,))]
    for r in theirs:
        if not isinstance(r[0], int) or r[0] < 1 or not all(
                v is None or isinstance(v, str) for v in r[1:]):
            raise PackageError(f"{pkg.path}: refused: a revision in the package is malformed")
        if r[4] and (r[5] is None or r[6] is None or hash_of(r[6].encode("utf-8")) != r[5]):
            raise PackageError(f"{pkg.path}: signed revision {r[0]} in the package does not "
                               "match its content hash (changed after signing)")
    p_status, p_rev = pkg.rows("SELECT status, revision FROM engagements WHERE id = ?",
                               (engagement_id,))[0]
    if fresh:
        steps = tuple(theirs)
        signed = [r for r in theirs if r[4]]
        return RevisionPlan(steps, p_status == "signed_off",
                            str(signed[-1][4]) if signed else "", False, _sentences(steps))
    mine = {r[0]: r for r in session.db.conn.execute(_REVISION, (engagement_id,))}
    for r in theirs:
        here = mine.get(r[0])
        if here is not None and here[4] and r[4] and here[5] != r[5]:
            raise PackageError(f"{pkg.path}: revision {r[0]} was signed off with different "
                               "content on the two laptops; these copies cannot be merged")
    l_status, l_rev = session.db.conn.execute(
        "SELECT status, revision FROM engagements WHERE id = ?", (engagement_id,)).fetchone()
    ahead = _state(p_status, p_rev) > _state(l_status, l_rev)
    if not ahead:
        return RevisionPlan((), False, "", l_status == "signed_off", ())
    steps = tuple(r for r in theirs if r[0] > l_rev or (
        r[0] == l_rev and r[4] and l_status != "signed_off"))
    signed = [r for r in theirs if r[4]]
    return RevisionPlan(steps, p_status == "signed_off", str(signed[-1][4]) if signed else "",
                        False, _sentences(steps))


def _sentences(steps: tuple[Revision, ...]) -> tuple[str, ...]:
    return tuple(f"revision {r[0]} signed {r[4]}" + (f" ({r[1]})" if r[1] else "")
                 for r in steps if r[4])


def apply(session: Session, pkg: PackageFile, engagement_id: str, plan: RevisionPlan,
          write_content: Callable[[], None]) -> None:
    """Record the plan's revisions here (inside the caller's transaction), content included."""
    conn = session.db.conn
    current = int(conn.execute("SELECT revision FROM engagements WHERE id = ?",
                               (engagement_id,)).fetchone()[0])
    signoffs = pkg.rows(_SIGNOFF, (engagement_id,))
    wrote = False
    for n, (rev, reason, opened_at, opened_by, signed_at, digest, canonical) in enumerate(
            plan.steps):
        if rev > current:
            conn.execute("INSERT INTO revisions (engagement_id, revision, reason, opened_at, "
                         "opened_by) VALUES (?, ?, ?, ?, ?)",
                         (engagement_id, rev, reason, opened_at, opened_by))
            conn.execute("UPDATE engagements SET status = 'draft', revision = ? WHERE id = ?",
                         (rev, engagement_id))
            current = rev
        else:
            conn.execute("INSERT OR IGNORE INTO revisions (engagement_id, revision, reason, "
                         "opened_at, opened_by) VALUES (?, ?, ?, ?, ?)",
                         (engagement_id, rev, reason, opened_at, opened_by))
        if n == len(plan.steps) - 1 and plan.adopt_signed:
            write_content()
            wrote = True
            here = content_hash(documents.load(session.db, engagement_id),
                                session.framework_of(engagement_id))
            if here != digest:
                raise PackageError(f"{pkg.path}: the package's content does not match its "
                                   f"signed revision {rev} (changed after signing)")
        if not signed_at:
            continue
        # The database's own sign-off steps (migration 004): in review, the revision
        # sealed, each signature naming the sealed hash, and only then signed off.
        conn.execute("UPDATE engagements SET status = 'in_review' WHERE id = ?",
                     (engagement_id,))
        conn.execute("UPDATE revisions SET signed_at = ?, content_hash = ?, canonical = ? "
                     "WHERE engagement_id = ? AND revision = ?",
                     (signed_at, digest, canonical, engagement_id, rev))
        for s in signoffs:
            if s[0] != rev:
                continue
            if s[6] is not None and conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?",
                                                 (s[6],)).fetchone() is None:
                data = pkg.blob(str(s[6]))
                conn.execute("INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
                             (s[6], len(data), data))
            conn.execute("INSERT INTO signoffs (engagement_id, revision, signer, role, "
                         "organisation, signed_at, content_hash, signature_sha256, certificate,"
                         " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (engagement_id, *s))
        conn.execute("UPDATE engagements SET status = 'signed_off' WHERE id = ?",
                     (engagement_id,))
    if not wrote:
        write_content()

"""Sign-offs and revisions: the signed, locked states of an engagement.

The database enforces the lock (migration `002_signoff`): while an engagement
is signed off, triggers refuse any change to its content, and a signed
revision row can never change. This module only records and reads; the rules
of the workflow live in `services.signoff`.
"""

from __future__ import annotations

from typing import NamedTuple

from workbench.core.engagement_status import EngagementStatus
from workbench.core.errors import LockedError, NotFoundError
from workbench.storage.clock import now
from workbench.storage.db_errors import LOCK_PREFIX as LOCK_PREFIX
from workbench.storage.db_errors import locked_message as locked_message
from workbench.storage.db_errors import translated_lock as translated_lock
from workbench.storage.sqlite_db import Database


class SignoffRecord(NamedTuple):
    """One signature of one revision."""

    revision: int
    signer: str
    role: str
    organisation: str
    signed_at: str  # UTC ISO 8601
    content_hash: str
    signature_sha256: str | None = None  # the drawn signature's PNG, a blob
    certificate: str | None = None  # PEM of the signing certificate, when one was used
    position: int = 0


class RevisionRecord(NamedTuple):
    """One revision: open (being edited or amended) or signed with its content hash."""

    revision: int
    reason: str
    opened_at: str
    opened_by: str
    signed_at: str | None = None
    content_hash: str | None = None
    signers: tuple[SignoffRecord, ...] = ()

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


def current(db: Database, engagement_id: str) -> tuple[EngagementStatus, int]:
    """(status, revision) of an engagement."""
    found = db.conn.execute("SELECT status, revision FROM engagements WHERE id = ?",
                            (engagement_id,)).fetchone()
    if found is None:
        raise NotFoundError(f"no engagement {engagement_id!r} in this database")
    return EngagementStatus(found[0]), int(found[1])


def set_status(db: Database, engagement_id: str, status: EngagementStatus) -> None:
    with translated_lock():
        db.conn.execute("UPDATE engagements SET status = ?, updated_at = ? WHERE id = ?",
                        (str(status), now(), engagement_id))


def ensure_revision(db: Database, engagement_id: str, revision: int, actor: str) -> None:
    """Record the (open) row of a revision if it is not there yet (revision 1 starts so)."""
    with translated_lock():
        db.conn.execute("INSERT OR IGNORE INTO revisions (engagement_id, revision, opened_at, "
                        "opened_by) VALUES (?, ?, ?, ?)",
                        (engagement_id, revision, now(), actor))


def seal_revision(db: Database, engagement_id: str, revision: int, content_hash: str,
                  canonical: str, signed_at: str) -> None:
    """Store the canonical JSON and hash of the revision being signed; it is fixed from now."""
    with translated_lock():
        db.conn.execute("UPDATE revisions SET signed_at = ?, content_hash = ?, canonical = ? "
                        "WHERE engagement_id = ? AND revision = ?",
                        (signed_at, content_hash, canonical, engagement_id, revision))


def add_signoff(db: Database, engagement_id: str, record: SignoffRecord) -> None:
    with translated_lock():
        db.conn.execute(
            "INSERT INTO signoffs (engagement_id, revision, signer, role, organisation, "
            "signed_at, content_hash, signature_sha256, certificate, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (engagement_id, record.revision, record.signer, record.role, record.organisation,
             record.signed_at, record.content_hash, record.signature_sha256,
             record.certificate, record.position))


def open_amendment(db: Database, engagement_id: str, reason: str, actor: str) -> int:
    """Start the next revision with its reason and reopen the engagement as a draft."""
    status, revision = current(db, engagement_id)
    if status is not EngagementStatus.SIGNED_OFF:
        raise LockedError("only a signed-off engagement is amended")
    new = revision + 1
    with translated_lock():
        db.conn.execute("INSERT INTO revisions (engagement_id, revision, reason, opened_at, "
                        "opened_by) VALUES (?, ?, ?, ?, ?)",
                        (engagement_id, new, reason, now(), actor))
        db.conn.execute("UPDATE engagements SET status = 'draft', revision = ?, updated_at = ? "
                        "WHERE id = ?", (new, now(), engagement_id))
    return new


def signoffs(db: Database, engagement_id: str, revision: int | None = None
             ) -> list[SignoffRecord]:
    sql = ("SELECT revision, signer, role, organisation, signed_at, content_hash, "
           "signature_sha256, certificate, position FROM signoffs WHERE engagement_id = ?")
    params: list[object] = [engagement_id]
    if revision is not None:
        sql += " AND revision = ?"
        params.append(revision)
    return [SignoffRecord(*r) for r in db.conn.execute(
        sql + " ORDER BY revision, position, id", params)]


def revisions(db: Database, engagement_id: str) -> list[RevisionRecord]:
    """Every recorded revision with its signers, oldest first."""
    by_revision: dict[int, list[SignoffRecord]] = {}
    for record in signoffs(db, engagement_id):
        by_revision.setdefault(record.revision, []).append(record)
    return [RevisionRecord(r[0], r[1], r[2], r[3], r[4], r[5],
                           tuple(by_revision.get(r[0], ())))
            for r in db.conn.execute(
                "SELECT revision, reason, opened_at, opened_by, signed_at, content_hash "
                "FROM revisions WHERE engagement_id = ? ORDER BY revision", (engagement_id,))]


def canonical(db: Database, engagement_id: str, revision: int) -> tuple[str, bytes] | None:
    """(content hash, canonical JSON bytes) of a signed revision, or None if not signed."""
    found = db.conn.execute("SELECT content_hash, canonical FROM revisions WHERE "
                            "engagement_id = ? AND revision = ? AND signed_at IS NOT NULL",
                            (engagement_id, revision)).fetchone()
    if found is None:
        return None
    return str(found[0]), str(found[1]).encode("utf-8")


def certificates(db: Database) -> list[str]:
    """PEM of every certificate that signed something in this database."""
    return [r[0] for r in db.conn.execute(
        "SELECT DISTINCT certificate FROM signoffs WHERE certificate IS NOT NULL")]

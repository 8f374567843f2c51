"""The sign-off workflow: draft → in review → signed off, amendments, history, the lock.

Signing off records the revision's canonical JSON and SHA-256 (core.canonical) with
its signers; from then on the database refuses every change to the engagement until an
amendment opens the next revision with a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from workbench.core import limits
from workbench.core.canonical import canonical_bytes, hash_of
from workbench.core.engagement import EngagementStatus
from workbench.core.errors import InvalidValueError, LockedError
from workbench.core.images import inspect_image
from workbench.services.session import Change, ChangeKind, Session
from workbench.services.signoff.readiness import NotReadyError, readiness, summary
from workbench.storage import documents, evidence, signoffs
from workbench.storage.clock import now
from workbench.storage.signoffs import RevisionRecord, SignoffRecord, translated_lock

MAX_SIGNERS = 4
MAX_NAME = limits.NAME
MAX_REASON = limits.REASON
MAX_SIGNATURE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Signer:
    """Who signs off: a name and role, optionally a drawn signature and a certificate."""

    name: str
    role: str
    organisation: str = ""
    signature_png: bytes | None = field(default=None, repr=False)
    certificate_pem: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class SignOffResult:
    engagement_id: str
    revision: int
    content_hash: str
    signed_at: str
    change: Change


def _set_status(session: Session, engagement_id: str, want: EngagementStatus,
                allowed_from: EngagementStatus, action: str) -> Change:
    with translated_lock(), session.db.atomic():
        status, revision = signoffs.current(session.db, engagement_id)
        if status is want:
            return Change(ChangeKind.ENGAGEMENT_UPDATED, engagement_id, old=str(status),
                          new=str(want))
        if status is not allowed_from:
            if status is EngagementStatus.SIGNED_OFF:
                raise LockedError(f"revision {revision} is signed off; start an amendment to "
                                  "change it")
            raise InvalidValueError(f"the engagement is {status.value.replace('_', ' ')}, not "
                                    f"{allowed_from.value.replace('_', ' ')}")
        signoffs.set_status(session.db, engagement_id, want)
        session.log(engagement_id, action, f"revision {revision}", str(status), str(want))
    return Change(ChangeKind.ENGAGEMENT_UPDATED, engagement_id, old=str(status), new=str(want))


def submit_for_review(session: Session, engagement_id: str) -> Change:
    """Draft → in review: the assessment is complete enough for the team to check."""
    return _set_status(session, engagement_id, EngagementStatus.IN_REVIEW,
                       EngagementStatus.DRAFT, "submit for review")


def return_to_draft(session: Session, engagement_id: str) -> Change:
    """In review → draft."""
    return _set_status(session, engagement_id, EngagementStatus.DRAFT,
                       EngagementStatus.IN_REVIEW, "return to draft")


def _clean_signers(signers: Sequence[Signer]) -> list[Signer]:
    if not signers:
        raise InvalidValueError("sign-off needs at least one signer: the lead assessor")
    if len(signers) > MAX_SIGNERS:
        raise InvalidValueError(f"at most {MAX_SIGNERS} people sign a report")
    cleaned = []
    for n, s in enumerate(signers, 1):
        name, role = s.name.strip(), s.role.strip()
        if not name:
            raise InvalidValueError(f"signer {n} needs a name")
        if not role:
            raise InvalidValueError(f"{name} needs a role (for example Lead assessor)")
        for what, value in (("name", name), ("role", role),
                            ("organisation", s.organisation.strip())):
            if len(value) > MAX_NAME:
                raise InvalidValueError(f"the {what} of signer {n} is longer than {MAX_NAME} "
                                        "characters")
        if s.signature_png is not None:
            if len(s.signature_png) > MAX_SIGNATURE_BYTES:
                raise InvalidValueError(f"the signature image of {name} is larger than 2 MB")
            inspect_image(s.signature_png, f"the signature of {name}")
        cleaned.append(replace(s, name=name, role=role, organisation=s.organisation.strip()))
    if len({s.name.casefold() for s in cleaned}) != len(cleaned):
        raise InvalidValueError("each signer is listed once")
    return cleaned


def sign_off(session: Session, engagement_id: str, signers: Sequence[Signer],
             accept_warnings: bool = False) -> SignOffResult:
    """Lock the current revision: record its canonical JSON, hash and signers."""
    cleaned = _clean_signers(signers)
    ready = readiness(session, engagement_id)
    if ready.blockers:
        raise NotReadyError(" ".join(i.message for i in ready.blockers))
    if ready.warnings and not accept_warnings:
        raise NotReadyError(
            f"not signed off: {summary(ready.warnings)}. Review them (workbench readiness "
            f"{engagement_id}) and accept the warnings explicitly to sign off anyway")
    framework = session.framework_of(engagement_id)
    stamp = now()
    with translated_lock(), session.db.atomic():
        status, revision = signoffs.current(session.db, engagement_id)
        if status is EngagementStatus.SIGNED_OFF:
            raise LockedError(f"revision {revision} is already signed off")
        if status is EngagementStatus.DRAFT:
            # Signing off a draft passes through review in the same step.
            signoffs.set_status(session.db, engagement_id, EngagementStatus.IN_REVIEW)
        signoffs.ensure_revision(session.db, engagement_id, revision, session.actor)
        data = canonical_bytes(documents.load(session.db, engagement_id), framework)
        digest = hash_of(data)
        signoffs.seal_revision(session.db, engagement_id, revision, digest,
                               data.decode("utf-8"), stamp)
        for position, s in enumerate(cleaned):
            blob = evidence.put_blob(session.db, s.signature_png) if s.signature_png else None
            signoffs.add_signoff(session.db, engagement_id, SignoffRecord(
                revision, s.name, s.role, s.organisation, stamp, digest, blob,
                s.certificate_pem, position))
        signoffs.set_status(session.db, engagement_id, EngagementStatus.SIGNED_OFF)
        session.log(engagement_id, "sign off", f"revision {revision}", str(status), {
            "revision": revision, "content_hash": digest,
            "signers": [f"{s.name} ({s.role})" for s in cleaned],
            "accepted_warnings": len(ready.warnings)})
    change = Change(ChangeKind.ENGAGEMENT_UPDATED, engagement_id, old=str(status),
                    new=str(EngagementStatus.SIGNED_OFF))
    return SignOffResult(engagement_id, revision, digest, stamp, change)


def amend(session: Session, engagement_id: str, reason: str) -> Change:
    """Open the next revision with its reason; the signed revision stays as it was."""
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidValueError("an amendment needs a reason (what changes and why)")
    if len(reason) > MAX_REASON:
        raise InvalidValueError(f"the reason is longer than {MAX_REASON} characters")
    with translated_lock(), session.db.atomic():
        status, revision = signoffs.current(session.db, engagement_id)
        if status is not EngagementStatus.SIGNED_OFF:
            raise InvalidValueError(f"the engagement is {status.value.replace('_', ' ')}; only "
                                    "a signed-off engagement is amended (edit it directly)")
        new = signoffs.open_amendment(session.db, engagement_id, reason, session.actor)
        session.log(engagement_id, "amend", f"revision {new}", revision, reason)
    return Change(ChangeKind.ENGAGEMENT_UPDATED, engagement_id, old=revision, new=new)


def history(session: Session, engagement_id: str) -> list[RevisionRecord]:
    """Every revision with its reason and signers, oldest first."""
    signoffs.current(session.db, engagement_id)  # raises NotFoundError
    return signoffs.revisions(session.db, engagement_id)


def signature_image(session: Session, digest: str) -> bytes:
    return evidence.get_blob(session.db, digest)

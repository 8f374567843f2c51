"""What the report's sign-off page shows of a signed revision: signers, dates, history.

Its own module, so the report service and the sign-off services both use it without
importing each other.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from workbench.core.engagement import EngagementStatus
from workbench.services import signed_record
from workbench.services.session import Session
from workbench.storage import documents, evidence, signoffs
from workbench.storage.clock import now
from workbench.storage.signoffs import RevisionRecord, SignoffRecord

if TYPE_CHECKING:  # the report builder (reportlab) is imported when a page is made
    from workbench.exports.report import SignOffInfo


def date_of(stamp: str) -> dt.date:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()


def countersigned(signer: SignoffRecord, index: int) -> bool:
    """Whether the report may say this person signed. The lead (first) signs by sign-off;
    anyone else (the client) only with a captured signature: a drawn image or a
    certificate. Without one the report shows their block "to be countersigned"."""
    return index == 0 or bool(signer.signature_sha256) or bool(signer.certificate)


def _describe(record: RevisionRecord) -> str:
    done = [s for n, s in enumerate(record.signers) if countersigned(s, n)]
    pending = [s for n, s in enumerate(record.signers) if not countersigned(s, n)]
    names = ", ".join(f"{s.signer} ({s.role})" for s in done)
    signed = f"Signed off by {names}." if record.signed else "Open for amendment."
    if record.signed and pending:
        signed += " To be countersigned by " + ", ".join(
            f"{s.signer} ({s.role})" for s in pending) + "."
    if record.revision == 1:
        return f"Original assessment. {signed}"
    return f"Amendment: {record.reason.rstrip('.')}. {signed}"


def signoff_info(session: Session, engagement_id: str) -> SignOffInfo | None:
    """What the report shows of the current signed revision (None when not signed off)."""
    from workbench.exports.report import RevisionEntry, SignOffInfo
    from workbench.exports.report import Signer as ReportSigner

    status, revision = signoffs.current(session.db, engagement_id)
    signed_record.check(session, engagement_id)  # never "Signed off" over altered content
    if status is not EngagementStatus.SIGNED_OFF:
        return None
    records = signoffs.revisions(session.db, engagement_id)
    current = next(r for r in records if r.revision == revision)
    signed_on = date_of(current.signed_at or now())
    signers = [ReportSigner(
        s.signer, s.role, s.organisation, date_of(s.signed_at),
        evidence.get_blob(session.db, s.signature_sha256) if s.signature_sha256 else None)
        if countersigned(s, n) else
        ReportSigner(s.signer, s.role, s.organisation, countersign_pending=True)
        for n, s in enumerate(current.signers)]
    if len(signers) < 2:  # no client signer named: an empty block, "to be countersigned"
        client = documents.load(session.db, engagement_id).details.client
        signers.append(ReportSigner("", "Client representative", client,
                                    countersign_pending=True))
    entries = tuple(RevisionEntry(r.revision, date_of(r.signed_at or r.opened_at), _describe(r))
                    for r in records if r.revision <= revision)
    return SignOffInfo(signers=tuple(signers), revision=revision,
                       content_hash=current.content_hash or "", signed_on=signed_on,
                       history=entries)

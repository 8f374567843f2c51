"""The read-only banner of a signed-off engagement, on its own so that opening an engagement
(which asks whether it is locked) loads none of the sign-off workflow (issue 17).
`workbench.services.signoff` re-exports it."""

from __future__ import annotations

from workbench.core.engagement_status import EngagementStatus
from workbench.services import signed_record
from workbench.services.session import Session
from workbench.services.signoff_page import countersigned, date_of
from workbench.storage import signoffs
from workbench.storage.clock import now


def lock_banner(session: Session, engagement_id: str) -> str | None:
    """The read-only banner's sentence for a signed-off engagement (None when editable).

    An altered signed record gives its loud warning instead, and stays read-only."""
    status, revision = signoffs.current(session.db, engagement_id)
    try:
        signed_record.check(session, engagement_id)
    except signed_record.AlteredRecordError as exc:
        return f"WARNING: {str(exc)[:1].upper()}{str(exc)[1:]}."
    if status is not EngagementStatus.SIGNED_OFF:
        return None
    record = next(r for r in signoffs.revisions(session.db, engagement_id)
                  if r.revision == revision)
    names = ", ".join(s.signer for n, s in enumerate(record.signers)
                      if countersigned(s, n)) or "its signers"
    day = date_of(record.signed_at or now()).strftime("%d %B %Y").lstrip("0")
    return (f"Signed off on {day} by {names} (revision {revision}, SHA-256 "
            f"{(record.content_hash or '')[:12]}…). Read-only: start an amendment to change it.")

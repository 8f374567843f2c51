"""The proof of a signed record: its content hash, recomputed from the live data.

Triggers refuse changes to a signed-off engagement, but anyone with the database file
can drop them. The proof is the hash: every sealed revision's canonical JSON must still
hash to the recorded SHA-256, every signature must name that hash, and while an
engagement is signed off the canonical JSON of its live record must be exactly the
sealed revision's. `check` runs on opening a signed engagement, on `verify`, on the
readiness check and before every export; a mismatch is refused loudly, naming the
revision, so no report ever prints "Signed off" over altered content.
"""

from __future__ import annotations

from workbench.core.engagement_status import EngagementStatus
from workbench.core.errors import WorkbenchError
from workbench.services.session import Session
from workbench.storage import signoffs


class AlteredRecordError(WorkbenchError):
    """A signed revision's data no longer matches its content hash."""

    def __init__(self, engagement_id: str, revision: int, detail: str) -> None:
        self.engagement_id = engagement_id
        self.revision = revision
        self.detail = detail
        super().__init__(f"the signed record of revision {revision} was altered outside the "
                         f"workbench ({detail}); nothing is shown or exported as signed off")


def check(session: Session, engagement_id: str) -> None:
    """Raise AlteredRecordError unless every signed revision is intact; cheap for drafts."""
    status, revision = signoffs.current(session.db, engagement_id)
    records = signoffs.revisions(session.db, engagement_id)
    signed_numbers = {r.revision for r in records if r.signed}
    for record in records:
        if not record.signed:
            if record.signers:
                raise AlteredRecordError(engagement_id, record.revision,
                                         "signatures of a revision that was never sealed")
            continue
        from workbench.core.canonical import hash_of  # its JSON model: only for signed records

        stored = signoffs.canonical(session.db, engagement_id, record.revision)
        if stored is None or hash_of(stored[1]) != stored[0]:
            raise AlteredRecordError(engagement_id, record.revision,
                                     "its stored content does not match its hash")
        if not record.signers or any(s.content_hash != stored[0] for s in record.signers):
            raise AlteredRecordError(engagement_id, record.revision,
                                     "its signatures do not name its content hash")
    for signature in signoffs.signoffs(session.db, engagement_id):
        if signature.revision not in signed_numbers:
            raise AlteredRecordError(engagement_id, signature.revision,
                                     "a signature of a revision that was never sealed")
    if status is EngagementStatus.SIGNED_OFF:
        stored = signoffs.canonical(session.db, engagement_id, revision)
        if stored is None:
            raise AlteredRecordError(engagement_id, revision,
                                     "it is marked signed off but no signed content is recorded")
        from workbench.core.canonical import canonical_bytes  # as hash_of above
        from workbench.storage import documents  # the whole document: only when signed off

        live = canonical_bytes(documents.load(session.db, engagement_id),
                               session.framework_of(engagement_id))
        if live != stored[1]:
            raise AlteredRecordError(engagement_id, revision,
                                     "its live data no longer matches the signed content hash")
    elif revision in signed_numbers:
        raise AlteredRecordError(engagement_id, revision,
                                 f"it is signed but the engagement is marked "
                                 f"{status.value.replace('_', ' ')}")


def is_signed(session: Session, engagement_id: str) -> bool:
    """Whether the engagement is signed off (status only; `check` proves it)."""
    return signoffs.current(session.db, engagement_id)[0] is EngagementStatus.SIGNED_OFF

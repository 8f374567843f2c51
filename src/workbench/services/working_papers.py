"""What a report carries of the signed revision's content.

The client's signed report carries only a small signed reference (engagement, revision,
client, title, signers, content hash): the workbook's per-assessor ratings are internal.
Working papers (the full canonical JSON, every assessor's ratings) are attached only when
the user asks for them.
"""

from __future__ import annotations

from workbench.core.engagement import EngagementStatus
from workbench.core.errors import InvalidValueError, WorkbenchError
from workbench.exports import signing
from workbench.exports.report import EmbeddedFile
from workbench.services.session import Session
from workbench.storage import documents, signoffs


def reference_name(engagement_id: str, revision: int) -> str:
    return f"engagement-{engagement_id}-revision-{revision}-signed-reference.json"


def working_papers_name(engagement_id: str, revision: int) -> str:
    return f"engagement-{engagement_id}-revision-{revision}-working-papers.json"


def _signed_content(session: Session, engagement_id: str) -> tuple[int, str, bytes]:
    status, revision = signoffs.current(session.db, engagement_id)
    if status is not EngagementStatus.SIGNED_OFF:
        raise InvalidValueError("working papers are the content of a signed revision: sign "
                                "the engagement off first")
    stored = signoffs.canonical(session.db, engagement_id, revision)
    if stored is None:
        raise WorkbenchError(f"revision {revision} has no recorded content")
    return revision, stored[0], stored[1]


def signed_reference(session: Session, engagement_id: str) -> EmbeddedFile:
    """The signed reference JSON of the current signed revision."""
    revision, digest, _ = _signed_content(session, engagement_id)
    details = documents.load(session.db, engagement_id).details
    record = next(r for r in signoffs.revisions(session.db, engagement_id)
                  if r.revision == revision)
    signers = [signing.ReferenceSigner(s.signer, s.role, s.organisation)
               for s in record.signers]
    data = signing.reference_json(engagement_id, revision, details.client, details.title,
                                  digest, signers)
    return EmbeddedFile(reference_name(engagement_id, revision), data, signing.CANONICAL_MIME,
                        f"Signed reference to revision {revision} (no ratings); content "
                        f"SHA-256 {digest}")


def working_papers(session: Session, engagement_id: str) -> EmbeddedFile:
    """The full canonical JSON of the current signed revision: every assessor's ratings."""
    revision, digest, data = _signed_content(session, engagement_id)
    return EmbeddedFile(working_papers_name(engagement_id, revision), data,
                        signing.CANONICAL_MIME,
                        f"Working papers: content of revision {revision} with each "
                        f"assessor's ratings; SHA-256 {digest}")


def available(session: Session, engagement_id: str) -> bool:
    """Working papers can be attached: the engagement's current revision is signed off."""
    status, _ = signoffs.current(session.db, engagement_id)
    return status is EngagementStatus.SIGNED_OFF

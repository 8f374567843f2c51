"""The signed report: hash and revision printed, a signed reference embedded (the full
canonical JSON, every assessor's ratings, only as working papers when asked), and with
credentials certified by a PAdES signature (the signer's certificate is then trusted as
the user's own). Written with normal permissions (0644 under the usual umask).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.core.engagement import EngagementStatus
from workbench.core.errors import InvalidValueError, WorkbenchError
from workbench.core.files import check_output_target, write_atomically
from workbench.core.progress import Progress, no_progress
from workbench.exports import signing
from workbench.exports.report import PhotoCache, build_report, check_sections
from workbench.services import brands, report, signed_record, trust, working_papers
from workbench.services.session import Session
from workbench.services.signoff.workflow import Signer, SignOffResult, sign_off
from workbench.services.signoff_page import signoff_info
from workbench.storage import documents, signoffs


@dataclass(frozen=True)
class SignedReport:
    path: Path
    revision: int
    content_hash: str
    pages: int
    digitally_signed: bool
    certificate_name: str | None = None


def check_report_target(session: Session, engagement_id: str, path: Path,
                        brand: str | None = None) -> Path:
    """Before anything is locked: the report's file can be written and its brand loads."""
    path = check_output_target(Path(path))
    brands.resolve(brand or documents.load(session.db, engagement_id).details.brand)
    return path


def sign_off_with_report(session: Session, engagement_id: str, signers: Sequence[Signer],
                         path: Path, credentials: signing.Credentials | None = None, *,
                         accept_warnings: bool = False, brand: str | None = None,
                         progress: Progress = no_progress,
                         include_working_papers: bool = False,
                         ) -> tuple[SignOffResult, SignedReport]:
    """Sign off and write the signed report as one step: if the report cannot be written,
    nothing is locked. The output and the brand are checked before anything changes."""
    path = check_report_target(session, engagement_id, path, brand)
    with session.db.atomic():
        result = sign_off(session, engagement_id, signers, accept_warnings=accept_warnings)
        written = export_signed_report(session, engagement_id, path, credentials, brand=brand,
                                       progress=progress,
                                       include_working_papers=include_working_papers)
    return result, written


def signing_credentials(*, certificate: Path | None = None, passphrase: str | None = None,
                        signer: str = "", organisation: str = "",
                        folder: Path | None = None) -> signing.Credentials:
    """A PKCS#12 file's credentials, else the signer's own certificate (made on first use)."""
    if certificate is not None:
        return signing.load_pkcs12(certificate, passphrase)
    if not passphrase:
        raise InvalidValueError("a passphrase protects the signing key; give it")
    name = signer.strip()
    for stored in signing.stored_certificates(folder):
        if stored.name == name and stored.not_after > dt.datetime.now(dt.UTC):
            return signing.load_pkcs12(stored.p12, passphrase)
    made = signing.create_self_signed(name, passphrase, organisation=organisation,
                                      folder=folder)
    return signing.load_pkcs12(made.p12, passphrase)


def embedded_name(engagement_id: str, revision: int) -> str:
    """The name of the signed reference a signed report carries."""
    return working_papers.reference_name(engagement_id, revision)


def export_signed_report(session: Session, engagement_id: str, path: Path,
                         credentials: signing.Credentials | None = None, *,
                         brand: str | None = None, progress: Progress = no_progress,
                         deterministic: bool = False, location: str = "",
                         include_working_papers: bool = False) -> SignedReport:
    """Write the signed-off report: hash and revision printed, the signed reference
    embedded (and the full canonical JSON with `include_working_papers`), and with
    `credentials` certified by a PAdES signature (DocMDP: no later changes)."""
    path = Path(path)
    status, revision = signoffs.current(session.db, engagement_id)
    if status is not EngagementStatus.SIGNED_OFF:
        raise InvalidValueError("the engagement is not signed off; sign it off first, or "
                                "export the draft report")
    signed_record.check(session, engagement_id)
    stored = signoffs.canonical(session.db, engagement_id, revision)
    if stored is None:  # check() has refused this already
        raise WorkbenchError(f"revision {revision} has no recorded content")
    digest = stored[0]
    path = check_output_target(path)
    progress(0.0, "Preparing the signed report")
    info = signoff_info(session, engagement_id)
    files = [working_papers.signed_reference(session, engagement_id)]
    if include_working_papers:
        files.append(working_papers.working_papers(session, engagement_id))
    source = report.report_input(session, engagement_id, deterministic=deterministic,
                                 signoff=info)
    source = replace(source, content_hash=digest, embedded_files=tuple(files))
    profile = brands.resolve(brand or source.document.details.brand)
    share = 0.85 if credentials is not None else 1.0

    def scaled(fraction: float, message: str) -> None:
        progress(fraction * share, message)

    built = build_report(source, profile, sections=check_sections(None),
                         deterministic=deterministic, progress=scaled,
                         photo_cache=PhotoCache(report.photo_cache_dir()),
                         pdfa=True)  # archival by default: PDF/A-3b (it carries the JSON)
    pdf = built.pdf
    if credentials is not None:
        progress(0.9, "Signing the report")
        pdf = signing.sign_pdf(
            pdf, credentials, reason=signing.signing_reason(revision, digest),
            location=location,
            attachments=[signing.Attachment(f.name, f.data, f.mime_type, f.description)
                         for f in files])
    write_atomically(path, pdf)  # normal permissions (0644 under the usual umask)
    if credentials is not None:  # the certificate the user signs with is their own: trusted
        trust.remember_own(credentials)
    with session.db.atomic():
        session.log(engagement_id, "export signed report", str(path), None, {
            "revision": revision, "content_hash": digest,
            "working_papers": include_working_papers,
            "certificate": credentials.subject_name if credentials else None})
    progress(1.0, "Signed report written")
    return SignedReport(path, revision, digest, built.pages, credentials is not None,
                        credentials.subject_name if credentials else None)

"""Sign-off: readiness check, draft → in review → signed off, amendments, signed reports.

Signing off records the revision's canonical JSON and SHA-256 (core.canonical)
with its signers; from then on the database refuses every change to the
engagement until an amendment opens the next revision with a reason. The
signed report prints the hash and revision, embeds the canonical JSON and,
with a certificate, is certified with a PAdES signature that `verify_report`
checks against the revision recorded in the local database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from workbench.core import limits
from workbench.core.canonical import canonical_bytes, hash_of
from workbench.core.engagement import EngagementStatus
from workbench.core.errors import (
    ErrorCode,
    InvalidValueError,
    LockedError,
    NotFoundError,
    WorkbenchError,
)
from workbench.core.files import check_output_target, write_atomically
from workbench.core.images import inspect_image
from workbench.core.progress import Progress, no_progress
from workbench.core.scoring import Status, score_engagement
from workbench.exports import signing
from workbench.exports.report import (
    EmbeddedFile,
    PhotoCache,
    RevisionEntry,
    SignOffInfo,
    build_report,
    check_sections,
)
from workbench.exports.report import Signer as ReportSigner
from workbench.exports.signing import Credentials  # re-exported: the GUI names keys here
from workbench.services import brands, report, signed_record
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import documents, evidence, signoffs
from workbench.storage.clock import now
from workbench.storage.signoffs import RevisionRecord, SignoffRecord, translated_lock

__all__ = [
    "CheckKind",
    "Credentials",
    "Readiness",
    "ReadinessItem",
    "RevisionRecord",
    "Severity",
    "SignOffResult",
    "SignedReport",
    "Signer",
    "SignoffRecord",
    "VerdictLine",
    "Verification",
    "amend",
    "check_report_target",
    "export_signed_report",
    "history",
    "lock_banner",
    "readiness",
    "return_to_draft",
    "sign_off",
    "sign_off_with_report",
    "signing_credentials",
    "signoff_info",
    "submit_for_review",
    "verify_report",
    "verify_with_database",
]

MAX_SIGNERS = 4
MAX_NAME = limits.NAME
MAX_REASON = limits.REASON
MAX_SIGNATURE_BYTES = 2 * 1024 * 1024
LOW_INDICATORS = 0.5  # "fully achieved" with indicators below this fraction is inconsistent


class NotReadyError(WorkbenchError):
    """Sign-off refused: blockers, or warnings that were not accepted explicitly."""

    default_code = ErrorCode.NOT_READY


class Severity(StrEnum):
    BLOCKER = "blocker"  # sign-off is impossible until it is fixed
    WARNING = "warning"  # sign-off proceeds only when the warnings are accepted explicitly


class CheckKind(StrEnum):
    ALREADY_SIGNED = "already_signed"
    NOTHING_RATED = "nothing_rated"
    UNRATED_INDICATORS = "unrated_indicators"
    OBJECTIVE_NOT_JUDGED = "objective_not_judged"
    NO_EVIDENCE = "no_evidence"
    OBJECTIVE_OVERSTATED = "objective_overstated"
    NEEDS_CONSENSUS = "needs_consensus"
    NO_TARGET = "no_target"


@dataclass(frozen=True)
class ReadinessItem:
    """One thing missing or inconsistent before sign-off."""

    kind: CheckKind
    severity: Severity
    element: str | None
    text: str  # what is wrong, without the element's code (a view shows the code apart)

    @property
    def code(self) -> CheckKind:
        """What kind of problem this is; views match this, never the text."""
        return self.kind

    @property
    def message(self) -> str:
        """The whole sentence, led by the element's code."""
        return f"{self.element} {self.text}" if self.element else self.text

    def to_dict(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "severity": str(self.severity),
                "element": self.element, "message": self.message}


@dataclass(frozen=True)
class Readiness:
    """The readiness check of one engagement."""

    engagement_id: str
    status: EngagementStatus
    revision: int
    items: tuple[ReadinessItem, ...]

    @property
    def blockers(self) -> tuple[ReadinessItem, ...]:
        return tuple(i for i in self.items if i.severity is Severity.BLOCKER)

    @property
    def warnings(self) -> tuple[ReadinessItem, ...]:
        return tuple(i for i in self.items if i.severity is Severity.WARNING)

    def can_sign(self, accept_warnings: bool) -> bool:
        return not self.blockers and (accept_warnings or not self.warnings)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.items:
            out[str(item.kind)] = out.get(str(item.kind), 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"engagement": self.engagement_id, "status": str(self.status),
                "revision": self.revision, "ready": not self.items,
                "blockers": len(self.blockers), "warnings": len(self.warnings),
                "counts": self.counts(), "items": [i.to_dict() for i in self.items]}


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


@dataclass(frozen=True)
class SignedReport:
    path: Path
    revision: int
    content_hash: str
    pages: int
    digitally_signed: bool
    certificate_name: str | None = None


# ---------------------------------------------------------------- readiness


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def readiness(session: Session, engagement_id: str) -> Readiness:
    """What is missing or inconsistent before the engagement can be signed off."""
    status, revision = signoffs.current(session.db, engagement_id)
    signed_record.check(session, engagement_id)
    framework = session.framework_of(engagement_id)
    doc = documents.load(session.db, engagement_id)
    result = score_engagement(framework, doc.ratings)
    items: list[ReadinessItem] = []

    def add(kind: CheckKind, element: str | None, text: str,
            severity: Severity = Severity.WARNING) -> None:
        items.append(ReadinessItem(kind, severity, element, text))

    if status is EngagementStatus.SIGNED_OFF:
        add(CheckKind.ALREADY_SIGNED, None, f"Revision {revision} is already signed off; start "
            "an amendment to change it.", Severity.BLOCKER)
    rated = any(not r.is_empty() for r in doc.ratings.assessors.values()) or \
        not doc.ratings.consensus.is_empty()
    if not rated:
        add(CheckKind.NOTHING_RATED, None, "Nothing is rated yet: rate the indicators and "
            "judge the objectives first.", Severity.BLOCKER)
    noted = {e.element for e in doc.evidence if e.notes.strip()}
    targets = doc.ratings.targets
    objective_labels = {o.key: o.label for o in framework.objective_levels}
    for element in framework.elements():
        code = element.code
        score = result.elements[code]
        if score.status is Status.NOT_APPLICABLE:
            continue
        if score.unrated:
            total = score.rated + score.unrated + score.not_applicable
            add(CheckKind.UNRATED_INDICATORS, code,
                f"{element.title}: {score.unrated} of "
                f"{_plural(total, 'indicator')} not rated.")
        if not score.objective_judged:
            add(CheckKind.OBJECTIVE_NOT_JUDGED, code,
                f"{element.title}: the statement of objective is not judged.")
        if code not in noted:
            add(CheckKind.NO_EVIDENCE, code, f"{element.title}: no evidence notes.")
        if score.objective == "fully" and score.indicator_fraction is not None and \
                score.indicator_fraction < LOW_INDICATORS:
            add(CheckKind.OBJECTIVE_OVERSTATED, code,
                f"{element.title}: the objective is judged "
                f"“{objective_labels.get('fully', 'fully achieved')}” while the indicators "
                f"reach only {score.indicator_fraction * 100:.0f} %.")
        if score.needs_consensus:
            add(CheckKind.NEEDS_CONSENSUS, code,
                f"{element.title}: the assessors disagree and no consensus is recorded.")
        if targets and code not in targets:
            add(CheckKind.NO_TARGET, code, f"{element.title}: no target level.")
    for enabler in framework.enablers:
        e_score = result.enablers[enabler.code]
        if e_score.status is Status.NOT_APPLICABLE:
            continue
        unrated = sum(1 for r in e_score.indicators.values()
                      if r.fraction is None and not r.na)
        if unrated:
            add(CheckKind.UNRATED_INDICATORS, enabler.code,
                f"{enabler.name}: {unrated} of "
                f"{_plural(len(e_score.indicators), 'indicator')} not rated.")
        if e_score.needs_consensus:
            add(CheckKind.NEEDS_CONSENSUS, enabler.code,
                f"{enabler.name}: the assessors disagree and no consensus is "
                "recorded.")
    if not targets:
        add(CheckKind.NO_TARGET, None, "No target levels are set: agree them with the client "
            "so the report can show the gaps.")
    return Readiness(engagement_id, status, revision, tuple(items))


def _summary(items: Sequence[ReadinessItem]) -> str:
    counts: dict[CheckKind, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    words = {
        CheckKind.UNRATED_INDICATORS: ("element with unrated indicators",
                                       "elements with unrated indicators"),
        CheckKind.OBJECTIVE_NOT_JUDGED: ("objective not judged", "objectives not judged"),
        CheckKind.NO_EVIDENCE: ("element without evidence notes",
                                "elements without evidence notes"),
        CheckKind.OBJECTIVE_OVERSTATED: ("objective judged fully achieved with low indicators",
                                         "objectives judged fully achieved with low indicators"),
        CheckKind.NEEDS_CONSENSUS: ("element needing consensus", "elements needing consensus"),
        CheckKind.NO_TARGET: ("element without a target level",
                              "elements without a target level"),
    }
    parts = []
    for kind, n in counts.items():
        one, many = words.get(kind, ("problem", "problems"))
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


# ---------------------------------------------------------------- workflow


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
            f"not signed off: {_summary(ready.warnings)}. Review them (workbench readiness "
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


def check_report_target(session: Session, engagement_id: str, path: Path,
                        brand: str | None = None) -> Path:
    """Before anything is locked: the report's file can be written and its brand loads."""
    path = check_output_target(Path(path))
    brands.resolve(brand or documents.load(session.db, engagement_id).details.brand)
    return path


def sign_off_with_report(session: Session, engagement_id: str, signers: Sequence[Signer],
                         path: Path, credentials: signing.Credentials | None = None, *,
                         accept_warnings: bool = False, brand: str | None = None,
                         progress: Progress = no_progress) -> tuple[SignOffResult, SignedReport]:
    """Sign off and write the signed report as one step: if the report cannot be written,
    nothing is locked. The output and the brand are checked before anything changes."""
    path = check_report_target(session, engagement_id, path, brand)
    with session.db.atomic():
        result = sign_off(session, engagement_id, signers, accept_warnings=accept_warnings)
        written = export_signed_report(session, engagement_id, path, credentials, brand=brand,
                                       progress=progress)
    return result, written


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


def _date(stamp: str) -> dt.date:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()


def _describe(record: RevisionRecord) -> str:
    names = ", ".join(f"{s.signer} ({s.role})" for s in record.signers)
    signed = f"Signed off by {names}." if record.signed else "Open for amendment."
    if record.revision == 1:
        return f"Original assessment. {signed}"
    return f"Amendment: {record.reason.rstrip('.')}. {signed}"


def signoff_info(session: Session, engagement_id: str) -> SignOffInfo | None:
    """What the report shows of the current signed revision (None when not signed off)."""
    status, revision = signoffs.current(session.db, engagement_id)
    signed_record.check(session, engagement_id)  # never "Signed off" over altered content
    if status is not EngagementStatus.SIGNED_OFF:
        return None
    records = signoffs.revisions(session.db, engagement_id)
    current = next(r for r in records if r.revision == revision)
    signed_on = _date(current.signed_at or now())
    signers = tuple(ReportSigner(
        s.signer, s.role, s.organisation, _date(s.signed_at),
        evidence.get_blob(session.db, s.signature_sha256) if s.signature_sha256 else None)
        for s in current.signers)
    entries = tuple(RevisionEntry(r.revision, _date(r.signed_at or r.opened_at), _describe(r))
                    for r in records if r.revision <= revision)
    return SignOffInfo(signers=signers, revision=revision,
                       content_hash=current.content_hash or "", signed_on=signed_on,
                       history=entries)


# ---------------------------------------------------------------- the signed report


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
    return f"engagement-{engagement_id}-revision-{revision}.json"


def export_signed_report(session: Session, engagement_id: str, path: Path,
                         credentials: signing.Credentials | None = None, *,
                         brand: str | None = None, progress: Progress = no_progress,
                         deterministic: bool = False, location: str = "") -> SignedReport:
    """Write the signed-off report: hash and revision printed, canonical JSON embedded, and
    with `credentials` certified by a PAdES signature (DocMDP: no later changes)."""
    path = Path(path)
    status, revision = signoffs.current(session.db, engagement_id)
    if status is not EngagementStatus.SIGNED_OFF:
        raise InvalidValueError("the engagement is not signed off; sign it off first, or "
                                "export the draft report")
    signed_record.check(session, engagement_id)
    stored = signoffs.canonical(session.db, engagement_id, revision)
    if stored is None:  # check() has refused this already
        raise WorkbenchError(f"revision {revision} has no recorded content")
    digest, data = stored
    path = check_output_target(path)
    progress(0.0, "Preparing the signed report")
    info = signoff_info(session, engagement_id)
    name = embedded_name(engagement_id, revision)
    attachment = EmbeddedFile(name, data, signing.CANONICAL_MIME,
                              f"Canonical content of revision {revision}; SHA-256 {digest}")
    source = report.report_input(session, engagement_id, deterministic=deterministic,
                                 signoff=info)
    source = replace(source, content_hash=digest, embedded_files=(attachment,))
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
            attachments=[signing.Attachment(name, data, signing.CANONICAL_MIME)])
    write_atomically(path, pdf)
    with session.db.atomic():
        session.log(engagement_id, "export signed report", str(path), None, {
            "revision": revision, "content_hash": digest,
            "certificate": credentials.subject_name if credentials else None})
    progress(1.0, "Signed report written")
    return SignedReport(path, revision, digest, built.pages, credentials is not None,
                        credentials.subject_name if credentials else None)


# ---------------------------------------------------------------- verification


@dataclass(frozen=True)
class VerdictLine:
    """One line of a verdict: a stable key, its label, and its text (more lines beneath)."""

    key: str
    label: str
    text: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verification:
    """The check of a signed report: its signature, its data, and the local database."""

    path: Path
    signature: signing.VerifyResult
    engagement_id: str | None = None
    revision: int | None = None
    client: str = ""
    title: str = ""
    in_database: bool = False
    database_hash: str | None = None
    matches: bool = False
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Intact and matching: what `workbench verify` exits 0 for."""
        return self.signature.intact and self.matches

    @property
    def headline(self) -> str:
        """The verdict in one sentence."""
        s = self.signature
        if self.ok:
            return "Intact and matching: this is the signed original."
        if not s.signed:
            return "Not digitally signed: nothing proves this file is the original."
        if not s.intact:
            return "Not intact: the file was changed after it was signed."
        return "The signature is intact, but the content does not match."

    def lines(self) -> list[VerdictLine]:
        """The verdict's lines, the same for `workbench verify` and the verify dialog."""
        s = self.signature
        unknown = signing.ProblemCode.UNKNOWN_CERTIFICATE  # the trust line says so already
        shown = tuple(p for p in s.problems
                      if not (isinstance(p, signing.Problem) and p.code is unknown))
        state = ("none — this PDF is not digitally signed" if not s.signed else
                 "NOT INTACT — the file is not the one that was signed" if not s.intact else
                 "intact (certified, no later changes allowed)" if s.certified else
                 "intact (approval signature)")
        out = [VerdictLine("signature", "Signature", state, shown)]
        if s.signed:
            when = s.signing_time.strftime("%Y-%m-%d %H:%M:%S %Z") if s.signing_time else \
                "unknown"
            trust = ("trusted: a known certificate" if s.trusted else
                     "intact only: the certificate is not known on this computer"
                     if s.intact else "not trusted")
            out += [VerdictLine("signer", "Signer", s.signer),
                    VerdictLine("certificate", "Certificate", f"SHA-256 {s.signer_fingerprint}"),
                    VerdictLine("time", "Signed at", when),
                    VerdictLine("trust", "Trust", trust)]
        if self.engagement_id is not None:
            title = f": {self.title}" if self.title else ""
            out.append(VerdictLine("engagement", "Engagement", f"{self.engagement_id}, revision "
                                   f"{self.revision} — {self.client}{title}"))
        if s.embedded_hash:
            out.append(VerdictLine("hash", "Content", f"SHA-256 {s.embedded_hash}"))
        if self.in_database:
            out.append(VerdictLine("database", "Database", (
                f"matches signed revision {self.revision} in the local database"
                if self.database_hash == s.embedded_hash else
                "DIFFERS from the local database")))
        elif self.engagement_id is not None:
            out.append(VerdictLine("database", "Database", "not in the local database"))
        out += [VerdictLine("notes", "Note", note) for note in self.notes]
        out.append(VerdictLine("result", "Result", "OK" if self.ok else "FAILED"))
        return out

    def to_dict(self) -> dict[str, Any]:
        s = self.signature
        return {
            "file": str(self.path), "ok": self.ok, "signed": s.signed, "intact": s.intact,
            "trusted": s.trusted, "certified": s.certified, "signer": s.signer or None,
            "signer_fingerprint": s.signer_fingerprint or None,
            "signing_time": s.signing_time.isoformat() if s.signing_time else None,
            "engagement": self.engagement_id, "revision": self.revision,
            "content_hash": s.embedded_hash, "signed_hash": s.declared_hash,
            "in_database": self.in_database, "database_hash": self.database_hash,
            "matches": self.matches, "problems": list(s.problems), "notes": list(self.notes)}


def _trusted(session: Session | None) -> list[bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    out = signing.known_certificates()
    if session is not None:
        for pem in signoffs.certificates(session.db):
            try:
                out.append(x509.load_pem_x509_certificate(pem.encode()).public_bytes(
                    Encoding.DER))
            except ValueError:
                continue
    return out


def verify_report(path: Path, session: Session | None = None) -> Verification:
    """Check a signed report's signature and compare its data with the local database."""
    path = Path(path)
    result = signing.verify_pdf(path, _trusted(session))
    notes: list[str] = []
    if result.embedded_json is None:
        notes.append("the PDF carries no engagement data to compare")
        return Verification(path, result, notes=tuple(notes))
    try:
        data = json.loads(result.embedded_json.decode("utf-8"))
        engagement_id = str(data["id"])
        revision = int(data["revision"])
        details = data.get("engagement", {})
        client, title = str(details.get("client", "")), str(details.get("title", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        notes.append("the engagement data embedded in the PDF is unreadable")
        return Verification(path, result, notes=tuple(notes))
    consistent = result.consistent
    if not consistent:
        notes.append("the embedded engagement data is not the content the signature names"
                     if result.declared_hash else
                     "the signature names no content hash to compare the embedded data with")
    in_db, db_hash, matches = False, None, consistent
    if session is not None:
        try:
            status, current_revision = signoffs.current(session.db, engagement_id)
        except NotFoundError:
            notes.append("this engagement is not in the local database; the data was checked "
                         "against the hash the signature names")
        else:
            in_db = True
            try:
                signed_record.check(session, engagement_id)
            except signed_record.AlteredRecordError as exc:
                matches = False
                notes.append(str(exc))
            stored = signoffs.canonical(session.db, engagement_id, revision)
            if stored is None:
                matches = False
                notes.append(f"revision {revision} of this engagement is not signed off in the "
                             "local database")
            else:
                db_hash = stored[0]
                if db_hash != result.embedded_hash:
                    matches = False
                    notes.append(f"the content differs from signed revision {revision} in the "
                                 "local database")
                if current_revision > revision:
                    notes.append(f"the engagement has been amended since: its current "
                                 f"revision is {current_revision} ({status.value})")
    return Verification(path, result, engagement_id, revision, client, title, in_db, db_hash,
                        matches, tuple(notes))


def verify_with_database(path: Path, db_path: Path | None) -> Verification:
    """`verify_report` against the database at `db_path` (default location) when it exists."""
    from workbench.storage.database import default_database_path

    if db_path is not None and not Path(db_path).is_file():
        raise NotFoundError(f"{db_path}: no such database")
    where = Path(db_path) if db_path is not None else default_database_path()
    if not where.is_file() or where.stat().st_size == 0:
        return verify_report(path, None)
    session = Session.open(where)
    try:
        return verify_report(path, session)
    finally:
        session.close()




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
    names = ", ".join(s.signer for s in record.signers) or "its signers"
    day = _date(record.signed_at or now()).strftime("%d %B %Y").lstrip("0")
    return (f"Signed off on {day} by {names} (revision {revision}, SHA-256 "
            f"{(record.content_hash or '')[:12]}…). Read-only: start an amendment to change it.")

"""Verifying a signed report: is it intact, and is its signer in the trust list?

`verify_pdf` validates the signature with pyHanko against a ValidationContext whose
trust roots are the trusted certificates given (see trust_list): a valid signature
by any other certificate, even one carrying the signer's name, is intact but not
trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from workbench.core.errors import WorkbenchError
from workbench.core.files import MiB, read_regular_file
from workbench.exports.signing.certificates import certificate_fingerprint, certificate_name
from workbench.exports.signing.cms_checks import cms_untouched
from workbench.exports.signing.embedded import files_of
from workbench.exports.signing.reference import read_reference

MAX_SIGNED_PDF_BYTES = 512 * MiB  # the largest report verify reads
HASH_IN_REASON = re.compile(r"content SHA-256 ([0-9a-f]{64})")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class ProblemCode(StrEnum):
    """What a problem of a signed report is about (views match codes, never the text)."""

    NOT_SIGNED = "not_signed"
    SEVERAL_SIGNATURES = "several_signatures"
    CONTENT_CHANGED = "content_changed"
    SIGNATURE_DAMAGED = "signature_damaged"
    CHANGED_AFTER_SIGNING = "changed_after_signing"
    FIELD_ALTERED = "field_altered"
    UNKNOWN_CERTIFICATE = "unknown_certificate"


class Problem(str):
    """A problem's sentence (it is a str, so it prints and serialises as one) and its code."""

    code: ProblemCode

    def __new__(cls, code: ProblemCode, text: str) -> Problem:
        problem = super().__new__(cls, text)
        problem.code = code
        return problem


@dataclass(frozen=True)
class VerifyResult:
    """What a check of a signed report found."""

    signed: bool  # the PDF carries a digital signature at all
    intact: bool  # signature mathematically valid, covers the file, nothing changed after
    trusted: bool  # and the signer's certificate is a known one
    signer: str = ""
    signer_fingerprint: str = ""
    signing_time: dt.datetime | None = None
    certified: bool = False  # a certification (DocMDP) signature
    reason: str = ""
    declared_hash: str | None = None  # the content hash the signature vouches for
    embedded_name: str | None = None
    embedded_json: bytes | None = field(default=None, repr=False)
    embedded_hash: str | None = None  # the content hash the embedded JSON stands for
    problems: tuple[Problem, ...] = ()
    reference: bool = False  # the embedded JSON is a signed reference, not the full content
    working_papers_name: str | None = None  # the full canonical JSON beside a reference
    working_papers_hash: str | None = None

    @property
    def consistent(self) -> bool:
        """The embedded JSON stands for the content whose hash the signature names (a
        reference by its content_hash, the earlier release's full JSON by its own
        SHA-256), and working papers, when attached, are that content."""
        return (self.embedded_hash is not None and self.declared_hash is not None
                and self.embedded_hash == self.declared_hash
                and self.working_papers_hash in (None, self.declared_hash))


def _unsigned(problem: str, **kw: Any) -> VerifyResult:
    return VerifyResult(signed=False, intact=False, trusted=False,
                        problems=(Problem(ProblemCode.NOT_SIGNED, problem),), **kw)


def verify_pdf(source: Path | str | bytes, trusted_certs: Sequence[bytes] = ()) -> VerifyResult:
    """Check the report's digital signature and read its embedded canonical JSON.

    `trusted_certs` are DER certificates of known signers; a valid signature by
    another certificate is reported intact but not trusted.
    """
    if isinstance(source, bytes):
        data, name = source, "the PDF"
    else:
        name = str(source)
        data = read_regular_file(Path(source), limit=MAX_SIGNED_PDF_BYTES, what="signed PDF")
    if not data.lstrip()[:5] == b"%PDF-":
        raise WorkbenchError(f"{name}: not a PDF file")
    try:
        return _verify(data, trusted_certs)
    except WorkbenchError:
        raise
    except Exception as exc:
        # A damaged file makes the parser fail somewhere; that is a failed check, not a crash.
        return _unsigned(f"the file is damaged and cannot be checked ({type(exc).__name__})")


def _quiet_pyhanko() -> None:
    """pyHanko logs untrusted self-signed certificates with a traceback; the result says it."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        log = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
            log.addHandler(logging.NullHandler())
        log.propagate = False


def _context(roots: list[Any]) -> Any:
    """A ValidationContext trusting exactly `roots`: offline, nothing fetched."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=roots, allow_fetching=False,
                             revocation_mode="soft-fail")


def _embedded(files: Sequence[tuple[str, bytes]]) -> dict[str, Any]:
    """The embedded JSON to check: the signed reference when there is one (with the
    working papers beside it, if attached), else the first JSON file (the full canonical
    content, as the earlier release embedded it)."""
    json_files = [(n, d) for n, d in files if n.lower().endswith(".json")]
    for index, (name, data) in enumerate(json_files):
        reference = read_reference(data)
        if reference is None:
            continue
        claimed = reference.get("content_hash")
        papers = [f for i, f in enumerate(json_files) if i != index][:1]
        return {"embedded_name": name, "embedded_json": data, "reference": True,
                "embedded_hash": claimed if isinstance(claimed, str)
                and SHA256_HEX.fullmatch(claimed) else None,
                "working_papers_name": papers[0][0] if papers else None,
                "working_papers_hash": hashlib.sha256(papers[0][1]).hexdigest()
                if papers else None}
    name_, embedded = json_files[0] if json_files else (None, None)
    return {"embedded_name": name_, "embedded_json": embedded,
            "embedded_hash": hashlib.sha256(embedded).hexdigest()
            if embedded is not None else None}


def _verify(data: bytes, trusted_certs: Sequence[bytes]) -> VerifyResult:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    _quiet_pyhanko()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    extra = _embedded(files_of(reader))
    sigs = reader.embedded_signatures
    if not sigs:
        return _unsigned("the PDF carries no digital signature", **extra)
    problems: list[Problem] = []
    if len(sigs) > 1:
        problems.append(Problem(ProblemCode.SEVERAL_SIGNATURES, f"the PDF carries {len(sigs)} "
                                "signatures; only the first is checked"))
    sig = sigs[0]
    roots = [asn1_x509.Certificate.load(c) for c in trusted_certs]
    # No diff analysis: a certified report must cover the whole file (checked below), so
    # any later revision fails anyway, and the analysis would cost half a second.
    try:
        status = validate_pdf_signature(sig, _context(roots), skip_diff=True)
    except Exception:
        # pyHanko's path builder takes a trusted certificate with the signer's name for
        # its issuer and can fail on it (an EC signer "issued" by an RSA root trips an
        # assertion): a forgery with a trusted name. Check the signature alone: it is
        # at best intact, and its signer is not trusted.
        status = validate_pdf_signature(sig, _context([]), skip_diff=True)
    cert = status.signing_cert
    from cryptography import x509 as cx509

    crypto_cert = cx509.load_der_x509_certificate(cert.dump())
    signer = certificate_name(crypto_cert)
    sig_obj = sig.sig_object
    reason = str(sig_obj.get("/Reason", "")) if "/Reason" in sig_obj else ""
    match = HASH_IN_REASON.search(reason)
    declared = match.group(1) if match else None
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    intact = bool(status.intact and status.valid)
    if not status.intact:
        problems.append(Problem(ProblemCode.CONTENT_CHANGED,
                                "the signed content was changed after signing"))
    elif not status.valid:
        problems.append(Problem(ProblemCode.SIGNATURE_DAMAGED, "the signature itself is "
                                "damaged or does not belong to the content"))
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE or status.docmdp_ok is False:
        # Certified with "no changes": any later revision of the file breaks the seal.
        intact = False
        problems.append(Problem(ProblemCode.CHANGED_AFTER_SIGNING,
                                "the file was changed after it was signed"))
    raw = sig_obj.get("/Contents")
    altered = "the signature field was altered" if raw is None else cms_untouched(bytes(raw))
    if altered:
        intact = False
        problems.append(Problem(ProblemCode.FIELD_ALTERED, altered))
    signing_time = status.signer_reported_dt
    certified = sig.sig_object_type == "/Sig" and reader.root.get("/Perms") is not None and \
        "/DocMDP" in reader.root["/Perms"]
    trusted = intact and bool(status.trusted)
    fingerprint = certificate_fingerprint(crypto_cert)
    if intact and not trusted:
        problems.append(Problem(ProblemCode.UNKNOWN_CERTIFICATE,
                                "signed by a certificate this workbench does not trust "
                                f"(SHA-256 fingerprint {fingerprint})"))
    return VerifyResult(
        signed=True, intact=intact, trusted=trusted, signer=signer,
        signer_fingerprint=fingerprint, signing_time=signing_time,
        certified=certified, reason=reason, declared_hash=declared,
        problems=tuple(problems), **extra)

"""Certifying a report: PAdES B-B with pyHanko, DocMDP "no changes".

The engagement's canonical JSON is embedded (before signing, so the signature
covers it) and the report is *certified*: any later change, even an annotation,
breaks it. pyHanko is imported inside the functions: it takes a second to import.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.exports.pdf_files import EmbeddedFile, attach_files
from workbench.exports.signing.certificates import Credentials, SigningError, check_validity
from workbench.exports.signing.embedded import embedded_file_names

CANONICAL_MIME = "application/json"
FIELD_NAME = "WorkbenchSignOff"


@dataclass(frozen=True)
class Attachment(EmbeddedFile):
    """A file to embed in the PDF before signing (the canonical JSON by default)."""

    mime_type: str = CANONICAL_MIME


def signing_reason(revision: int, content_hash: str) -> str:
    """The signature's /Reason: names the revision and the content hash it vouches for."""
    return f"Sign-off of revision {revision}; content SHA-256 {content_hash}"


def _pyhanko_signer(creds: Credentials) -> Any:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class KeyInMemorySigner(signers.SimpleSigner):
        """Signs with the already loaded key.

        pyHanko's SimpleSigner re-parses the private key for every signature, and
        parsing validates an RSA key at a cost of 0.15 s; it signs twice (a dry run
        sizes the signature field), so this halves the time of signing a report.
        """

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                algo = mechanism.signature_algo
            except ValueError:
                algo = mechanism["algorithm"].native
            digest = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(),
                      "sha512": hashes.SHA512()}.get(digest_algorithm)
            key = creds.key
            if digest is not None and algo == "rsassa_pkcs1v15" and \
                    isinstance(key, rsa.RSAPrivateKey):
                return key.sign(data, padding.PKCS1v15(), digest)
            if digest is not None and algo == "ecdsa" and \
                    isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ec.ECDSA(digest))
            result: bytes = super().sign_raw(data, digest_algorithm)
            return result

    cert = asn1_x509.Certificate.load(creds.certificate.public_bytes(Encoding.DER))
    key = asn1_keys.PrivateKeyInfo.load(creds.key.private_bytes(
        Encoding.DER, PrivateFormat.PKCS8, NoEncryption()))
    registry = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
        [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in creds.chain])
    return KeyInMemorySigner(signing_cert=cert, signing_key=key, cert_registry=registry)


def sign_pdf(pdf: bytes, creds: Credentials, *, reason: str, location: str = "",
             contact: str = "", attachments: Sequence[EmbeddedFile] = (),
             signing_time: dt.datetime | None = None) -> bytes:
    """Certify `pdf` (PAdES B-B, DocMDP no changes), embedding `attachments` first."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    check_validity(creds.certificate, creds.source or "the certificate", signing_time)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except Exception as exc:
        raise SigningError(f"the report cannot be opened for signing ({exc})") from None
    present = set(embedded_file_names(pdf)) if attachments else set()
    # Files the report builder already attached are not attached twice.
    attach_files(writer, [item for item in attachments if item.name not in present])
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", reason=reason,
        location=location or None, contact_info=contact or None,
        name=creds.subject_name, subfilter=fields.SigSeedSubFilter.PADES,
        certify=True, docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        signer_key_usage={"non_repudiation", "digital_signature"} & _key_usages(creds))
    pdf_signer = signers.PdfSigner(meta, signer=_pyhanko_signer(creds))
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out)
    except Exception as exc:
        raise SigningError(f"the report could not be signed ({type(exc).__name__}: "
                           f"{str(exc)[:200]})") from None
    return out.getvalue()


def _key_usages(creds: Credentials) -> set[str]:
    """The key usages the certificate allows, in pyHanko's names (all when unrestricted)."""
    from cryptography import x509 as cx509

    try:
        usage = creds.certificate.extensions.get_extension_for_class(cx509.KeyUsage).value
    except cx509.ExtensionNotFound:
        return {"non_repudiation", "digital_signature"}
    found = set()
    if usage.digital_signature:
        found.add("digital_signature")
    if usage.content_commitment:
        found.add("non_repudiation")
    if not found:
        raise SigningError(f"{creds.source or 'the certificate'}: the certificate of "
                           f"{creds.subject_name} may not be used for signatures")
    return found

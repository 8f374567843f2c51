"""Digital signatures of reports: PAdES B-B certification with pyHanko, and verification.

A signed report carries the engagement's canonical JSON as an embedded file
(added before signing, so the signature covers it) and is *certified* with
DocMDP "no changes": any later change, even an annotation, breaks it.

Certificates come from a PKCS#12 file, or are generated here as self-signed
certificates kept in the app's data folder (`certificates/`, owner-only
permissions) as a passphrase-protected PKCS#12 file plus the public
certificate (PEM), which also makes the signer "known" when verifying.

pyHanko and the cryptography primitives are imported inside the functions:
pyHanko takes about a second to import, and the app must start fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_path

from workbench.core.errors import WorkbenchError
from workbench.core.files import FileInputError, MiB, read_regular_file
from workbench.exports.pdf_files import EmbeddedFile, attach_files

MAX_CERTIFICATE_FILE_BYTES = 1 * MiB  # a PKCS#12 file is a few KB
MAX_SIGNED_PDF_BYTES = 512 * MiB  # the largest report verify reads

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

CANONICAL_MIME = "application/json"
FIELD_NAME = "WorkbenchSignOff"
HASH_IN_REASON = re.compile(r"content SHA-256 ([0-9a-f]{64})")
MIN_PASSPHRASE = 8


class SigningError(WorkbenchError):
    """A certificate or key that cannot be used to sign; the message says why."""


def certificate_folder() -> Path:
    """Where the app keeps its signing certificates (owner-only permissions)."""
    return user_data_path("assessor-workbench", appauthor=False) / "certificates"


# ---------------------------------------------------------------- credentials


@dataclass(frozen=True)
class Credentials:
    """A private key and its certificate (and chain), ready to sign."""

    key: PrivateKeyTypes = field(repr=False)
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    source: str = ""

    @property
    def subject_name(self) -> str:
        return certificate_name(self.certificate)

    @property
    def fingerprint(self) -> str:
        return certificate_fingerprint(self.certificate)

    def certificate_pem(self) -> str:
        from cryptography.hazmat.primitives.serialization import Encoding

        return self.certificate.public_bytes(Encoding.PEM).decode("ascii")


@dataclass(frozen=True)
class StoredCertificate:
    """A certificate (with its protected key) in the app's certificate folder."""

    p12: Path
    pem: Path
    name: str
    fingerprint: str
    not_after: dt.datetime


def certificate_name(cert: x509.Certificate) -> str:
    """The certificate's common name, else its whole subject."""
    from cryptography.x509.oid import NameOID

    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if names:
        value = names[0].value
        return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return cert.subject.rfc4514_string() or "(no name)"


def certificate_fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint of the certificate, lower-case hex."""
    from cryptography.hazmat.primitives import hashes

    return cert.fingerprint(hashes.SHA256()).hex()


def _check_validity(cert: x509.Certificate, source: str,
                    now: dt.datetime | None = None) -> None:
    now = now or dt.datetime.now(dt.UTC)
    name = certificate_name(cert)
    if cert.not_valid_after_utc < now:
        raise SigningError(f"{source}: the certificate of {name} expired on "
                           f"{cert.not_valid_after_utc:%Y-%m-%d}; sign with a valid certificate "
                           "or create a new one")
    if cert.not_valid_before_utc > now:
        raise SigningError(f"{source}: the certificate of {name} is valid only from "
                           f"{cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC; check this "
                           "computer's clock or use another certificate")


def load_pkcs12(path: Path | str, passphrase: str | bytes | None) -> Credentials:
    """Read a PKCS#12 (.p12/.pfx) file; wrong passphrase, damage and expiry give clear errors."""
    from asn1crypto import pkcs12 as asn1_pkcs12
    from cryptography.hazmat.primitives.serialization import pkcs12

    path = Path(path)
    source = str(path)
    try:
        data = read_regular_file(path, limit=MAX_CERTIFICATE_FILE_BYTES,
                                 what="certificate file (.p12)")
    except FileInputError as exc:
        raise SigningError(str(exc)) from None
    if isinstance(passphrase, str):
        passphrase = passphrase.encode("utf-8")
    try:
        # Parse the structure first: a damaged file and a wrong passphrase both make
        # cryptography say "invalid password or PKCS12 data", which helps nobody.
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        pfx["auth_safe"]["content"].native  # noqa: B018 - forces a full parse
    except Exception:
        raise SigningError(f"{source}: not a PKCS#12 certificate file, or the file is "
                           "damaged") from None
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase or None)
    except ValueError:
        if not passphrase:
            raise SigningError(f"{source}: the file is protected by a passphrase; give "
                               "it") from None
        # The file's integrity check needs the passphrase, so a damaged inside and a wrong
        # passphrase look the same here; the first is far more likely.
        raise SigningError(f"{source}: the passphrase is wrong (or the file is damaged "
                           "inside)") from None
    except Exception as exc:
        raise SigningError(f"{source}: the certificate file cannot be used "
                           f"({type(exc).__name__})") from None
    if key is None or cert is None:
        raise SigningError(f"{source}: the file holds no private key and certificate to "
                           "sign with")
    _check_validity(cert, source)
    return Credentials(key, cert, tuple(extra), source)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40] or "certificate"


def _private_write(path: Path, data: bytes) -> None:
    """Write a file only its owner can read (0600), atomically."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _ensure_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise SigningError(f"{folder}: cannot create the certificate folder "
                           f"({exc.strerror or exc})") from None
    return folder


def create_self_signed(name: str, passphrase: str, *, organisation: str = "",
                       email: str = "", folder: Path | None = None, years: int = 3,
                       now: dt.datetime | None = None) -> StoredCertificate:
    """A new self-signed signing certificate, its key protected by `passphrase`."""
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    name = name.strip()
    if not name:
        raise SigningError("a certificate needs the signer's name")
    if len(passphrase) < MIN_PASSPHRASE:
        raise SigningError(f"choose a passphrase of at least {MIN_PASSPHRASE} characters to "
                           "protect the signing key")
    folder = _ensure_folder(folder or certificate_folder())
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attrs = [cx509.NameAttribute(NameOID.COMMON_NAME, name)]
    if organisation.strip():
        attrs.append(cx509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()))
    if email.strip():
        attrs.append(cx509.NameAttribute(NameOID.EMAIL_ADDRESS, email.strip()))
    subject = cx509.Name(attrs)
    start = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(minutes=5)
    cert = (cx509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(cx509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=365 * years))
            .add_extension(cx509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(cx509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(cx509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    fingerprint = certificate_fingerprint(cert)
    stem = f"{_slug(name)}-{fingerprint[:8]}"
    p12 = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    p12_path, pem_path = folder / f"{stem}.p12", folder / f"{stem}.pem"
    try:
        _private_write(p12_path, p12)
        _private_write(pem_path, cert.public_bytes(serialization.Encoding.PEM))
    except OSError as exc:
        raise SigningError(f"{folder}: cannot store the certificate "
                           f"({exc.strerror or exc})") from None
    return StoredCertificate(p12_path, pem_path, name, fingerprint, cert.not_valid_after_utc)


def import_pkcs12(path: Path | str, passphrase: str, folder: Path | None = None
                  ) -> StoredCertificate:
    """Keep a copy of a PKCS#12 file (after checking it opens) in the certificate folder."""
    from cryptography.hazmat.primitives import serialization

    creds = load_pkcs12(path, passphrase)
    folder = _ensure_folder(folder or certificate_folder())
    stem = f"{_slug(creds.subject_name)}-{creds.fingerprint[:8]}"
    p12_path, pem_path = folder / f"{stem}.p12", folder / f"{stem}.pem"
    try:
        _private_write(p12_path, read_regular_file(Path(path), limit=MAX_CERTIFICATE_FILE_BYTES,
                                                   what="certificate file (.p12)"))
        _private_write(pem_path, creds.certificate.public_bytes(serialization.Encoding.PEM))
    except OSError as exc:
        raise SigningError(f"{folder}: cannot store the certificate "
                           f"({exc.strerror or exc})") from None
    return StoredCertificate(p12_path, pem_path, creds.subject_name, creds.fingerprint,
                             creds.certificate.not_valid_after_utc)


def stored_certificates(folder: Path | None = None) -> list[StoredCertificate]:
    """The signing certificates kept in the app's folder, newest expiry first."""
    from cryptography import x509 as cx509

    folder = folder or certificate_folder()
    found: list[StoredCertificate] = []
    for pem in sorted(folder.glob("*.pem")) if folder.is_dir() else []:
        p12 = pem.with_suffix(".p12")
        if not p12.exists():
            continue
        try:
            cert = cx509.load_pem_x509_certificate(pem.read_bytes())
        except (OSError, ValueError):
            continue  # a damaged file is skipped, not fatal
        found.append(StoredCertificate(p12, pem, certificate_name(cert),
                                       certificate_fingerprint(cert), cert.not_valid_after_utc))
    return sorted(found, key=lambda c: c.not_after, reverse=True)


def known_certificates(folder: Path | None = None) -> list[bytes]:
    """DER of every certificate in the app's folder (PEM, CRT or CER): the trusted signers."""
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives.serialization import Encoding

    folder = folder or certificate_folder()
    out: list[bytes] = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".pem", ".crt", ".cer"):
            continue
        try:
            data = path.read_bytes()
            cert = (cx509.load_pem_x509_certificate(data) if b"-----BEGIN" in data
                    else cx509.load_der_x509_certificate(data))
        except (OSError, ValueError):
            continue
        out.append(cert.public_bytes(Encoding.DER))
    return out


# ---------------------------------------------------------------- signing


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

    _check_validity(creds.certificate, creds.source or "the certificate", signing_time)
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


# ---------------------------------------------------------------- reading and verifying


def embedded_file_names(pdf: bytes) -> list[str]:
    """Names of the files embedded in a PDF (its EmbeddedFiles name tree)."""
    return [name for name, _ in _embedded_files(pdf)]


def _embedded_files(pdf: bytes) -> list[tuple[str, bytes]]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return _files_of(reader)


def _files_of(reader: Any) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    root = reader.root
    names = root.get("/Names")
    if names is None:
        return out
    tree = names.get_object().get("/EmbeddedFiles")
    if tree is None:
        return out

    def walk(node: Any, depth: int) -> None:
        node = node.get_object()
        if depth > 16:  # a name tree that deep is malformed, perhaps on purpose
            return
        pairs = node.get("/Names")
        if pairs is not None:
            pairs = pairs.get_object()
            for i in range(0, len(pairs) - 1, 2):
                spec = pairs[i + 1].get_object()
                ef = spec.get("/EF")
                if ef is None:
                    continue
                stream = ef.get_object().get("/F")
                if stream is None:
                    continue
                out.append((str(pairs[i]), stream.get_object().data))
        kids = node.get("/Kids")
        if kids is not None:
            for kid in kids.get_object():
                walk(kid, depth + 1)

    walk(tree, 0)
    return out


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
    embedded_hash: str | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def consistent(self) -> bool:
        """The embedded JSON is the content whose hash the signature names."""
        return (self.embedded_hash is not None and self.declared_hash is not None
                and self.embedded_hash == self.declared_hash)


def _unsigned(problem: str, **kw: Any) -> VerifyResult:
    return VerifyResult(signed=False, intact=False, trusted=False,
                        problems=(Problem(ProblemCode.NOT_SIGNED, problem),), **kw)


def _der_length(raw: bytes) -> int | None:
    """Length of the one DER value at the start of `raw`, header included."""
    if len(raw) < 2 or raw[0] != 0x30:
        return None
    first = raw[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(raw) < 2 + count:
        return None
    return 2 + count + int.from_bytes(raw[2:2 + count], "big")


def _der_tree_exact(data: bytes, depth: int = 0) -> bool:
    """Every constructed DER value holds exactly its children: no gap, no spare byte."""
    from asn1crypto import parser

    if depth > 40:
        return False
    pos = 0
    while pos < len(data):
        try:
            cls, method, tag, header, contents, trailer = parser.parse(data[pos:])
        except ValueError:
            return False
        if trailer or (cls == 0 and tag == 0):
            return False  # indefinite lengths and end-of-contents markers are not DER
        if method == 1 and not _der_tree_exact(contents, depth + 1):
            return False
        pos += len(header) + len(contents)
    return True


def _cms_untouched(raw: bytes) -> str | None:
    """Why the signature blob is not exactly as a signer writes it, or None when it is.

    The digest and the signature cover the document and the signed attributes,
    but not every byte of the CMS container around them (the outer digest list,
    the certificates, the zero padding of /Contents). A flipped byte there
    leaves the signature mathematically valid, yet the file is no longer the one
    that was signed; these checks catch it.
    """
    from asn1crypto import cms

    end = _der_length(raw)
    if end is None or end > len(raw) or any(raw[end:]):
        return "the signature field was altered"
    if not _der_tree_exact(raw[:end]):
        return "the signature field was altered"
    try:
        info = cms.ContentInfo.load(raw[:end], strict=True)
        if info["content_type"].native != "signed_data":
            return "the signature field was altered"
        signed = info["content"]
        signer_infos = signed["signer_infos"]
        # The digest algorithm identifiers sit outside the signed attributes: compare them
        # whole (parameters included) with each other, and allow only absent or NULL
        # parameters, as every SHA-2 signer writes them.
        used = {si["digest_algorithm"].dump() for si in signer_infos}
        listed = [a.dump() for a in signed["digest_algorithms"]]
        if set(listed) != used or len(listed) != len(set(listed)):
            return "the signature's list of digest algorithms was altered"
        for algorithm in [*signed["digest_algorithms"],
                          *(si["digest_algorithm"] for si in signer_infos)]:
            params = algorithm["parameters"]
            if params.contents is not None and params.dump() != b"\x05\x00":
                return "the signature's digest algorithm was altered"
        expected = {"issuer_and_serial_number": "v1", "subject_key_identifier": "v3"}
        for si in signer_infos:
            if si["version"].native != expected.get(si["sid"].name):
                return "the signature's signer information was altered"
        if signed["version"].native not in ("v1", "v3"):
            return "the signature's version was altered"
        problem = _certificates_untouched(signed["certificates"])
    except Exception:
        return "the signature field was altered"
    return problem


def _certificates_untouched(certificates: Any) -> str | None:
    """Every certificate carried in the signature still verifies against its issuer there."""
    from cryptography import x509 as cx509

    certs = [cx509.load_der_x509_certificate(c.chosen.dump()) for c in certificates or []]
    by_subject = {c.subject.public_bytes(): c for c in certs}
    for cert in certs:
        issuer = by_subject.get(cert.issuer.public_bytes())
        if issuer is None:
            continue  # issued outside the blob: checked by path validation, if trusted
        try:
            cert.verify_directly_issued_by(issuer)
        except Exception:  # InvalidSignature, or a key type that cannot have issued it
            return "a certificate inside the signature was altered"
    return None


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


def _verify(data: bytes, trusted_certs: Sequence[bytes]) -> VerifyResult:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _quiet_pyhanko()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    files = _files_of(reader)
    json_files = [(n, d) for n, d in files if n.lower().endswith(".json")]
    embedded_name, embedded = json_files[0] if json_files else (None, None)
    embedded_hash = hashlib.sha256(embedded).hexdigest() if embedded is not None else None
    extra: dict[str, Any] = {"embedded_name": embedded_name, "embedded_json": embedded,
                             "embedded_hash": embedded_hash}
    sigs = reader.embedded_signatures
    if not sigs:
        return _unsigned("the PDF carries no digital signature", **extra)
    problems: list[Problem] = []
    if len(sigs) > 1:
        problems.append(Problem(ProblemCode.SEVERAL_SIGNATURES, f"the PDF carries {len(sigs)} "
                                "signatures; only the first is checked"))
    sig = sigs[0]
    roots = [asn1_x509.Certificate.load(c) for c in trusted_certs]
    context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                revocation_mode="soft-fail")
    # No diff analysis: a certified report must cover the whole file (checked below), so
    # any later revision fails anyway, and the analysis would cost half a second.
    status = validate_pdf_signature(sig, context, skip_diff=True)
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
    altered = "the signature field was altered" if raw is None else _cms_untouched(bytes(raw))
    if altered:
        intact = False
        problems.append(Problem(ProblemCode.FIELD_ALTERED, altered))
    signing_time = status.signer_reported_dt
    certified = sig.sig_object_type == "/Sig" and reader.root.get("/Perms") is not None and \
        "/DocMDP" in reader.root["/Perms"]
    trusted = intact and bool(status.trusted)
    if intact and not trusted:
        problems.append(Problem(ProblemCode.UNKNOWN_CERTIFICATE,
                                "the signer's certificate is not one this computer knows"))
    return VerifyResult(
        signed=True, intact=intact, trusted=trusted, signer=signer,
        signer_fingerprint=certificate_fingerprint(crypto_cert), signing_time=signing_time,
        certified=certified, reason=reason, declared_hash=declared,
        problems=tuple(problems), **extra)

"""Signing certificates: the user's own (made here or imported) and PKCS#12 files.

Certificates are generated here as self-signed certificates kept in the app's data
folder (`certificates/`, owner-only permissions) as a passphrase-protected PKCS#12
file plus the public certificate (PEM). Those are "your own signing certificates":
the trust list (trust_list) always trusts them.

The cryptography primitives are imported inside the functions (start-up time).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_path

from workbench.core.errors import WorkbenchError
from workbench.core.files import FileInputError, MiB, read_regular_file

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

MAX_CERTIFICATE_FILE_BYTES = 1 * MiB  # a PKCS#12 file is a few KB
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


def check_validity(cert: x509.Certificate, source: str,
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
    check_validity(cert, source)
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

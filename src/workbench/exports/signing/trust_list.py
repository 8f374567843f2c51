"""The trust list: the certificates whose signatures this workbench trusts.

It is kept per user, in the app's data folder (platformdirs), never in an
engagement database: trust belongs to the person verifying, and a database or a
package received from someone else must not bring its own trust with it.

Three kinds of certificate are trusted:
- "own": the user's own signing certificates. Those the workbench made or imported
  live in `certificates/` (see certificates.py) and are always trusted; a PKCS#12
  file the user signed with is remembered here as own too.
- "firm": the firm's certificate (a signing certificate, or the firm's CA
  certificate: a signer's certificate issued by it is then trusted too).
- "added": any certificate the user added (a colleague's, a client's).

Each is one PEM file, `trusted-certificates/KIND-FINGERPRINT.pem`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_path

from workbench.core.errors import InvalidValueError, NotFoundError, WorkbenchError
from workbench.core.files import FileInputError, read_regular_file, write_atomically
from workbench.exports.signing.certificates import (
    MAX_CERTIFICATE_FILE_BYTES,
    SigningError,
    certificate_fingerprint,
    certificate_folder,
    certificate_name,
)

if TYPE_CHECKING:
    from cryptography import x509

FINGERPRINT = re.compile(r"[0-9a-f]{64}")
MIN_FINGERPRINT_PREFIX = 8


class TrustKind(StrEnum):
    OWN = "own"
    FIRM = "firm"
    ADDED = "added"


@dataclass(frozen=True)
class TrustedCertificate:
    """One trusted certificate, as the list shows it."""

    fingerprint: str  # SHA-256, lower-case hex
    subject: str  # the common name, else the whole subject
    kind: TrustKind
    not_after: dt.datetime
    path: Path
    der: bytes
    removable: bool = True  # False for the own certificates kept in `certificates/`

    def to_dict(self) -> dict[str, object]:
        return {"fingerprint": self.fingerprint, "subject": self.subject,
                "kind": str(self.kind), "expires": self.not_after.isoformat(),
                "file": str(self.path), "removable": self.removable}


def trust_folder() -> Path:
    """Where the trust list lives: the per-user data folder, beside `certificates/`."""
    return user_data_path("assessor-workbench", appauthor=False) / "trusted-certificates"


def parse_certificate(data: bytes, source: str, passphrase: str | None = None
                      ) -> x509.Certificate:
    """One certificate from PEM, DER or PKCS#12 bytes (the key of a PKCS#12 is ignored)."""
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives.serialization import pkcs12

    if b"-----BEGIN" in data:
        try:
            found = cx509.load_pem_x509_certificates(data)
        except ValueError:
            raise SigningError(f"{source}: the PEM file holds no readable certificate") from None
        if len(found) != 1:
            raise SigningError(f"{source}: the PEM file holds {len(found)} certificates; add "
                               "them one file at a time")
        return found[0]
    try:
        return cx509.load_der_x509_certificate(data)
    except ValueError:
        pass
    try:
        bundle = pkcs12.load_pkcs12(data, passphrase.encode("utf-8") if passphrase else None)
    except ValueError:
        if not passphrase:
            raise SigningError(f"{source}: not a certificate (PEM or DER), or a PKCS#12 file "
                               "protected by a passphrase (give it)") from None
        raise SigningError(f"{source}: not a certificate, or the PKCS#12 passphrase is "
                           "wrong") from None
    if bundle.cert is None:
        raise SigningError(f"{source}: the PKCS#12 file holds no certificate")
    return bundle.cert.certificate


def read_certificate_file(path: Path, passphrase: str | None = None) -> x509.Certificate:
    """The certificate in a PEM, DER or PKCS#12 file the user named."""
    try:
        data = read_regular_file(path, limit=MAX_CERTIFICATE_FILE_BYTES,
                                 what="certificate file")
    except FileInputError as exc:
        raise SigningError(str(exc)) from None
    return parse_certificate(data, str(path), passphrase)


def _entry(cert: x509.Certificate, kind: TrustKind, path: Path, removable: bool
           ) -> TrustedCertificate:
    from cryptography.hazmat.primitives.serialization import Encoding

    return TrustedCertificate(certificate_fingerprint(cert), certificate_name(cert), kind,
                              cert.not_valid_after_utc, path, cert.public_bytes(Encoding.DER),
                              removable)


def _load(path: Path) -> x509.Certificate | None:
    from cryptography import x509 as cx509

    try:
        data = read_regular_file(path, limit=MAX_CERTIFICATE_FILE_BYTES)
        return (cx509.load_pem_x509_certificate(data) if b"-----BEGIN" in data
                else cx509.load_der_x509_certificate(data))
    except (WorkbenchError, ValueError):
        return None  # a damaged or foreign file is skipped, never trusted


def trusted_certificates(folder: Path | None = None, own_folder: Path | None = None
                         ) -> list[TrustedCertificate]:
    """Every trusted certificate, once each: own first, then the firm's, then added ones."""
    out: dict[str, TrustedCertificate] = {}
    own = own_folder or certificate_folder()
    for path in sorted(own.iterdir()) if own.is_dir() else []:
        if path.suffix.lower() in (".pem", ".crt", ".cer") and (cert := _load(path)):
            entry = _entry(cert, TrustKind.OWN, path, removable=False)
            out.setdefault(entry.fingerprint, entry)
    folder = folder or trust_folder()
    for path in sorted(folder.glob("*.pem")) if folder.is_dir() else []:
        kind_text = path.name.split("-", 1)[0]
        if kind_text not in set(TrustKind) or not (cert := _load(path)):
            continue
        entry = _entry(cert, TrustKind(kind_text), path, removable=True)
        out.setdefault(entry.fingerprint, entry)
    order = list(TrustKind)
    return sorted(out.values(), key=lambda e: (order.index(e.kind), e.subject.casefold()))


def trust_roots(folder: Path | None = None, own_folder: Path | None = None) -> list[bytes]:
    """DER of every trusted certificate: the trust roots of a ValidationContext."""
    return [e.der for e in trusted_certificates(folder, own_folder)]


def add(cert: x509.Certificate, kind: TrustKind = TrustKind.ADDED,
        folder: Path | None = None, own_folder: Path | None = None) -> TrustedCertificate:
    """Trust `cert` (adding it again changes nothing, or only its kind)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    folder = folder or trust_folder()
    fingerprint = certificate_fingerprint(cert)
    for entry in trusted_certificates(folder, own_folder):
        if entry.fingerprint == fingerprint and (entry.kind is kind or not entry.removable):
            return entry
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = write_atomically(folder / f"{kind}-{fingerprint}.pem",
                                cert.public_bytes(Encoding.PEM))
        for other in TrustKind:  # one file per certificate: the newest kind wins
            if other is not kind:
                (folder / f"{other}-{fingerprint}.pem").unlink(missing_ok=True)
    except OSError as exc:
        raise WorkbenchError(f"{folder}: cannot store the trusted certificate "
                             f"({exc.strerror or exc})") from None
    return _entry(cert, kind, path, removable=True)


def find(fingerprint: str, folder: Path | None = None, own_folder: Path | None = None
         ) -> TrustedCertificate:
    """The trusted certificate with this SHA-256 fingerprint (or an unambiguous start of it,
    at least 8 hex digits; colons and case do not matter)."""
    wanted = fingerprint.replace(":", "").replace(" ", "").lower()
    if not re.fullmatch(r"[0-9a-f]+", wanted) or len(wanted) < MIN_FINGERPRINT_PREFIX:
        raise InvalidValueError(f"{fingerprint!r} is not a SHA-256 fingerprint (64 hex digits, "
                                f"or at least the first {MIN_FINGERPRINT_PREFIX})")
    hits = [e for e in trusted_certificates(folder, own_folder)
            if e.fingerprint.startswith(wanted)]
    if not hits:
        raise NotFoundError(f"no trusted certificate has the fingerprint {wanted}")
    if len(hits) > 1:
        raise InvalidValueError(f"{len(hits)} trusted certificates start with {wanted}; give "
                                "more of the fingerprint")
    return hits[0]


def remove(fingerprint: str, folder: Path | None = None, own_folder: Path | None = None
           ) -> TrustedCertificate:
    """Stop trusting a certificate; the user's own signing certificates stay trusted."""
    entry = find(fingerprint, folder, own_folder)
    if not entry.removable:
        raise InvalidValueError(f"{entry.subject} ({entry.fingerprint}) is one of your own "
                                f"signing certificates, kept in {entry.path.parent}; it stays "
                                "trusted while you keep it")
    try:
        entry.path.unlink(missing_ok=True)
    except OSError as exc:
        raise WorkbenchError(f"{entry.path}: cannot remove it ({exc.strerror or exc})") from None
    return entry

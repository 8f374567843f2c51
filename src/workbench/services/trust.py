"""The trust list: which signers' signatures `verify` trusts (`workbench trust`, Settings).

Where it lives: in the per-user data folder (platformdirs; `trusted-certificates/`
beside the user's own `certificates/`), not in the engagement database. Trust is the
verifying person's decision: a database or package received from someone else must
never bring its own signers' trust with it. Trusted are:
- the user's own signing certificates (made or imported by the workbench, or a
  PKCS#12 file the user signed a report with): always;
- the firm's certificate (`trust add CERT --firm`; a CA certificate also trusts the
  signing certificates it issued);
- any certificate the user added (`trust add CERT`).
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.errors import NotFoundError
from workbench.core.files import check_output_target, write_atomically
from workbench.exports import signing
from workbench.exports.signing import trust_list
from workbench.exports.signing.trust_list import TrustedCertificate, TrustKind

__all__ = ["TrustKind", "TrustedCertificate", "add", "export_own", "listing", "remember_own",
           "remove", "trust_roots", "where"]


def where() -> Path:
    """The folder that holds the trust list (the user's own certificates sit beside it)."""
    return trust_list.trust_folder()


def listing() -> list[TrustedCertificate]:
    """Every trusted certificate: own, the firm's, added."""
    return trust_list.trusted_certificates()


def trust_roots() -> list[bytes]:
    """DER of every trusted certificate, for the validator."""
    return trust_list.trust_roots()


def add(path: Path, *, firm: bool = False, passphrase: str | None = None
        ) -> TrustedCertificate:
    """Trust the certificate in a PEM, DER or PKCS#12 file (as the firm's with `firm`)."""
    cert = trust_list.read_certificate_file(Path(path), passphrase)
    return trust_list.add(cert, TrustKind.FIRM if firm else TrustKind.ADDED)


def remember_own(credentials: signing.Credentials) -> TrustedCertificate:
    """A certificate the user signs with is one of their own: trusted from then on."""
    return trust_list.add(credentials.certificate, TrustKind.OWN)


def remove(fingerprint: str) -> TrustedCertificate:
    """Stop trusting the certificate with this SHA-256 fingerprint (or its first digits)."""
    return trust_list.remove(fingerprint)


def export_own(path: Path, fingerprint: str | None = None) -> TrustedCertificate:
    """Write your own signing certificate as PEM, for a client or colleague to add.

    Without `fingerprint`: the own certificate that stays valid longest."""
    own = [c for c in listing() if c.kind is TrustKind.OWN]
    if fingerprint is not None:
        chosen = trust_list.find(fingerprint)
        if chosen.kind is not TrustKind.OWN:
            raise NotFoundError(f"{chosen.subject} ({chosen.fingerprint}) is not one of your "
                                "own signing certificates")
    elif not own:
        raise NotFoundError("you have no signing certificate yet: sign a report digitally "
                            "once (workbench signoff … --passphrase-file F) to make one")
    else:
        chosen = max(own, key=lambda c: c.not_after)
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    pem = x509.load_der_x509_certificate(chosen.der).public_bytes(Encoding.PEM)
    write_atomically(check_output_target(Path(path)), pem)
    return chosen

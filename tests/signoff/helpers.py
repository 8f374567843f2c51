"""Small helpers for the sign-off tests: PDFs, certificates and a ready engagement."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from reportlab.pdfgen import canvas


def small_pdf(text: str = "Assessment report") -> bytes:
    """A one-page PDF made with reportlab, the way the report builder makes its pages."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buffer.getvalue()


def make_p12(path: Path, passphrase: str, *, name: str = "Pat Signer",
             not_before: dt.datetime | None = None,
             not_after: dt.datetime | None = None) -> Path:
    """A PKCS#12 file with a self-signed EC certificate valid between the given times."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - dt.timedelta(days=1))
            .not_valid_after(not_after or now + dt.timedelta(days=365))
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        name.encode(), key, cert, None,
        serialization.BestAvailableEncryption(passphrase.encode())))
    return path


def forge(tmp_path: Path, unsigned: Path, genuine: Path, name: str) -> tuple[Path, Path, str]:
    """What a forger does: sign the signed report's content (the unsigned report of the
    same revision, the genuine one's embedded JSON and reason) with a new certificate
    carrying the signer's name. Gives the forgery, the forger's PEM and its fingerprint."""
    from workbench.exports import signing

    p12 = make_p12(tmp_path / "forger.p12", "forger's words", name=name)
    forger = signing.load_pkcs12(p12, "forger's words")
    found = signing.verify_pdf(genuine)
    assert found.embedded_json is not None and found.embedded_name is not None
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(signing.sign_pdf(
        unsigned.read_bytes(), forger, reason=found.reason,
        attachments=[signing.Attachment(found.embedded_name, found.embedded_json)]))
    pem = tmp_path / "forger.pem"
    pem.write_text(forger.certificate_pem())
    return forged, pem, forger.fingerprint

"""Digital signatures: sign then verify; any flipped byte fails; clear certificate errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import random
import stat
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.exports import signing

from .helpers import make_p12, small_pdf

PASS = "correct horse battery"
JSON = b'{"canonical":"workbench.canonical/1","id":"x","revision":1}'


@pytest.fixture(scope="module")
def creds(tmp_path_factory: pytest.TempPathFactory) -> signing.Credentials:
    folder = tmp_path_factory.mktemp("certs")
    made = signing.create_self_signed("Ann Assessor", PASS, folder=folder,
                                      organisation="Example Consulting")
    return signing.load_pkcs12(made.p12, PASS)


@pytest.fixture(scope="module")
def signed(creds: signing.Credentials) -> bytes:
    digest = hashlib.sha256(JSON).hexdigest()
    return signing.sign_pdf(small_pdf(), creds, reason=signing.signing_reason(1, digest),
                            attachments=[signing.Attachment("engagement.json", JSON)])


def _der(creds: signing.Credentials) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return creds.certificate.public_bytes(Encoding.DER)


def test_a_signed_pdf_verifies_intact_trusted_and_carries_its_data(
        signed: bytes, creds: signing.Credentials) -> None:
    result = signing.verify_pdf(signed, [_der(creds)])
    assert result.signed and result.intact and result.trusted and result.certified
    assert result.signer == "Ann Assessor"
    assert result.problems == ()
    assert result.embedded_json == JSON and result.consistent
    assert result.signing_time is not None
    assert abs((dt.datetime.now(dt.UTC) - result.signing_time).total_seconds()) < 600


def test_an_unknown_certificate_is_intact_but_not_trusted(signed: bytes) -> None:
    result = signing.verify_pdf(signed, [])
    assert result.intact and not result.trusted
    unknown = [p for p in result.problems if p.code is signing.ProblemCode.UNKNOWN_CERTIFICATE]
    assert len(unknown) == 1 and result.signer_fingerprint in unknown[0]


def _still_intact(data: bytes, trusted: list[bytes]) -> bool:
    try:
        return signing.verify_pdf(data, trusted).intact
    except WorkbenchError:
        return False  # "not a PDF file": a failed check as well


def test_flipping_any_byte_breaks_the_signature(signed: bytes,
                                                creds: signing.Credentials) -> None:
    trusted = [_der(creds)]
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    end = signed.index(b">", start)
    rng = random.Random(20261123)
    offsets = set(rng.sample(range(len(signed)), 250))
    offsets |= set(range(start, start + 200))  # the signature's own header and digests
    offsets |= set(rng.sample(range(start, end), 150))  # certificate, signature, padding
    offsets |= {0, 5, len(signed) - 1, len(signed) - 7, end - 1, end, start - 1}
    survivors = [o for o in sorted(offsets)
                 for mask in (0x01, 0x80)
                 if _still_intact(signed[:o] + bytes([signed[o] ^ mask]) + signed[o + 1:],
                                  trusted)]
    assert survivors == []


def test_a_change_appended_after_signing_breaks_the_certification(
        signed: bytes, creds: signing.Credentials) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    info = writer.root
    info["/Lang"] = generic.TextStringObject("fr")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    result = signing.verify_pdf(out.getvalue(), [_der(creds)])
    assert not result.intact
    assert any("changed after it was signed" in p for p in result.problems)


def test_an_unsigned_pdf_is_reported_as_such() -> None:
    result = signing.verify_pdf(small_pdf(), [])
    assert not result.signed and not result.intact
    assert result.problems == ("the PDF carries no digital signature",)


def test_a_file_that_is_no_pdf_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"PK\x03\x04 a zip file")
    with pytest.raises(WorkbenchError, match="not a PDF file"):
        signing.verify_pdf(bad)


def test_a_truncated_signed_pdf_fails(signed: bytes, creds: signing.Credentials) -> None:
    assert not _still_intact(signed[: len(signed) // 2], [_der(creds)])


def test_a_wrong_passphrase_is_named(tmp_path: Path) -> None:
    p12 = make_p12(tmp_path / "me.p12", "right passphrase")
    with pytest.raises(signing.SigningError, match=r"me\.p12: the passphrase is wrong"):
        signing.load_pkcs12(p12, "wrong passphrase")
    with pytest.raises(signing.SigningError, match="protected by a passphrase"):
        signing.load_pkcs12(p12, None)


def test_an_expired_certificate_is_refused_with_its_date(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    p12 = make_p12(tmp_path / "old.p12", "pass phrase", name="Old Signer",
                   not_before=now - dt.timedelta(days=800),
                   not_after=now - dt.timedelta(days=35))
    expiry = (now - dt.timedelta(days=35)).strftime("%Y-%m-%d")
    with pytest.raises(signing.SigningError,
                       match=f"certificate of Old Signer expired on {expiry}"):
        signing.load_pkcs12(p12, "pass phrase")


def test_a_certificate_not_yet_valid_is_refused(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    p12 = make_p12(tmp_path / "future.p12", "pass phrase",
                   not_before=now + dt.timedelta(days=3))
    with pytest.raises(signing.SigningError, match="valid only from"):
        signing.load_pkcs12(p12, "pass phrase")


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],
    lambda b: b[:40] + bytes(x ^ 0x5A for x in b[40:80]) + b[80:],
    lambda b: b"not a certificate at all",
    lambda b: b"",
])
def test_a_corrupt_pkcs12_file_is_named(tmp_path: Path, damage: object) -> None:
    good = make_p12(tmp_path / "good.p12", "pass phrase").read_bytes()
    bad = tmp_path / "bad.p12"
    bad.write_bytes(damage(good))  # type: ignore[operator]
    with pytest.raises(signing.SigningError,
                       match=r"bad.p12: (not a PKCS#12 certificate file|the passphrase is wrong "
                             r"\(or the file is damaged inside\))"):
        signing.load_pkcs12(bad, "pass phrase")


def test_a_missing_certificate_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(signing.SigningError, match=r"nothere\.p12: no such file"):
        signing.load_pkcs12(tmp_path / "nothere.p12", "x")


def test_an_ec_certificate_from_a_pkcs12_file_signs(tmp_path: Path) -> None:
    creds = signing.load_pkcs12(make_p12(tmp_path / "ec.p12", "pass phrase"), "pass phrase")
    out = signing.sign_pdf(small_pdf(), creds, reason="test")
    assert signing.verify_pdf(out, [_der(creds)]).trusted


def test_the_app_keeps_its_key_owner_only_and_protected(tmp_path: Path) -> None:
    folder = tmp_path / "certificates"
    made = signing.create_self_signed("Bo Lead", "a long passphrase", folder=folder)
    for path in (made.p12, made.pem):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert b"PRIVATE KEY" not in made.p12.read_bytes()
    with pytest.raises(signing.SigningError, match="passphrase is wrong"):
        signing.load_pkcs12(made.p12, "another passphrase")
    assert [c.name for c in signing.stored_certificates(folder)] == ["Bo Lead"]
    assert len(signing.known_certificates(folder)) == 1
    with pytest.raises(signing.SigningError, match="at least 8 characters"):
        signing.create_self_signed("Bo Lead", "short", folder=folder)


def test_the_default_certificate_folder_is_in_the_app_data_folder() -> None:
    folder = signing.certificate_folder()
    assert folder.name == "certificates" and folder.parent.name == "assessor-workbench"


@pytest.mark.parametrize("curve", [False, True], ids=["rsa-forger", "ec-forger"])
def test_a_forger_with_the_trusted_signers_name_is_intact_but_not_trusted(
        tmp_path: Path, curve: bool) -> None:
    """A trusted certificate and a forged one share the subject name; only the key differs."""
    own = signing.create_self_signed("Ann Assessor", "passphrase 1",
                                     organisation="Example Consulting", folder=tmp_path / "a")
    if curve:
        forged_p12 = make_p12(tmp_path / "f.p12", "passphrase 2", name="Ann Assessor")
    else:
        forged_p12 = signing.create_self_signed("Ann Assessor", "passphrase 2",
                                                organisation="Example Consulting",
                                                folder=tmp_path / "b").p12
    forger = signing.load_pkcs12(forged_p12, "passphrase 2")
    forged = signing.sign_pdf(small_pdf(), forger, reason="Sign-off")
    trusted = signing.known_certificates(own.pem.parent)
    result = signing.verify_pdf(forged, trusted)
    assert result.signed and result.intact and not result.trusted
    assert result.signer == "Ann Assessor" and result.signer_fingerprint == forger.fingerprint
    assert [p.code for p in result.problems] == [signing.ProblemCode.UNKNOWN_CERTIFICATE]


def _issued_by_firm(tmp_path: Path) -> tuple[Path, signing.Credentials]:
    """A firm's CA certificate (PEM) and a signer's credentials issued by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Consulting CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                       False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ann Assessor")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    pem = tmp_path / "firm-ca.pem"
    pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return pem, signing.Credentials(key, leaf, (ca,), "issued")


def test_the_firms_ca_certificate_trusts_the_signers_it_issued(tmp_path: Path) -> None:
    from workbench.services import trust

    ca_pem, creds = _issued_by_firm(tmp_path)
    signed = signing.sign_pdf(small_pdf(), creds, reason="Sign-off")
    assert not signing.verify_pdf(signed, trust.trust_roots()).trusted
    entry = trust.add(ca_pem, firm=True)
    assert entry.kind is trust.TrustKind.FIRM and entry.subject == "Example Consulting CA"
    result = signing.verify_pdf(signed, trust.trust_roots())
    assert result.intact and result.trusted and result.signer == "Ann Assessor"

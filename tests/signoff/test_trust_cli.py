"""`workbench trust add|list|remove|export`: the trust list, kept per user."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from workbench.cli.main import main
from workbench.exports import signing
from workbench.services import trust

from .helpers import make_p12


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _cert(tmp_path: Path, name: str) -> tuple[Path, x509.Certificate]:
    p12 = make_p12(tmp_path / f"{name}.p12", "words words", name=name)
    return p12, signing.load_pkcs12(p12, "words words").certificate


def test_add_takes_pem_der_and_pkcs12_and_prints_subject_and_fingerprint(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, colleague = _cert(tmp_path, "Chris Colleague")
    pem = tmp_path / "chris.pem"
    pem.write_bytes(colleague.public_bytes(Encoding.PEM))
    der = tmp_path / "dana.cer"
    _, client = _cert(tmp_path, "Dana Client")
    der.write_bytes(client.public_bytes(Encoding.DER))
    firm_p12, firm = _cert(tmp_path, "Example Consulting CA")
    (tmp_path / "pw").write_text("words words\n")
    fingerprints = [signing.certificate_fingerprint(c) for c in (colleague, client, firm)]

    code, out, err = run(capsys, "trust", "add", str(pem))
    assert code == 0 and out == ("trusted (added): Chris Colleague, SHA-256 fingerprint "
                                 f"{fingerprints[0]}\n"), err
    assert run(capsys, "trust", "add", str(der))[0] == 0
    code, _, err = run(capsys, "trust", "add", str(firm_p12))  # protected: needs passphrase
    assert code == 1 and err.count("\n") == 1 and "passphrase" in err
    code, out, err = run(capsys, "trust", "add", str(firm_p12), "--firm",
                         "--passphrase-file", str(tmp_path / "pw"))
    assert code == 0 and out.startswith("trusted (firm): Example Consulting CA"), err

    code, out, _ = run(capsys, "trust", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [(e["kind"], e["subject"], e["fingerprint"]) for e in listed] == [
        ("firm", "Example Consulting CA", fingerprints[2]),
        ("added", "Chris Colleague", fingerprints[0]),
        ("added", "Dana Client", fingerprints[1])]
    code, out, _ = run(capsys, "trust", "list")
    assert code == 0 and all(f in out for f in fingerprints)
    assert str(trust.where()).startswith(os.environ["XDG_DATA_HOME"])  # per user, no database

    code, out, _ = run(capsys, "trust", "remove", fingerprints[0].upper()[:16])
    assert code == 0 and out.startswith("no longer trusted: Chris Colleague")
    code, out, _ = run(capsys, "trust", "list", "--json")
    assert fingerprints[0] not in out and len(json.loads(out)) == 2


@pytest.mark.parametrize(("args", "message"), [
    (("remove", "abc"), "is not a SHA-256 fingerprint"),
    (("remove", "0" * 64), "no trusted certificate has the fingerprint"),
    (("export", "-o", "OUT/own.pem"), "you have no signing certificate yet"),
])
def test_wrong_input_is_one_line_and_changes_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...],
        message: str) -> None:
    args = tuple(a.replace("OUT", str(tmp_path)) for a in args)
    code, out, err = run(capsys, "trust", *args)
    assert code == 1 and out == "" and err.count("\n") == 1 and message in err, err
    assert trust.listing() == []


def test_files_that_hold_no_certificate_are_refused(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    text = tmp_path / "notes.txt"
    text.write_bytes(b"\x00\x01 just bytes")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (junk, text, fifo, tmp_path / "missing.pem"):
        code, _out, err = run(capsys, "trust", "add", str(path))
        assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, err
        assert "Traceback" not in err
    assert trust.listing() == []


def test_export_writes_your_own_certificate_for_others_to_add(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    own = signing.create_self_signed("Ann Assessor", "passphrase 1")  # the app's own folder
    code, out, err = run(capsys, "trust", "list", "--json")
    listed = json.loads(out)
    assert [(e["kind"], e["fingerprint"], e["removable"]) for e in listed] == [
        ("own", own.fingerprint, False)]
    target = tmp_path / "ann.pem"
    code, out, err = run(capsys, "trust", "export", "-o", str(target))
    assert code == 0 and own.fingerprint in out, err
    assert stat.S_IMODE(target.stat().st_mode) & 0o044 == 0o044  # readable by others
    cert = x509.load_pem_x509_certificate(target.read_bytes())
    assert signing.certificate_fingerprint(cert) == own.fingerprint
    assert b"PRIVATE" not in target.read_bytes()
    code, _, err = run(capsys, "trust", "remove", own.fingerprint)  # own: stays trusted
    assert code == 1 and "one of your own signing certificates" in err
    code, _, err = run(capsys, "trust", "export", "-o", str(tmp_path))  # a folder
    assert code == 1 and err.count("\n") == 1


def test_trust_help_says_where_the_list_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["trust", "add", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "kept per user" in out and "not in any engagement database" in out
    assert "your own signing certificates" in out and "firm's certificate" in out

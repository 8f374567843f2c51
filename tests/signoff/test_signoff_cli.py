"""The sign-off commands: signoff, verify, amend, readiness, history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.services.session import Session

from .helpers import make_p12


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def test_sign_off_then_verify_then_tamper(capsys: pytest.CaptureFixture[str], session: Session,
                                          demo_id: str, tmp_path: Path) -> None:
    db = session.path
    session.close()
    p12 = make_p12(tmp_path / "me.p12", "secret words", name="A. Assessor")
    (tmp_path / "pw").write_text("secret words\n")
    (tmp_path / "bad").write_text("not it\n")
    pdf = tmp_path / "signed.pdf"
    code, _, err = run(capsys, db, "signoff", demo_id, "--signer", "A. Assessor", "--role",
                       "Lead assessor", "-o", str(pdf))
    assert code == 1 and "accept the warnings explicitly" in err and not pdf.exists()
    code, _, err = run(capsys, db, "signoff", demo_id, "--signer", "A. Assessor", "--role",
                       "Lead", "--cert", str(p12), "--passphrase-file", str(tmp_path / "bad"),
                       "--accept-warnings", "-o", str(pdf))
    assert code == 1 and err.strip() == f"error: {p12}: the passphrase is wrong (or the file " \
                                        "is damaged inside)"
    code, out, _ = run(capsys, db, "readiness", demo_id, "--json")
    assert code == 0 and json.loads(out)["status"] == "draft"  # nothing was locked
    code, out, err = run(capsys, db, "signoff", demo_id, "--signer", "A. Assessor", "--role",
                         "Lead assessor", "--client-signer", "Dana Client", "--client-role",
                         "Sponsor", "--cert", str(p12), "--passphrase-file",
                         str(tmp_path / "pw"), "--accept-warnings", "-o", str(pdf))
    assert code == 0, err
    assert "signed off revision 1" in out and "digitally signed by A. Assessor" in out
    assert "Dana Client: to be countersigned" in out  # no signature image: not asserted

    code, out, _ = run(capsys, db, "verify", str(pdf))
    assert code == 0
    assert "signature:  intact" in out and "signer:     A. Assessor" in out
    assert "matches signed revision 1 in the local database" in out
    assert "trust:      trusted" in out  # its certificate was recorded at sign-off
    code, out, _ = run(capsys, db, "verify", str(pdf), "--json")
    assert code == 0 and json.loads(out)["matches"] is True

    code, _, err = run(capsys, db, "rate", demo_id, "D1.1.1", "2")
    assert code == 1 and "signed off" in err and "amendment" in err
    assert "Traceback" not in err

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    code, out, _ = run(capsys, db, "verify", str(tampered))
    assert code == 1 and "result:     FAILED" in out

    code, out, _ = run(capsys, db, "amend", demo_id, "--reason", "Late evidence for D1.1")
    assert code == 0 and "revision 2 is open" in out
    code, out, _ = run(capsys, db, "rate", demo_id, "D1.1.1", "2")
    assert code == 0
    code, out, _ = run(capsys, db, "history", demo_id, "--json")
    history = json.loads(out)
    assert [h["revision"] for h in history] == [1, 2]
    assert history[1]["reason"] == "Late evidence for D1.1" and history[1]["signed_at"] is None
    code, out, _ = run(capsys, db, "verify", str(pdf))
    assert code == 0 and "amended since" in out  # the signed revision is intact


def test_verify_of_an_unsigned_pdf_fails(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    from .helpers import small_pdf

    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(small_pdf())
    code = main(["verify", str(pdf)])
    out, _ = capsys.readouterr()
    assert code == 1 and "not digitally signed" in out


def test_verify_of_a_missing_file_is_one_clear_line(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    code = main(["verify", str(tmp_path / "nothing.pdf")])
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1


def test_readiness_prints_a_table(capsys: pytest.CaptureFixture[str], session: Session,
                                  demo_id: str) -> None:
    db = session.path
    session.close()
    code, out, _ = run(capsys, db, "readiness", demo_id)
    assert code == 0 and "to review before sign-off" in out and "D2.2" in out

"""A forged signature must not verify: a certificate carrying the signer's name is not trusted.

The forger takes the signed-off report's content and signs it with a freshly made
self-signed certificate carrying the assessor's name. `verify` refuses it (exit 1, one
line naming the failing fact and the SHA-256 fingerprint) on the signer's database and
on a fresh one, until the user trusts that certificate with `workbench trust add`.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.services.session import Session

from .helpers import forge, make_p12

SIGNER = ("--signer", "A. Assessor", "--role", "Lead assessor")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_forged_certificate_with_the_signers_name_is_refused_until_trusted(
        capsys: pytest.CaptureFixture[str], session: Session, demo_id: str,
        tmp_path: Path) -> None:
    db = str(session.path)
    session.close()
    fresh = str(tmp_path / "fresh.sqlite3")
    Session.open(Path(fresh)).close()
    (tmp_path / "pw").write_text("my own secret words\n")
    genuine, unsigned = tmp_path / "genuine.pdf", tmp_path / "unsigned.pdf"
    code, out, err = run(capsys, "signoff", demo_id, *SIGNER, "--passphrase-file",
                         str(tmp_path / "pw"), "--accept-warnings", "-o", str(genuine),
                         "--db", db)
    assert code == 0, err
    assert stat.S_IMODE(os.stat(genuine).st_mode) == 0o666 & ~_umask()  # 0644, not 0600
    code, _, err = run(capsys, "signoff", demo_id, *SIGNER, "-o", str(unsigned), "--db", db)
    assert code == 0, err
    forged, forger_pem, fingerprint = forge(tmp_path, unsigned, genuine, "A. Assessor")

    for where in (db, fresh):  # the genuine report: own certificate, trusted
        code, out, err = run(capsys, "verify", str(genuine), "--db", where)
        assert code == 0 and err == "", (where, out, err)
    code, out, _ = run(capsys, "verify", str(genuine), "--db", db)
    assert "matches signed revision 1" in out and "result:     OK" in out

    for where in (db, fresh):  # the forgery: intact, content matches, signer not trusted
        code, out, err = run(capsys, "verify", str(forged), "--db", where)
        assert code == 1
        assert err.count("\n") == 1 and err.startswith(
            "error: intact, but signed by a certificate this workbench does not trust "
            f"(SHA-256 fingerprint {fingerprint})"), err
        assert "signer:     A. Assessor" in out and "NOT TRUSTED" in out
        code, out, err = run(capsys, "verify", str(forged), "--db", where, "--json")
        found = json.loads(out)
        assert code == 1 and found["ok"] is False and err.count("\n") == 1
        assert found["failure"] in err
        assert {k: v["holds"] for k, v in found["facts"].items()} == {
            "intact": True, "trusted": False,
            "content_matches": True if where == db else None}
        assert found["signer_fingerprint"] == fingerprint

    code, out, err = run(capsys, "trust", "add", str(forger_pem))
    assert code == 0 and out.strip() == (f"trusted (added): A. Assessor, SHA-256 fingerprint "
                                         f"{fingerprint}"), err
    for where in (db, fresh):  # trusted by the user's own decision: it verifies
        code, out, err = run(capsys, "verify", str(forged), "--db", where)
        assert code == 0 and err == "", err
    code, _, _ = run(capsys, "trust", "remove", fingerprint[:12])
    assert code == 0
    code, _, err = run(capsys, "verify", str(forged), "--db", db)
    assert code == 1 and fingerprint in err


def test_a_certificate_recorded_in_a_database_is_not_trusted_for_it(
        capsys: pytest.CaptureFixture[str], session: Session, demo_id: str,
        tmp_path: Path) -> None:
    """Signing with a PKCS#12 file records its certificate; only the trust list vouches."""
    db = str(session.path)
    session.close()
    p12 = make_p12(tmp_path / "me.p12", "secret words", name="A. Assessor")
    (tmp_path / "pw").write_text("secret words\n")
    pdf = tmp_path / "signed.pdf"
    code, _, err = run(capsys, "signoff", demo_id, *SIGNER, "--cert", str(p12),
                       "--passphrase-file", str(tmp_path / "pw"), "--accept-warnings", "-o",
                       str(pdf), "--db", db)
    assert code == 0, err
    code, out, _ = run(capsys, "trust", "list", "--json")
    own = [e for e in json.loads(out) if e["kind"] == "own"]
    assert len(own) == 1 and own[0]["subject"] == "A. Assessor"  # signed with: own
    code, _, _ = run(capsys, "verify", str(pdf), "--db", db)
    assert code == 0
    code, _, _ = run(capsys, "trust", "remove", own[0]["fingerprint"])
    assert code == 0
    code, _, err = run(capsys, "verify", str(pdf), "--db", db)
    assert code == 1 and "does not trust" in err  # the database's own record does not vouch


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""The signed record: no REPLACE reopens it, and the hash proves it even with no triggers.

Each test attacks the database the way an attacker's sqlite3 shell would (a separate
connection, no recursive_triggers), then checks what a user of the CLI would see.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.services import engagements, signed_record, signoff
from workbench.services.session import Session
from workbench.services.signoff import signed_report

from .conftest import LEAD

ALTERED = "the signed record of revision 1 was altered outside the workbench"


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def shell(db: Path) -> sqlite3.Connection:
    """An attacker's connection: autocommit, no recursive triggers, foreign keys off."""
    return sqlite3.connect(db, isolation_level=None)


def _replace_row(conn: sqlite3.Connection, engagement_id: str, status: str) -> None:
    row = conn.execute("SELECT * FROM engagements WHERE id = ?", (engagement_id,)).fetchone()
    names = [c[1] for c in conn.execute("PRAGMA table_info(engagements)")]
    values = dict(zip(names, row, strict=True))
    values["status"] = status
    marks = ", ".join("?" for _ in names)
    conn.execute(f"INSERT OR REPLACE INTO engagements ({', '.join(names)}) VALUES ({marks})",
                 list(values.values()))


@pytest.mark.parametrize("status", ["draft", "in_review", "signed_off"])
def test_replace_cannot_reopen_a_signed_engagement(session: Session, signed_id: str,
                                                   status: str) -> None:
    conn = shell(session.path)
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off: .*cannot be replaced"):
        _replace_row(conn, signed_id, status)
    conn.close()
    assert signoff.readiness(session, signed_id).status.value == "signed_off"
    signed_record.check(session, signed_id)  # intact


def test_replace_cannot_swap_a_signed_revision_or_signature(session: Session,
                                                            signed_id: str) -> None:
    conn = shell(session.path)
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off:"):
        conn.execute("INSERT OR REPLACE INTO revisions (engagement_id, revision, opened_at) "
                     "VALUES (?, 1, 'now')", (signed_id,))
    sid = conn.execute("SELECT id FROM signoffs WHERE engagement_id = ?",
                       (signed_id,)).fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off:"):
        conn.execute("INSERT OR REPLACE INTO signoffs (id, engagement_id, revision, signer, "
                     "signed_at, content_hash) VALUES (?, ?, 1, 'Mallory', 'now', ?)",
                     (sid, signed_id, "0" * 64))
    fid = conn.execute("SELECT id FROM findings WHERE engagement_id = ?",
                       (signed_id,)).fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off:"):
        conn.execute("INSERT OR REPLACE INTO findings (id, engagement_id, assessor_id, element, "
                     "kind, text, created_at) SELECT id, engagement_id, assessor_id, element, "
                     "kind, 'forged', created_at FROM findings WHERE id = ?", (fid,))
    sha = conn.execute("SELECT sha256 FROM attachments WHERE engagement_id = ?",
                       (signed_id,)).fetchone()[0]
    conn.execute("INSERT OR REPLACE INTO blobs (sha256, size, data) VALUES (?, 1, x'00')",
                 (sha,))  # quietly ignored: a stored file is never replaced
    assert conn.execute("SELECT size FROM blobs WHERE sha256 = ?", (sha,)).fetchone()[0] > 1
    conn.close()
    signed_record.check(session, signed_id)


def test_a_signed_status_is_set_only_by_the_sign_off(session: Session, demo_id: str) -> None:
    signoff.sign_off(session, demo_id, [LEAD], accept_warnings=True)
    signoff.amend(session, demo_id, "Add the second site")
    conn = shell(session.path)
    # Seal revision 2 and mark it signed by hand, as the service would but without review:
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off: a revision is sealed only"):
        conn.execute("UPDATE revisions SET signed_at = 'now', content_hash = ?, canonical = '{}' "
                     "WHERE engagement_id = ? AND revision = 2", ("a" * 64, demo_id))
    conn.execute("UPDATE engagements SET status = 'in_review' WHERE id = ?", (demo_id,))
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off: an engagement is signed off"):
        conn.execute("UPDATE engagements SET status = 'signed_off' WHERE id = ?", (demo_id,))
    conn.execute("UPDATE revisions SET signed_at = 'now', content_hash = ?, canonical = '{}' "
                 "WHERE engagement_id = ? AND revision = 2", ("a" * 64, demo_id))
    with pytest.raises(sqlite3.IntegrityError, match=r"^signed off: a signature names"):
        conn.execute("INSERT INTO signoffs (engagement_id, revision, signer, signed_at, "
                     "content_hash) VALUES (?, 2, 'Mallory', 'now', ?)", (demo_id, "b" * 64))
    conn.close()
    # A hand-sealed revision is still caught by its hash.
    with pytest.raises(signed_record.AlteredRecordError, match="revision 2"):
        signed_record.check(session, demo_id)


def test_the_audit_log_is_append_only(session: Session, signed_id: str) -> None:
    conn = shell(session.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET actor = 'nobody'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("INSERT OR REPLACE INTO audit_log (id, at, action) "
                     "SELECT id, at, 'nothing happened' FROM audit_log LIMIT 1")
    conn.close()


def _forge_without_triggers(db: Path, engagement_id: str) -> None:
    """What an attacker does with every trigger dropped: rewrite ratings, notes, client."""
    conn = shell(db)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE indicator_ratings SET level = 5 WHERE engagement_id = ? AND na = 0",
                 (engagement_id,))
    conn.execute("UPDATE element_ratings SET notes = 'forged' WHERE engagement_id = ?",
                 (engagement_id,))
    conn.execute("UPDATE engagements SET client = 'Forged Ltd', cached_total = 999.9 "
                 "WHERE id = ?", (engagement_id,))
    conn.close()


def test_forged_content_is_caught_by_the_hash_everywhere(
        capsys: pytest.CaptureFixture[str], session: Session, signed_id: str,
        tmp_path: Path) -> None:
    pdf = tmp_path / "signed.pdf"
    signoff.export_signed_report(session, signed_id, pdf)
    db = session.path
    session.close()
    _forge_without_triggers(db, signed_id)

    for args in (["readiness", signed_id], ["score", signed_id],
                 ["export", "pdf", signed_id, "-o", str(tmp_path / "r.pdf")],
                 ["export", "xlsx", signed_id, "-o", str(tmp_path / "r.xlsx")],
                 ["engagement", "export", signed_id, "-o", str(tmp_path / "r.json")],
                 ["signoff", signed_id, "--signer", "A", "--role", "B",
                  "-o", str(tmp_path / "again.pdf")]):
        code, out, err = run(capsys, db, *args)
        assert code == 1, args
        assert err.startswith(f"error: {ALTERED}"), (args, err)
        assert len(err.strip().splitlines()) == 1
    assert not any((tmp_path / n).exists() for n in ("r.pdf", "r.xlsx", "r.json", "again.pdf"))

    code, out, _ = run(capsys, db, "verify", str(pdf), "--json")
    found = json.loads(out)
    assert code == 1 and found["matches"] is False
    assert any(ALTERED in n for n in found["notes"])

    s = Session.open(db)
    try:
        banner = signoff.lock_banner(s, signed_id)
        assert banner is not None and ALTERED in banner.lower()
        listed = engagements.summary(s, signed_id)
        assert listed.total is not None and listed.total < 999.9  # recomputed, not the cache
    finally:
        s.close()


def test_status_reset_by_hand_is_caught(session: Session, signed_id: str) -> None:
    db = session.path
    conn = shell(db)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE engagements SET status = 'draft' WHERE id = ?", (signed_id,))
    conn.close()
    with pytest.raises(signed_record.AlteredRecordError, match=ALTERED):
        signoff.readiness(session, signed_id)


def test_an_intact_signed_engagement_passes_and_lists_its_true_score(
        session: Session, signed_id: str) -> None:
    signed_record.check(session, signed_id)
    true_total = engagements.summary(session, signed_id).total
    session.db.conn.execute("UPDATE engagements SET cached_total = 999.9 WHERE id = ?",
                            (signed_id,))
    assert engagements.summary(session, signed_id).total == true_total
    assert signoff.lock_banner(session, signed_id) is not None


def test_sign_off_is_all_or_nothing(capsys: pytest.CaptureFixture[str], session: Session,
                                    demo_id: str, tmp_path: Path) -> None:
    db = session.path
    session.close()
    base = ["signoff", demo_id, "--signer", "A. Assessor", "--role", "Lead",
            "--accept-warnings"]
    for output, brand in ((str(tmp_path / "missing" / "r.pdf"), None),
                          (str(tmp_path), None),
                          (str(tmp_path / "r.pdf"), "no-such-brand")):
        extra = ["--brand", brand] if brand else []
        code, out, err = run(capsys, db, *base, "-o", output, *extra)
        assert code == 1 and len(err.strip().splitlines()) == 1, err
        assert "signed off revision" not in out
        code, out, _ = run(capsys, db, "readiness", demo_id, "--json")
        assert json.loads(out)["status"] == "draft"  # nothing was locked


def test_a_failed_write_rolls_the_sign_off_back(session: Session, demo_id: str,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.core.files import FileOutputError

    def fail(path: Path, data: bytes) -> Path:
        raise FileOutputError(f"{path}: the disk is full; nothing was written")

    monkeypatch.setattr(signed_report, "write_atomically", fail)
    with pytest.raises(FileOutputError):
        signoff.sign_off_with_report(session, demo_id, [LEAD], tmp_path / "r.pdf",
                                     accept_warnings=True)
    assert signoff.readiness(session, demo_id).status.value == "draft"
    assert not any(r.signed for r in signoff.history(session, demo_id))
    assert not (tmp_path / "r.pdf").exists()

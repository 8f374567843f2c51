"""Migration 005 on a database of the previous release (schema 4): everything is kept."""

from __future__ import annotations

from pathlib import Path

from workbench.core.site_log import Interview, Person
from workbench.services import engagements, signed_record, signoff
from workbench.services import site_log as log
from workbench.services.demo import create_demo
from workbench.services.session import Session
from workbench.storage import schema
from workbench.storage.database import open_database

TABLES = ("engagements", "assessors", "indicator_ratings", "element_ratings", "findings",
          "actions", "attachments", "consensus_indicators", "signoffs", "revisions",
          "merge_cells", "audit_log")


def _as_schema_4(path: Path) -> None:
    """Turn a database file into what schema 4 wrote: migration 005 only adds the two log
    tables (their triggers and indexes go with them), so dropping them gives that file."""
    opened = open_database(path)
    conn = opened.db.conn
    conn.execute("DROP TABLE interviews")
    conn.execute("DROP TABLE reviewed_documents")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '005_site_log'")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    opened.close()


def _counts(session: Session) -> dict[str, int]:
    return {t: session.db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in TABLES}


def test_a_version_4_database_upgrades_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    session = Session.open(path)
    signed, draft = create_demo(session), create_demo(session)
    for eid in (signed, draft):  # schema 4 had no log
        for item in log.interviews(session, eid):
            log.remove_interview(session, eid, item.id or 0)
        for doc in log.documents(session, eid):
            log.remove_document(session, eid, doc.id or 0)
    signoff.sign_off(session, signed, [signoff.Signer("A. Assessor", "Lead", "X")],
                     accept_warnings=True)
    before_upgrade = {e: engagements.document(session, e) for e in (signed, draft)}
    session.db.conn.execute("DELETE FROM merge_cells WHERE cell LIKE '[\"interview\"%' OR "
                            "cell LIKE '[\"document\"%'")
    session.db.conn.commit()
    counts = _counts(session)
    session.close()
    _as_schema_4(path)

    upgraded = Session.open(path)
    try:
        assert upgraded.opened.backup is not None  # the file was backed up first
        assert upgraded.db.conn.execute("PRAGMA user_version").fetchone()[0] == \
            schema.SCHEMA_VERSION == 5
        assert _counts(upgraded) == counts
        signed_record.check(upgraded, signed)  # the signatures still verify
        for eid, before in before_upgrade.items():
            after = engagements.document(upgraded, eid)
            assert after.interviews == () and after.documents == ()
            assert after == before
        log.add_interview(upgraded, draft, Interview("2026-11-02", (Person("Dana"),), "CX"))
        assert len(log.interviews(upgraded, draft)) == 1
    finally:
        upgraded.close()

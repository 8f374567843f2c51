"""The site-visit log travels in engagement packages and merges like the actions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.package.helpers import digest, open_laptop, send
from workbench.core.engagement import EngagementDetails
from workbench.core.errors import WorkbenchError
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.services import attachments, engagements, package
from workbench.services import site_log as log
from workbench.services.session import Session
from workbench.storage import package_file

CCO = Person("Amira Patel", "Chief Customer Officer")


@pytest.fixture
def laptops(tmp_path: Path, session: Session) -> Iterator[tuple[Session, Session, str]]:
    """A new engagement with a one-entry log on laptop A and, through a package, on B."""
    demo_id = engagements.create(session, EngagementDetails("Northwind", "HQ", "CX",
                                                            "A. Assessor")).engagement_id
    log.add_interview(session, demo_id, Interview("2026-11-02", (CCO,), "Strategy", ("D1.1",)))
    pdf = attachments.attach_bytes(session, demo_id, "D2.3", "policy.pdf", b"%PDF-1.4 p")
    log.add_document(session, demo_id, ReviewedDocument("Complaints policy", "Ops", "v3",
                                                        ("D2.3",), pdf.item_id))
    b = open_laptop(tmp_path, "b")
    send(session, b, demo_id, tmp_path, "first")
    yield session, b, demo_id
    b.close()


def _log(s: Session, eid: str) -> tuple[object, ...]:
    return (tuple((i.uuid, i.held_on, i.people, i.topics, i.elements)
                  for i in log.interviews(s, eid)),
            tuple((d.uuid, d.title, d.owner, d.version, d.elements,
                   attachments.content(s, eid, d.attachment_id) if d.attachment_id else None)
                  for d in log.documents(s, eid)))


def test_the_log_travels_with_its_attachment(laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    assert _log(a, eid) == _log(b, eid)
    assert _log(b, eid)[1][0][5] == b"%PDF-1.4 p"  # linked to B's copy of the file
    assert digest(a, eid) == digest(b, eid)


def test_log_edits_on_both_laptops_merge_by_entry(tmp_path: Path,
                                                  laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    [first] = log.interviews(a, eid)
    log.update_interview(a, eid, first.id or 0, Interview("2026-11-02", (CCO,),
                                                          "Strategy and governance"))
    log.add_interview(b, eid, Interview("2026-11-03", (Person("Tom Reed", "Head of CX"),),
                                        "Complaints"))
    [doc_b] = log.documents(b, eid)
    log.remove_document(b, eid, doc_b.id or 0)
    assert send(a, b, eid, tmp_path, "ab") > 0
    send(b, a, eid, tmp_path, "ba")
    assert _log(a, eid) == _log(b, eid)
    assert [i.topics for i in log.interviews(a, eid)] == ["Strategy and governance",
                                                          "Complaints"]
    assert log.documents(a, eid) == []  # the removal wins over the older entry
    assert digest(a, eid) == digest(b, eid)


def test_the_later_edit_of_an_entry_wins_and_is_shown(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    [on_a], [on_b] = log.interviews(a, eid), log.interviews(b, eid)
    log.update_interview(a, eid, on_a.id or 0, Interview("2026-11-02", (CCO,), "Mine"))
    log.update_interview(b, eid, on_b.id or 0, Interview("2026-11-02", (CCO,), "Theirs"))
    path = tmp_path / "b.wbx"
    package.pack(b, eid, path)
    with package.preview_merge(a, path) as preview:
        lines = "\n".join(preview.lines())
        assert [c.kind for c in preview.conflicts] == ["interview"]
        assert "'Mine'" in lines and "'Theirs'" in lines
        package.apply_merge(a, preview)
    assert [i.topics for i in log.interviews(a, eid)] == ["Theirs"]


def test_a_package_of_the_previous_release_without_the_log_merges(
        tmp_path: Path, session: Session, demo_id: str) -> None:
    for item in log.interviews(session, demo_id):  # schema 4 had no log
        log.remove_interview(session, demo_id, item.id or 0)
    for doc in log.documents(session, demo_id):
        log.remove_document(session, demo_id, doc.id or 0)
    path = tmp_path / "old.wbx"
    package.pack(session, demo_id, path)
    conn = sqlite3.connect(path)  # what schema 4 wrote: no log tables in the package
    conn.execute("DELETE FROM merge_cells WHERE cell LIKE '[\"interview\"%' OR "
                 "cell LIKE '[\"document\"%'")
    _reseal_conn(conn, "merge_cells")
    conn.execute("DROP TABLE interviews")
    conn.execute("DROP TABLE reviewed_documents")
    conn.execute("DELETE FROM package_manifest WHERE name IN ('interviews', "
                 "'reviewed_documents')")
    conn.commit()
    conn.close()
    fresh = open_laptop(tmp_path, "fresh")
    package.import_package(fresh, path)
    assert digest(fresh, demo_id) == digest(session, demo_id)
    fresh.close()


def _reseal_conn(conn: sqlite3.Connection, table: str) -> None:
    cols = package_file.columns(conn, table)
    conn.execute("UPDATE package_manifest SET sha256 = ? WHERE name = ?",
                 (package_file._table_digest(conn, table, cols), table))


def _reseal(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    _reseal_conn(conn, table)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("sql", "table", "words"), [
    ("UPDATE interviews SET elements = '[\"Z9.9\"]'", "interviews",
     "an interview value is out of range"),
    ("UPDATE interviews SET uuid = '../x'", "interviews", "framework does not have"),
    ("UPDATE interviews SET people = '[[\"\", \"x\"]]'", "interviews", "out of range"),
    ("UPDATE reviewed_documents SET title = ''", "reviewed_documents", "out of range"),
    ("UPDATE interviews SET people = 'not json'", "interviews", "cannot be read"),
    ("DELETE FROM package_manifest WHERE name = 'interviews'", None, "does not match"),
    ("UPDATE interviews SET topics = 'forged'", None, "does not match"),
])
def test_a_hostile_log_in_a_package_is_refused(tmp_path: Path, session: Session,
                                               demo_id: str, sql: str, table: str | None,
                                               words: str) -> None:
    log.add_interview(session, demo_id, Interview("2026-11-02", (CCO,), "Strategy", ("D1.1",)))
    log.add_document(session, demo_id, ReviewedDocument("Policy"))
    path = tmp_path / "hostile.wbx"
    package.pack(session, demo_id, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")  # a forger's own tables
    conn.execute(sql)
    conn.commit()
    conn.close()
    if table:
        _reseal(path, table)
    fresh = open_laptop(tmp_path, "fresh")
    with pytest.raises(WorkbenchError, match=words):
        package.import_package(fresh, path)
    assert fresh.db.conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 0
    fresh.close()


def test_a_signed_log_travels_and_still_verifies(tmp_path: Path,
                                                 laptops: tuple[Session, Session, str]) -> None:
    from workbench.services import assessment, signed_record, signoff

    a, b, eid = laptops
    assessment.rate(a, eid, "D1.1.1", 3)
    signoff.sign_off(a, eid, [signoff.Signer("A. Assessor", "Lead", "X")], accept_warnings=True)
    send(a, b, eid, tmp_path, "signed")
    signed_record.check(b, eid)  # the log (and its attachment link) hashes the same on B
    assert _log(a, eid) == _log(b, eid)
    with pytest.raises(WorkbenchError, match="signed off"):
        log.add_interview(b, eid, Interview(None, (CCO,), "After signing"))

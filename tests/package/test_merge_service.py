"""Packing, importing and merging engagements between laptops, on real database files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.package.helpers import digest, open_laptop, score_json, send
from workbench.core.engagement import FindingKind
from workbench.core.errors import WorkbenchError
from workbench.services import assessment, attachments, engagements, package, signoff
from workbench.services.session import Session
from workbench.storage.package_file import PackageError

LEAD = signoff.Signer("A. Assessor", "Lead assessor", "Example Consulting")


@pytest.fixture
def laptops(tmp_path: Path, demo_id: str, session: Session) -> tuple[Session, Session, str]:
    """The demo on laptop A (the session) and, through a package, on laptop B."""
    b = open_laptop(tmp_path, "b")
    send(session, b, demo_id, tmp_path, "first")
    yield session, b, demo_id
    b.close()


def test_pack_then_import_gives_the_same_canonical_hash(
        laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    assert digest(a, eid) == digest(b, eid)
    assert score_json(a, eid) == score_json(b, eid)
    assert engagements.summary(b, eid).client == engagements.summary(a, eid).client


def test_photos_travel_with_the_package(tmp_path: Path, session: Session, demo_id: str) -> None:
    from tests.signoff.conftest import png

    attachments.attach_bytes(session, demo_id, "D1.1", "board.png", png(), "The CX board")
    c = open_laptop(tmp_path, "c")
    send(session, c, demo_id, tmp_path)
    [item] = attachments.attachments(c, demo_id)
    assert attachments.content(c, demo_id, item.id) == png()
    assert digest(session, demo_id) == digest(c, demo_id)
    c.close()


def test_edits_on_both_laptops_converge(tmp_path: Path,
                                        laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    names = [m.name for m in engagements.team(a, eid)]
    assessment.rate(a, eid, "D1.1.1", 1, assessor=names[0])
    assessment.rate(b, eid, "D1.1.2", 2, assessor=names[0])
    assessment.set_notes(b, eid, "D2.1", "seen on B", assessor=names[0])
    assessment.add_finding(a, eid, "D2.1", FindingKind.STRENGTH, "found on A")
    assessment.set_target(b, eid, "D1.1", 5)
    assert send(b, a, eid, tmp_path, "1") > 0
    assert send(a, b, eid, tmp_path, "2") > 0
    assert digest(a, eid) == digest(b, eid)
    assert score_json(a, eid) == score_json(b, eid)
    for s in (a, b):
        sheet = assessment.findings(s, eid, "D2.1", FindingKind.STRENGTH)
        assert "found on A" in [t for _, t in sheet]
        assert assessment.notes(s, eid, "D2.1", names[0]) == "seen on B"


def test_merging_the_same_package_twice_changes_nothing(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    assessment.rate(b, eid, "D3.1.1", 1)
    path = tmp_path / "b.wbx"
    package.pack(b, eid, path)
    with package.preview_merge(a, path) as first:
        package.apply_merge(a, first)
    before = digest(a, eid)
    with package.preview_merge(a, path) as second:
        assert not second.has_changes
        assert second.lines() == [f"{path.name}: nothing to merge; this laptop already has "
                                  "every edit in the package"]
    assert digest(a, eid) == before


def test_the_later_edit_wins_and_the_preview_names_the_conflict(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    assessment.rate(a, eid, "D1.2.1", 1)
    time.sleep(0.005)  # stamps are milliseconds: B's edit must be later, not the same
    assessment.rate(b, eid, "D1.2.1", 5)  # later
    path = tmp_path / "b.wbx"
    package.pack(b, eid, path)
    with package.preview_merge(a, path) as preview:
        [line] = [c for c in preview.changes if c.element == "D1.2.1"]
        assert (line.old, line.new, line.conflict, line.applied) == (1, 5, True, True)
        assert any("D1.2.1" in t and "conflict" in t for t in preview.lines())
        assert preview.to_json()["conflicts"][0]["element"] == "D1.2.1"
        package.apply_merge(a, preview)
    # and the other way round, B keeps its later value
    path_a = tmp_path / "a.wbx"
    package.pack(a, eid, path_a)
    with package.preview_merge(b, path_a) as back:
        assert not back.has_changes
    lead = engagements.details(a, eid).lead_assessor
    assert assessment.element_sheet(a, eid, "D1.2", lead) is not None
    assert digest(a, eid) == digest(b, eid)


def test_a_deleted_strength_does_not_come_back_from_an_older_package(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    old = tmp_path / "old-b.wbx"
    package.pack(b, eid, old)
    lead = engagements.details(a, eid).lead_assessor
    element = next(e.element for e in engagements.document(a, eid).evidence
                   if e.strengths and e.assessor == lead)
    [(finding_id, text), *_] = assessment.findings(a, eid, element, FindingKind.STRENGTH)
    assessment.remove_finding(a, eid, finding_id)
    assessment.rate(a, eid, "D1.1.1", None)  # a cleared rating is a deletion too
    with package.preview_merge(a, old) as preview:
        assert not preview.has_changes
    send(a, b, eid, tmp_path)
    assert text not in [t for _, t in assessment.findings(b, eid, element,
                                                           FindingKind.STRENGTH)]
    assert digest(a, eid) == digest(b, eid)


def test_a_colleagues_later_edit_is_kept_when_an_older_own_edit_arrives(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    assessment.set_notes(a, eid, "D4.1", "first on A")
    assessment.rate(b, eid, "D4.1.1", 3)  # another cell of the same row family
    send(a, b, eid, tmp_path, "1")
    send(b, a, eid, tmp_path, "2")
    assert assessment.notes(b, eid, "D4.1") == "first on A"
    assert digest(a, eid) == digest(b, eid)


def test_a_package_of_another_engagement_is_refused(tmp_path: Path, session: Session,
                                                    demo_id: str) -> None:
    other = open_laptop(tmp_path, "other")
    from workbench.services.demo import create_demo

    other_id = create_demo(other)
    path = tmp_path / "other.wbx"
    package.pack(other, other_id, path)
    before = digest(session, demo_id)
    with pytest.raises(PackageError, match="another engagement"):
        package.preview_merge(session, path)
    assert digest(session, demo_id) == before
    other.close()


def test_import_of_an_engagement_already_here_is_refused(tmp_path: Path, session: Session,
                                                         demo_id: str) -> None:
    path = tmp_path / "same.wbx"
    package.pack(session, demo_id, path)
    with pytest.raises(PackageError, match="already in this database"):
        package.import_package(session, path)


def test_a_signed_engagement_brings_its_revision(tmp_path: Path,
                                                 laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    signoff.sign_off(a, eid, [LEAD], accept_warnings=True)
    send(a, b, eid, tmp_path, "signed")
    assert engagements.summary(b, eid).status == engagements.summary(a, eid).status
    assert [r.content_hash for r in signoff.history(b, eid)] == \
        [r.content_hash for r in signoff.history(a, eid)]
    assert digest(a, eid) == digest(b, eid)
    # and a fresh laptop imports it signed, with the same hash
    c = open_laptop(tmp_path, "c")
    send(a, c, eid, tmp_path, "fresh")
    assert digest(c, eid) == digest(a, eid)
    assert signoff.history(c, eid)[0].content_hash == signoff.history(a, eid)[0].content_hash
    c.close()


def test_a_signed_package_replaces_unsigned_local_edits(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    assessment.rate(b, eid, "D5.1.1", 1)  # B edits, A signs without it
    signoff.sign_off(a, eid, [LEAD], accept_warnings=True)
    path = tmp_path / "signed.wbx"
    package.pack(a, eid, path)
    with package.preview_merge(b, path) as preview:
        assert preview.adopt_signed and preview.revisions
        package.apply_merge(b, preview)
    assert digest(b, eid) == digest(a, eid)


def test_a_merge_that_would_change_a_signed_engagement_is_refused(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    signoff.sign_off(a, eid, [LEAD], accept_warnings=True)
    assessment.rate(b, eid, "D5.1.1", 1)
    path = tmp_path / "b.wbx"
    package.pack(b, eid, path)
    before = digest(a, eid)
    with pytest.raises(WorkbenchError, match="signed off here"):
        package.preview_merge(a, path)
    assert digest(a, eid) == before


def test_an_amendment_made_elsewhere_is_brought_in(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    signoff.sign_off(a, eid, [LEAD], accept_warnings=True)
    send(a, b, eid, tmp_path, "1")
    signoff.amend(b, eid, "Client sent the survey results")
    assessment.rate(b, eid, "D5.1.1", 1)
    send(b, a, eid, tmp_path, "2")
    assert engagements.summary(a, eid).status.value == "draft"
    assert len(signoff.history(a, eid)) == 2
    assert digest(a, eid) == digest(b, eid)


def test_the_preview_is_refused_when_the_engagement_changed_since(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    a, b, eid = laptops
    assessment.rate(b, eid, "D3.2.1", 1)
    path = tmp_path / "b.wbx"
    package.pack(b, eid, path)
    with package.preview_merge(a, path) as preview:
        assessment.rate(a, eid, "D3.2.2", 2)
        with pytest.raises(PackageError, match="changed since the preview"):
            package.apply_merge(a, preview)


def test_the_same_photo_is_one_attachment_per_element(session: Session, demo_id: str) -> None:
    from tests.signoff.conftest import png

    attachments.attach_bytes(session, demo_id, "D1.2", "a.png", png(), "first")
    with pytest.raises(WorkbenchError, match=r"already attached to D1\.2"):
        attachments.attach_bytes(session, demo_id, "D1.2", "b.png", png(), "again")
    attachments.attach_bytes(session, demo_id, "D1.3", "b.png", png(), "elsewhere")


def test_a_photo_added_on_both_laptops_is_merged_into_one(
        tmp_path: Path, laptops: tuple[Session, Session, str]) -> None:
    from tests.signoff.conftest import png

    a, b, eid = laptops
    attachments.attach_bytes(a, eid, "D2.2", "board.png", png(), "on A")
    time.sleep(0.005)  # stamps are milliseconds: B's edit must be later, not the same
    attachments.attach_bytes(b, eid, "D2.2", "board-copy.png", png(), "on B")  # later
    send(a, b, eid, tmp_path, "1")
    send(b, a, eid, tmp_path, "2")
    for s in (a, b):
        [item] = attachments.attachments(s, eid, "D2.2")
        assert item.caption == "on B"
    assert digest(a, eid) == digest(b, eid)


def test_a_signed_package_whose_content_was_changed_is_refused(
        tmp_path: Path, session: Session, demo_id: str) -> None:
    import sqlite3

    from workbench.storage import package_file

    signoff.sign_off(session, demo_id, [LEAD], accept_warnings=True)
    path = tmp_path / "signed.wbx"
    package.pack(session, demo_id, path)
    conn = sqlite3.connect(path)  # a forger changes a rating and re-seals the manifest
    conn.execute("UPDATE indicator_ratings SET level = 1 WHERE rowid = (SELECT min(rowid) "
                 "FROM indicator_ratings WHERE level > 1)")
    cols = package_file.columns(conn, "indicator_ratings")
    conn.execute("UPDATE package_manifest SET sha256 = ? WHERE name = 'indicator_ratings'",
                 (package_file._table_digest(conn, "indicator_ratings", cols),))
    conn.commit()
    conn.close()
    fresh = Session.open(tmp_path / "fresh.sqlite3")
    with pytest.raises(PackageError, match="does not match its signed revision"):
        package.import_package(fresh, path)
    assert engagements.summaries(fresh, include_archived=True) == []
    fresh.close()

"""The site-visit log in the engagement JSON (`site_log`, workbench.site_log/1) and its hash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workbench.core.canonical import content_hash
from workbench.core.errors import InterchangeError
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.core.interchange import document_to_dict, parse_document
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.services import attachments, engagements, signed_record, signoff
from workbench.services import site_log as log
from workbench.services.session import Session

EXAMPLE = Path(__file__).parent.parent / "data" / "architecture_example.json"
# The content hash of the example as the release before the site-visit log computed it:
# an engagement without a log hashes exactly as before, so its signatures still verify.
EXAMPLE_HASH = "c0c8e824b1b6f74b665e22cd9cdff433b08bd462b3363734046e31f2a436fa80"

LOG = {"format": "workbench.site_log/1",
       "interviews": [{"held_on": "2026-11-02",
                       "people": [{"name": "Amira Patel", "role": "Chief Customer Officer"}],
                       "topics": "Strategy", "elements": ["D1.1"]}],
       "documents": [{"title": "CX strategy 2026-2028", "owner": "Amira Patel",
                      "version": "v2.1", "elements": ["D2.3"], "attachment": None}]}


def _example(log_data: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text())
    if log_data is not None:
        data["site_log"] = log_data
    return data


def _parse(data: dict[str, Any]) -> Any:
    return parse_document(json.dumps(data), "doc.json", bundled_framework)


def test_an_engagement_without_a_log_hashes_exactly_as_before(framework: Framework) -> None:
    doc = _parse(_example())
    assert doc.interviews == () and doc.documents == ()
    assert "site_log" not in document_to_dict(doc, framework)
    assert content_hash(doc, framework) == EXAMPLE_HASH


def test_the_log_is_read_written_and_part_of_the_hash(framework: Framework) -> None:
    doc = _parse(_example(LOG))
    assert doc.interviews == (Interview("2026-11-02", (Person("Amira Patel",
                                                              "Chief Customer Officer"),),
                                        "Strategy", ("D1.1",)),)
    assert doc.documents == (ReviewedDocument("CX strategy 2026-2028", "Amira Patel", "v2.1",
                                              ("D2.3",)),)
    assert document_to_dict(doc, framework)["site_log"] == LOG
    assert content_hash(doc, framework) != EXAMPLE_HASH
    edited = json.loads(json.dumps(LOG))
    edited["interviews"][0]["topics"] = "Strategy and governance"
    assert content_hash(_parse(_example(edited)), framework) != content_hash(doc, framework)


def test_the_hash_ignores_the_order_of_log_entries(framework: Framework) -> None:
    two = json.loads(json.dumps(LOG))
    two["interviews"].append({"held_on": None, "people": [{"name": "Tom"}], "topics": "VoC"})
    swapped = json.loads(json.dumps(two))
    swapped["interviews"].reverse()
    assert content_hash(_parse(_example(two)), framework) == \
        content_hash(_parse(_example(swapped)), framework)


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d.update(format="workbench.site_log/2"),
     "site_log.format: 'workbench.site_log/2' is not 'workbench.site_log/1'"),
    (lambda d: d["interviews"][0].update(elements=["D9.9"]),
     "site_log.interviews[0].elements[0]: 'D9.9' is not an element"),
    (lambda d: d["interviews"][0].update(held_on="2026-02-30"), "site_log.interviews[0].held_on"),
    (lambda d: d["interviews"][0].update(people=[]), "site_log.interviews[0].people"),
    (lambda d: d["interviews"][0].update(topics="   "), "site_log.interviews[0].topics: is empty"),
    (lambda d: d["documents"][0].update(title="t" * 501), "site_log.documents[0].title"),
    (lambda d: d["documents"][0].update(attachment="../../etc/passwd"),
     "site_log.documents[0].attachment"),
    (lambda d: d["documents"][0].update(colour="red"), "is not a known key"),
])
def test_a_bad_log_is_refused_with_its_place(change: Any, words: str) -> None:
    data = json.loads(json.dumps(LOG))
    change(data)
    with pytest.raises(InterchangeError) as caught:
        _parse(_example(data))
    assert words in str(caught.value)


def test_export_and_import_round_trip_the_log(session: Session, demo_id: str,
                                              tmp_path: Path) -> None:
    pdf = attachments.attach_bytes(session, demo_id, "D2.3", "policy.pdf", b"%PDF-1.4 p")
    log.add_document(session, demo_id, ReviewedDocument("Complaints policy", "Head of Service",
                                                        "2026-09-01", ("D2.3",),
                                                        attachment_id=pdf.item_id))
    path = engagements.export_json(session, demo_id, tmp_path / "e.json")
    data = json.loads(path.read_text())
    digest = next(a["sha256"] for a in data["attachments"] if a["filename"] == "policy.pdf")
    assert data["site_log"]["format"] == "workbench.site_log/1"
    assert data["site_log"]["documents"][-1]["attachment"] == digest
    before = engagements.document(session, demo_id)
    copy = str(engagements.import_json(session, path).new)
    after = engagements.document(session, copy)
    assert [(i.held_on, i.people, i.topics, i.elements) for i in after.interviews] == \
        [(i.held_on, i.people, i.topics, i.elements) for i in before.interviews]
    assert [(d.title, d.owner, d.version, d.elements) for d in after.documents] == \
        [(d.title, d.owner, d.version, d.elements) for d in before.documents]
    # an engagement JSON carries no attachment files: the link is not made on import
    assert after.documents[-1].attachment_id is None


def test_a_json_without_the_log_imports_as_before(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    path.write_text(EXAMPLE.read_text())
    eid = str(engagements.import_json(session, path).new)
    doc = engagements.document(session, eid)
    assert doc.interviews == () and doc.documents == ()


def test_a_signed_log_is_proved_by_the_hash(session: Session, demo_id: str) -> None:
    log.add_interview(session, demo_id, Interview("2026-11-02", (Person("Amira"),), "Strategy"))
    signoff.sign_off(session, demo_id, [signoff.Signer("A. Assessor", "Lead", "X")],
                     accept_warnings=True)
    signed_record.check(session, demo_id)
    conn = session.db.conn  # someone drops the lock trigger and edits the log
    conn.execute("DROP TRIGGER interviews_signed_update")
    conn.execute("UPDATE interviews SET topics = 'Something else' WHERE engagement_id = ?",
                 (demo_id,))
    with pytest.raises(signed_record.AlteredRecordError, match="live data"):
        signed_record.check(session, demo_id)

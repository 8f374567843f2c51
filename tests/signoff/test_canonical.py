"""The content hash: stable across runs, machines and orders; changed by any edit."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from workbench.core.canonical import (
    CANONICAL_FORMAT,
    canonical_bytes,
    content_hash,
    hash_of,
    is_canonical,
)
from workbench.core.framework import Framework
from workbench.core.ratings import Ratings, RatingSet
from workbench.services import assessment, engagements
from workbench.services.session import Session

SCRIPT = """
import sys
from workbench.services.session import Session
from workbench.services import engagements
from workbench.core.canonical import content_hash
s = Session.open(sys.argv[1])
doc = engagements.document(s, sys.argv[2])
print(content_hash(doc, s.framework_of(sys.argv[2])))
"""


def _hash(session: Session, eid: str) -> str:
    return content_hash(engagements.document(session, eid), session.framework_of(eid))


def test_the_hash_is_the_same_in_another_process_with_another_hash_seed(
        session: Session, demo_id: str) -> None:
    expected = _hash(session, demo_id)
    for seed in ("1", "987654"):
        env = dict(os.environ, PYTHONHASHSEED=seed, LC_ALL="C", TZ="Pacific/Auckland")
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(session.path), demo_id],
                              capture_output=True, text=True, env=env, check=True)
        assert done.stdout.strip() == expected


def _shuffled(rs: RatingSet) -> RatingSet:
    def rev(r: Ratings) -> Ratings:
        return Ratings(dict(reversed(list(r.indicators.items()))),
                       dict(reversed(list(r.objectives.items()))))

    return RatingSet(assessors={k: rev(v) for k, v in reversed(list(rs.assessors.items()))},
                     consensus=rev(rs.consensus),
                     targets=dict(reversed(list(rs.targets.items()))))


def test_the_order_data_is_held_in_does_not_change_the_hash(
        session: Session, demo_id: str, framework: Framework) -> None:
    doc = engagements.document(session, demo_id)
    shuffled = doc._replace(ratings=_shuffled(doc.ratings),
                          evidence=tuple(reversed(doc.evidence)),
                          actions=tuple(reversed(doc.actions)),
                          attachments=tuple(reversed(doc.attachments)),
                          consensus_reasons=tuple(reversed(doc.consensus_reasons)))
    assert canonical_bytes(shuffled, framework) == canonical_bytes(doc, framework)


def test_the_canonical_form_is_sorted_compact_utf8_json(session: Session, demo_id: str,
                                                        framework: Framework) -> None:
    data = canonical_bytes(engagements.document(session, demo_id), framework)
    parsed = json.loads(data)
    assert parsed["canonical"] == CANONICAL_FORMAT
    assert "status" not in parsed and parsed["id"] == demo_id and parsed["revision"] == 1
    assert len(parsed["framework"]["sha256"]) == 64
    assert data == json.dumps(parsed, sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False).encode("utf-8")
    assert is_canonical(data)
    assert not is_canonical(json.dumps(parsed, indent=1).encode())
    assert hash_of(data) == content_hash(engagements.document(session, demo_id), framework)


def test_text_in_another_unicode_normal_form_hashes_the_same(
        session: Session, demo_id: str, framework: Framework) -> None:
    assessment.set_notes(session, demo_id, "D1.1", "Caf\u00e9 visit")
    composed = _hash(session, demo_id)
    assessment.set_notes(session, demo_id, "D1.1", "Cafe\u0301 visit")
    assert _hash(session, demo_id) == composed


def test_any_rating_note_or_objective_change_changes_the_hash(session: Session,
                                                              demo_id: str) -> None:
    previous = _hash(session, demo_id)
    edits = [
        lambda: assessment.rate(session, demo_id, "D1.1.1", 1),
        lambda: assessment.rate(session, demo_id, "D1.1.1", 2),
        lambda: assessment.rate(session, demo_id, "D1.1.1", "na"),
        lambda: assessment.rate(session, demo_id, "D1.1.1", None),
        lambda: assessment.judge(session, demo_id, "D1.1", "partially"),
        lambda: assessment.judge(session, demo_id, "D1.1", "fully"),
        lambda: assessment.judge(session, demo_id, "D1.1", "not_yet"),
        lambda: assessment.set_notes(session, demo_id, "D1.1", "A new note."),
        lambda: assessment.set_notes(session, demo_id, "D1.1", "A new note!"),
        lambda: assessment.set_target(session, demo_id, "D1.1", 5),
    ]
    for edit in edits:
        change = edit()
        assert change.old != change.new  # each edit really changes something
        digest = _hash(session, demo_id)
        assert digest != previous
        previous = digest

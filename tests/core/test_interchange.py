"""Reading and writing `workbench.engagement/1` documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workbench.core.canonical import canonical_bytes, content_hash
from workbench.core.errors import InterchangeError
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.core.interchange import document_to_dict, parse_document
from workbench.core.ratings import NA
from workbench.core.scoring import score_engagement

EXAMPLE = Path(__file__).parent.parent / "data" / "architecture_example.json"


def parse(data: dict[str, Any] | str) -> Any:
    text = data if isinstance(data, str) else json.dumps(data)
    return parse_document(text, "doc.json", bundled_framework)


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text())  # type: ignore[no-any-return]


def test_the_architecture_example_reads(framework: Framework) -> None:
    doc = parse(example())
    assert doc.details.client == "Example Telecom"
    assert doc.ratings.assessors["A. Assessor"].indicators["D5.3.4"] == NA
    assert doc.ratings.consensus.indicators == {"D5.3.1": 4}
    assert doc.ratings.targets == {"D5.3": 4}
    result = score_engagement(framework, doc.ratings)
    assert result.elements["D5.3"].score == 33.75  # consensus settles D5.3.1 at 4
    assert not result.elements["D5.3"].needs_consensus


def test_a_consensus_target_wins_over_assessors(framework: Framework) -> None:
    data = example()
    data["consensus"][0]["target"] = 5
    assert parse(data).ratings.targets["D5.3"] == 5


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["ratings"][0]["indicators"].update({"D5.3.9": 3}),
     "ratings[0].indicators.D5.3.9: not an indicator"),
    (lambda d: d["ratings"][0]["indicators"].update({"D1.1.1": 3}),
     "an indicator of D1.1, not of D5.3"),
    (lambda d: d["ratings"][0]["indicators"].update({"D5.3.1": 6}), "6 is not a level"),
    (lambda d: d["ratings"][0]["indicators"].update({"D5.3.1": "high"}), "'high' is not a level"),
    (lambda d: d["ratings"][0]["indicators"].update({"D5.3.1": True}), "is not a level"),
    (lambda d: d["ratings"][0].update({"assessor": "Nobody"}), "'Nobody' is not one of"),
    (lambda d: d["ratings"][0].update({"element": "D9.9"}), "'D9.9' is not an element"),
    (lambda d: d["ratings"][0].update({"objective": "mostly"}), "'mostly' is not one of"),
    (lambda d: d["ratings"][0].update({"target": 7}), "target: 7 is not a level"),
    (lambda d: d["ratings"][2].update({"objective": "fully"}), "enablers have no statement"),
    (lambda d: d.update({"framework": {"id": "cem-6d", "version": "9.9"}}), "framework:"),
    (lambda d: d.update({"format": "other/1"}), "format:"),
    (lambda d: d["engagement"].pop("client"), "engagement.client: is required"),
    (lambda d: d["engagement"].update({"start_date": "2026-13-45"}), "engagement.start_date"),
    (lambda d: d.update({"surprise": 1}), "surprise: is not a known key"),
])
def test_bad_documents_are_refused_with_their_place(change: Any, message: str) -> None:
    data = example()
    change(data)
    with pytest.raises(InterchangeError) as caught:
        parse(data)
    assert message in str(caught.value)
    assert str(caught.value).startswith("doc.json: ")


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", "\"x\"", "[" * 100000])
def test_malformed_json_is_refused(text: str) -> None:
    with pytest.raises(InterchangeError):
        parse(text)


def test_round_trip_keeps_everything(framework: Framework) -> None:
    doc = parse(example())
    again = parse(document_to_dict(doc, framework))
    assert again.ratings == doc.ratings
    assert again.evidence == doc.evidence
    assert content_hash(again, framework) == content_hash(doc, framework)


def test_canonical_hash_ignores_entry_order_but_not_content(framework: Framework) -> None:
    data = example()
    shuffled = example()
    shuffled["ratings"].reverse()
    shuffled["ratings"][0]["indicators"] = dict(reversed(list(
        shuffled["ratings"][0]["indicators"].items())))
    assert content_hash(parse(data), framework) == content_hash(parse(shuffled), framework)
    for edit in (lambda d: d["ratings"][0]["indicators"].update({"D5.3.1": 5}),
                 lambda d: d["ratings"][0].update({"notes": "Other"}),
                 lambda d: d["ratings"][0].update({"objective": "fully"})):
        changed = example()
        edit(changed)
        assert content_hash(parse(changed), framework) != content_hash(parse(data), framework)


def test_canonical_bytes_are_sorted_compact_utf8(framework: Framework) -> None:
    data = example()
    data["engagement"]["client"] = "Zoe\u0308 Ło\u0301dz\u0301"  # decomposed accents
    raw = canonical_bytes(parse(data), framework)
    text = raw.decode("utf-8")
    assert "Zoë Łódź" in text  # NFC
    assert ": " not in text and ", " not in text.replace("Head office", "")
    assert json.loads(raw) == json.loads(json.dumps(json.loads(raw), sort_keys=True))

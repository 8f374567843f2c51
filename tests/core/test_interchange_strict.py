"""Strict engagement JSON: every hostile value gets one clear message, nothing is guessed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.cli.output import terminal_safe
from workbench.core.errors import InterchangeError, WorkbenchError
from workbench.core.framework_loader import bundled_framework
from workbench.core.interchange import parse_document

EXAMPLE = Path(__file__).parent.parent / "data" / "architecture_example.json"


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text())  # type: ignore[no-any-return]


def parse_text(text: str) -> Any:
    return parse_document(text, "doc.json", bundled_framework)


def parse(data: dict[str, Any]) -> Any:
    return parse_text(json.dumps(data))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = d
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return change


@pytest.mark.parametrize(("change", "message"), [
    (_set("ratings/0/indicators/D5.3.1", True), "True is not a level"),
    (_set("ratings/0/indicators/D5.3.1", "4"), "'4' is not a level"),
    (_set("ratings/0/indicators/D5.3.1", 4.0), "4.0 is not a level"),
    (_set("ratings/0/target", True), "ratings[0].target"),
    (_set("ratings/0/target", "4"), "ratings[0].target"),
    (_set("ratings/0/target", 4.0), "ratings[0].target"),
    (_set("consensus/0/target", 4.5), "consensus[0].target"),
    (_set("engagement/start_date", "02/11/2026"), "YYYY-MM-DD"),
    (_set("engagement/start_date", 1700000000), "YYYY-MM-DD"),
    (_set("engagement/end_date", "2026-11-04T10:00:00"), "YYYY-MM-DD"),
    (_set("engagement/end_date", "2026-02-30"), "engagement.end_date"),
    (_set("engagement/brand", "../../etc"), "not a path"),
    (_set("engagement/brand", "/tmp/brand"), "not a path"),
    (_set("engagement/client", "Evil\x00Corp"), "control character (U+0000)"),
    (_set("engagement/client", "Red\x1b[31m"), "control character (U+001B)"),
    (_set("ratings/0/notes", "line\rfeed"), "ratings[0].notes: holds a control character"),
    (lambda d: d["ratings"].append({"assessor": "A. Assessor", "element": "D5.3",
                                    "notes": "second"}),
     "a second entry for A. Assessor and D5.3"),
    (lambda d: d["consensus"].append({"element": "D5.3", "objective": "fully"}),
     "a second entry for D5.3"),
])
def test_hostile_values_are_refused(change: Callable[[dict[str, Any]], None],
                                    message: str) -> None:
    data = example()
    change(data)
    with pytest.raises(InterchangeError, match=r"doc\.json: ") as caught:
        parse(data)
    assert message in str(caught.value)


def test_tab_and_newline_are_text() -> None:
    data = example()
    data["ratings"][0]["notes"] = "first\tline\nsecond line"
    assert parse(data).evidence[0].notes == "first\tline\nsecond line"


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "9" * 5000, "1" + "0" * 19])
def test_huge_numbers_are_refused_clearly(number: str) -> None:
    text = json.dumps(example()).replace('"D5.3.1": 4', f'"D5.3.1": {number}', 1)
    with pytest.raises(InterchangeError, match="digits is far outside"):
        parse_text(text)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_numbers_are_refused(constant: str) -> None:
    text = json.dumps(example()).replace('"D5.3.1": 4', f'"D5.3.1": {constant}', 1)
    with pytest.raises(InterchangeError, match="not a number JSON allows"):
        parse_text(text)


def test_duplicate_keys_are_refused() -> None:
    text = json.dumps(example()).replace('"client": "Example Telecom"',
                                         '"client": "Example Telecom", "client": "Forged"', 1)
    with pytest.raises(InterchangeError, match="the key 'client' appears twice"):
        parse_text(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=50))
def test_any_client_text_is_accepted_or_refused_clearly(client: str) -> None:
    data = example()
    data["engagement"]["client"] = client
    try:
        doc = parse(data)
    except WorkbenchError:
        return
    assert doc.details.client == client
    assert not any(ord(c) < 32 and c not in "\t\n" for c in client)


@given(st.text(max_size=80))
def test_terminal_text_never_carries_a_control_character(text: str) -> None:
    shown = terminal_safe(text)
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or
                   0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)
    if text.isprintable():
        assert shown == text


def test_the_cli_escapes_user_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from workbench.cli.main import main
    from workbench.services import engagements
    from workbench.services.session import Session

    db = tmp_path / "w.sqlite3"
    s = Session.open(db)
    from workbench.core.engagement import EngagementDetails

    plain = EngagementDetails(client="Plain", site="", title="", lead_assessor="A. Assessor")
    change = engagements.create(s, plain)
    with pytest.raises(WorkbenchError, match="control character"):
        engagements.create(s, EngagementDetails(client="Red\x1b[2J", site="", title="",
                                                lead_assessor="A. Assessor"))
    # Text that reached the database some other way (an old release, a hand edit):
    s.db.conn.execute("UPDATE engagements SET client = ? WHERE id = ?",
                      ("Red\x1b[2J\u202eCorp", change.engagement_id))
    s.db.conn.commit()
    s.close()
    assert main(["engagement", "list", "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "\x1b" not in out and "\u202e" not in out
    assert "Red\\x1b[2J\\u202eCorp" in out
    assert main(["engagement", "show", change.engagement_id, "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "\x1b" not in out

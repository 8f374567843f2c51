"""Random edits on two or three laptops, synced in random orders, on real database files.

An edit is a change of what the laptop shows: setting a value a laptop already shows
changes nothing there, so it is no edit (and does not override a colleague's value).

Whatever the order, after everyone has everyone's package: every laptop holds the same
engagement (score JSON and canonical hash), the last edit of every value is the one kept
(no lost edit), and merging a package again changes nothing.
"""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.package import helpers
from tests.package.helpers import digest, score_json
from workbench.core.engagement import Assessor, FindingKind
from workbench.core.ratings import NA
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.services import assessment, engagements, site_log
from workbench.services.session import Session

TEAM = ("Ana", "Ben")
INDICATORS = ("D1.1.1", "D1.1.2", "D2.1.1")
ELEMENTS = ("D1.1", "D2.1")

edits = st.one_of(
    st.tuples(st.just("rate"), st.sampled_from(TEAM), st.sampled_from(INDICATORS),
              st.sampled_from([None, NA, 1, 3, 5])),
    st.tuples(st.just("notes"), st.sampled_from(TEAM), st.sampled_from(ELEMENTS),
              st.sampled_from(["", "seen", "heard"])),
    st.tuples(st.just("consensus"), st.just(""), st.sampled_from(INDICATORS),
              st.sampled_from([None, 2, 4])),
    st.tuples(st.just("target"), st.just(""), st.sampled_from(ELEMENTS),
              st.sampled_from([None, 3, 5])),
    st.tuples(st.just("strength"), st.sampled_from(TEAM), st.sampled_from(ELEMENTS),
              st.sampled_from(["+a", "+b", "-"])),
    # the site-visit log: add, edit (the first entry) or remove (the first entry)
    st.tuples(st.just("interview"), st.just(""), st.sampled_from(ELEMENTS),
              st.sampled_from(["+Strategy", "+VoC", "~Governance", "-"])),
    st.tuples(st.just("document"), st.just(""), st.sampled_from(ELEMENTS),
              st.sampled_from(["+Policy", "~v2", "-"])),
)


def _log_edit(s: Session, eid: str, kind: str, code: str,
              value: str) -> tuple[str, Any] | None:
    """Add, edit or remove an entry of the log: (its uuid, what it now shows or None when
    removed), or None when nothing changed."""
    shown = (value[1:], (code,))
    if kind == "interview":
        entries = site_log.interviews(s, eid)
        item = Interview("2026-11-02", (Person("Dana", "Head of CX"),), value[1:], (code,))
        if value == "-" and entries:
            site_log.remove_interview(s, eid, entries[0].id or 0)
            return str(entries[0].uuid), None
        if value[0] == "~" and entries and _shown(entries[0]) != shown:
            site_log.update_interview(s, eid, entries[0].id or 0, item)
            return str(entries[0].uuid), shown
        if value[0] == "+":
            return str(site_log.add_interview(s, eid, item).new.uuid), shown
        return None
    docs = site_log.documents(s, eid)
    if value == "-" and docs:
        site_log.remove_document(s, eid, docs[0].id or 0)
        return str(docs[0].uuid), None
    if value[0] == "~" and docs and _shown(docs[0]) != shown:
        site_log.update_document(s, eid, docs[0].id or 0,
                                 ReviewedDocument(docs[0].title, "Dana", value[1:], (code,)))
        return str(docs[0].uuid), shown
    if value[0] == "+":
        added = site_log.add_document(s, eid, ReviewedDocument(value[1:], elements=(code,)))
        return str(added.new.uuid), (added.new.version, (code,))
    return None


def _shown(entry: Interview | ReviewedDocument) -> tuple[str, tuple[str, ...]]:
    if isinstance(entry, Interview):
        return entry.topics, entry.elements
    return entry.version, entry.elements


def _edit(s: Session, eid: str, edit: tuple[str, str, str, Any],
          expected: dict[tuple[str, str, str], Any]) -> None:
    kind, who, code, value = edit
    if kind in ("interview", "document"):
        done = _log_edit(s, eid, kind, code, value)
        if done is not None:  # the last edit of each entry must be what everyone ends with
            expected[(kind, done[0], "")] = done[1]
            time.sleep(0.002)
        return
    if kind in ("rate", "notes", "consensus", "target") and \
            _observed(s, eid, (kind, who, code)) == (value if kind == "notes" else value or None):
        return  # setting what this laptop already shows changes nothing: no edit to keep
    if kind == "rate":
        assessment.rate(s, eid, code, value, assessor=who)
    elif kind == "notes":
        assessment.set_notes(s, eid, code, value, assessor=who)
    elif kind == "consensus":
        assessment.rate_consensus(s, eid, code, value, reason="agreed in the team meeting")
    elif kind == "target":
        assessment.set_target(s, eid, code, value)
    elif value == "-":
        found = assessment.findings(s, eid, code, FindingKind.STRENGTH, assessor=who)
        if found:
            assessment.remove_finding(s, eid, found[0][0])
        return
    else:
        assessment.add_finding(s, eid, code, FindingKind.STRENGTH, value, assessor=who)
        return
    expected[(kind, who, code)] = value
    time.sleep(0.002)  # distinct milliseconds: "the later edit" is well defined


def _observed(s: Session, eid: str, key: tuple[str, str, str]) -> Any:
    kind, who, code = key
    if kind in ("interview", "document"):
        entries = site_log.interviews(s, eid) if kind == "interview" else \
            site_log.documents(s, eid)
        return next((_shown(e) for e in entries if e.uuid == who), None)
    doc = engagements.document(s, eid)
    if kind == "rate":
        return doc.ratings.assessors[who].indicators.get(code)
    if kind == "notes":
        return assessment.notes(s, eid, code, who)
    if kind == "consensus":
        return doc.ratings.consensus.indicators.get(code)
    return doc.ratings.targets.get(code)


steps = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), edits),
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 2))), min_size=1, max_size=14)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(2, 3), steps)
def test_random_edits_on_several_laptops_converge_without_a_lost_edit(
        copies: int, plan: list[tuple[Any, ...]]) -> None:
    expected: dict[tuple[str, str, str], Any] = {}
    with helpers.laptops(copies, team=[Assessor("Ana", "Lead"), Assessor("Ben", "")]) as (
            laptops, eid, tmp):
        helpers.replay(laptops, eid, tmp, plan,
                       lambda s, edit: _edit(s, eid, edit, expected))
        assert len({digest(s, eid) for s in laptops}) == 1
        logs = {(tuple((i.uuid, i.topics, i.elements) for i in site_log.interviews(s, eid)),
                 tuple((d.uuid, d.version) for d in site_log.documents(s, eid)))
                for s in laptops}
        assert len(logs) == 1  # the same log, in the same order, on every laptop
        assert len({score_json(s, eid) for s in laptops}) == 1
        for key, value in expected.items():
            assert _observed(laptops[0], eid, key) == (value or None if key[0] != "notes"
                                                       else value), key
        helpers.assert_nothing_left_to_merge(laptops, eid, tmp)

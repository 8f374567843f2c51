"""A richly rated engagement for the workbook tests, and checks that it is as rich as claimed.

Levels of every value, N/A, an element whose indicators are all N/A, unrated
indicators, every objective value and no objective, two assessors who agree,
disagree and were reconciled by consensus, enablers in every state, targets,
and user texts that a spreadsheet would take for formulas.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from workbench.core.engagement import Action, Assessor, EngagementDetails, FindingKind, Priority
from workbench.core.ratings import NA
from workbench.core.scoring import Source, Status, resolve_indicator, score_engagement
from workbench.services import actions, assessment, attachments, engagements
from workbench.services.session import Session
from workbench.storage.ratings import rating_set

LEAD = "Ana Lead"
SECOND = "Ben Second"
HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTabbed", "=1+1"]


def make_rich_engagement(session: Session, seed: int = 11) -> str:
    """Create the rich engagement described in the module docstring; return its id."""
    rng = random.Random(seed)
    eid = engagements.create(
        session, EngagementDetails(client='=HYPERLINK("http://x","Client")', site="+1 Site",
                                   title="@SUM(A1) maturity", lead_assessor=LEAD,
                                   start_date="2026-11-02", end_date="2026-11-04"),
        team=[Assessor(LEAD, "Lead assessor"), Assessor(SECOND, "Assessor")]).engagement_id
    framework = session.framework_of(eid)
    rate, judge = assessment.rate, assessment.judge
    d1 = framework.dimension_by_code["D1"].elements
    # D1.1: every level of the scale, objective fully achieved.
    for n, ind in enumerate(d1[0].indicators):
        rate(session, eid, ind.code, 1 + n % 5, LEAD)
    judge(session, eid, d1[0].code, "fully", LEAD)
    # D1.2: one N/A among levels, objective partially.
    for n, ind in enumerate(d1[1].indicators):
        rate(session, eid, ind.code, NA if n == 1 else 4, LEAD)
    judge(session, eid, d1[1].code, "partially", LEAD)
    # D1.3: every indicator N/A: the element leaves the applicable maximum.
    for ind in d1[2].indicators:
        rate(session, eid, ind.code, NA, LEAD)
    judge(session, eid, d1[2].code, "partially", LEAD)
    # D1.4: some unrated, objective not yet achieved.
    for ind in d1[3].indicators[:2]:
        rate(session, eid, ind.code, 5, LEAD)
    judge(session, eid, d1[3].code, "not_yet", LEAD)
    # D1.5: nothing at all.
    # D2: two assessors: agreement, disagreement, N/A against a level, consensus.
    for element in framework.dimension_by_code["D2"].elements:
        for n, ind in enumerate(element.indicators):
            mine = 1 + (n + len(element.code)) % 5
            rate(session, eid, ind.code, mine, LEAD)
            if n % 3 == 0:
                rate(session, eid, ind.code, mine, SECOND)  # agree
            elif n % 3 == 1:
                rate(session, eid, ind.code, NA if n == 1 else min(5, mine + 2), SECOND)
        judge(session, eid, element.code, "partially", LEAD)
        judge(session, eid, element.code, "fully" if element.code.endswith("2") else "partially",
              SECOND)
    d21 = framework.element_by_code["D2.1"]
    assessment.rate_consensus(session, eid, d21.indicators[1].code, 3, "Agreed on day two")
    assessment.rate_consensus(session, eid, d21.indicators[2].code, NA, "Not relevant here")
    assessment.judge_consensus(session, eid, "D2.1", "not_yet", "Agreed on day two")
    # D3 to D6: the lead alone, with a spread of values, N/A and gaps.
    keys = ["fully", "partially", "not_yet", None]
    for dim in ("D3", "D4", "D5", "D6"):
        for k, element in enumerate(framework.dimension_by_code[dim].elements):
            for ind in element.indicators:
                draw = rng.random()
                value = NA if draw < 0.08 else None if draw < 0.16 else rng.randint(1, 5)
                if value is not None:
                    rate(session, eid, ind.code, value, LEAD)
            key = keys[k % 4]
            if key is not None:
                judge(session, eid, element.code, key, LEAD)
    for ind in framework.element_by_code["D4.2"].indicators:  # a 50-point element all N/A
        rate(session, eid, ind.code, NA, LEAD)
    # Enablers: complete, all N/A, partly rated, untouched.
    enablers = framework.enablers
    for n, ind in enumerate(enablers[0].indicators):
        rate(session, eid, ind.code, 2 + n % 4, LEAD)
    for ind in enablers[1].indicators:
        rate(session, eid, ind.code, NA, LEAD)
    rate(session, eid, enablers[2].indicators[0].code, 5, LEAD)
    for code, level in (("D1.1", 4), ("D1.2", 5), ("D1.3", 3), ("D2.1", 3), ("D2.4", 4),
                        ("D5.3", 4), ("D6.1", 2)):
        assessment.set_target(session, eid, code, level)
    # Texts a spreadsheet would read as formulas, in every place the workbook shows text.
    for n, text in enumerate(HOSTILE):
        code = f"D1.{1 + n % 5}"
        assessment.set_notes(session, eid, code, text, LEAD)
        assessment.add_finding(session, eid, code, FindingKind.STRENGTH, text, LEAD)
        assessment.add_finding(session, eid, code, FindingKind.OPPORTUNITY, text, LEAD)
    assessment.set_indicator_note(session, eid, "D1.1.1", "=SUM(1,2)", LEAD)
    assessment.set_notes(session, eid, "D2.1", "Second view on the journey maps.", SECOND)
    assessment.set_notes(session, eid, "E1", "-Leadership sponsor named", LEAD)
    actions.add(session, eid, Action("D1.1", "=HYPERLINK(\"http://x\")", "+Owner",
                                     Priority.HIGH, "2027-01-31"))
    actions.add(session, eid, Action("E1", "Name a CX sponsor on the board", "CEO"))
    attachments.attach_bytes(session, eid, "D1.2", "@board-notes.txt", b"notes from the board",
                             caption="=cmd|' /C calc'!A0")
    return eid


@pytest.fixture(scope="module")
def rich_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A database holding the rich engagement, made once per test module."""
    path = tmp_path_factory.mktemp("rich") / "template.sqlite3"
    session = Session.open(path)
    try:
        eid = make_rich_engagement(session)
    finally:
        session.close()
    return path, eid


def copy_database(source: Path, target: Path) -> None:
    """Copy a closed database with SQLite's backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def edit_cells(path: Path, edits: dict[tuple[str, str], object], out: Path | None = None) -> Path:
    """Change cells of a workbook as an analyst would (sheet, cell) -> value; save to `out`."""
    wb = openpyxl.load_workbook(path)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell].value = value
    target = out or path
    wb.save(target)
    return target


def test_the_rich_engagement_covers_every_case(session: Session) -> None:
    eid = make_rich_engagement(session)
    framework = session.framework_of(eid)
    ratings = rating_set(session.db, eid)
    result = score_engagement(framework, ratings)
    statuses = {e.status for e in result.elements.values()}
    assert statuses == {Status.COMPLETE, Status.INCOMPLETE, Status.NOT_ASSESSED,
                        Status.NOT_APPLICABLE}
    assert result.applicable_max < result.max
    assert result.needs_consensus
    sources = {resolve_indicator(framework, ratings, code).source
               for code in framework.indicator_owner}
    assert sources == {Source.CONSENSUS, Source.AGREED, Source.MEAN, Source.UNRATED}
    objectives = {e.objective for e in result.elements.values()}
    assert {"fully", "partially", "not_yet", None} <= objectives
    enabler_statuses = {n.status for n in result.enablers.values()}
    assert {Status.COMPLETE, Status.NOT_APPLICABLE, Status.INCOMPLETE,
            Status.NOT_ASSESSED} <= enabler_statuses

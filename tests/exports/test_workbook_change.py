"""The workbook's Change sheet: the same figures as `workbench compare`, read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from workbench.core.display import percent_value, score_text
from workbench.services import assessment, comparison, engagements, workbook
from workbench.services.session import Session


def test_the_change_sheet_holds_the_comparison(session: Session, demo_id: str,
                                               tmp_path: Path) -> None:
    current = engagements.duplicate(session, demo_id).engagement_id
    for n in (1, 2, 3):
        assessment.rate_consensus(session, current, f"D2.6.{n}", 5, "Re-assessed")
    path = workbook.export(session, current, tmp_path / "now.xlsx")
    book = openpyxl.load_workbook(path)
    assert "Change" in book.sheetnames
    ws = book["Change"]
    assert ws["A1"].value == "Change since 2026-11-02"
    rows = {(r[0], r[1]): r for r in ws.iter_rows(min_row=5, values_only=True)}
    c = comparison.compare_engagements(session, demo_id, current).comparison
    d26 = next(e for e in c.elements if e.code == "D2.6")
    assert d26.points is not None and d26.points > 0 and d26.baseline and d26.current
    row = rows[("Element", "D2.6")]
    assert row[3] == float(score_text(d26.baseline.score))
    assert row[6] == float(score_text(d26.current.score))
    assert row[7] == percent_value(d26.current.percent)
    assert row[9] == float(score_text(d26.points)) and row[11] == "Yes"
    assert rows[("Total", "total")][9] == float(score_text(c.total.points or 0.0))
    unassessed = next(e for e in c.elements if e.state == "not_assessed")
    row = rows[("Element", unassessed.code)]
    assert row[5] == "Not assessed" and row[9] in ("", None) and row[11].startswith("No")
    assert len([k for k in rows if k[0] == "Element"]) == len(c.elements)
    # The workbook still imports back as the engagement it came from: no change read.
    preview = workbook.preview_import(session, path, current)
    assert not preview.has_changes


def test_no_change_sheet_without_a_baseline_or_for_one_assessor(
        session: Session, demo_id: str, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook.export(session, demo_id, tmp_path / "a.xlsx"))
    assert "Change" not in book.sheetnames
    current = engagements.duplicate(session, demo_id).engagement_id
    lead = engagements.details(session, current).lead_assessor
    own = workbook.export(session, current, tmp_path / "own.xlsx", assessor=lead)
    assert "Change" not in openpyxl.load_workbook(own).sheetnames

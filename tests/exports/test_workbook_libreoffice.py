"""LibreOffice recalculates the exported workbook: its formulas must give the core's scores.

Two LibreOffice runs in all: one recalculates a team and an assessor workbook of
a richly rated engagement; one re-saves a workbook whose levels an analyst
changed, as a spreadsheet program would, before it is imported back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.exports.test_workbook_fixtures import (  # noqa: F401 (fixtures)
    SECOND,
    copy_database,
    edit_cells,
    rich_template,
)
from workbench.core.display import percent_value
from workbench.core.framework import Framework
from workbench.core.ratings import NA
from workbench.core.scoring import ScoreResult, Status
from workbench.exports.workbook.layout import SUMMARY, TOTAL_ROW, Col, RowKind, layout_for
from workbench.services import scores, workbook
from workbench.services.session import Session

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                               "`.ci/run` installs libreoffice-calc-nogui"),
]
STATUS_TEXT = {Status.COMPLETE: "Complete", Status.INCOMPLETE: "Incomplete",
               Status.NOT_ASSESSED: "Not assessed", Status.NOT_APPLICABLE: "Not applicable"}


@pytest.fixture
def db_path(tmp_path: Path, rich_template: tuple[Path, str]) -> Path:  # noqa: F811
    path = tmp_path / "workbench.sqlite3"
    copy_database(rich_template[0], path)
    return path


@pytest.fixture
def rich(session: Session, rich_template: tuple[Path, str]) -> str:  # noqa: F811
    return rich_template[1]


def recalculate(files: list[Path], out: Path) -> list[Path]:
    """Open and re-save the files in LibreOffice, which recalculates every formula."""
    assert SOFFICE is not None
    out.mkdir(exist_ok=True)
    profile = out.parent / f"lo-profile-{os.getpid()}"
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "xlsx", "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=180)
    results = [out / f.name for f in files]
    assert all(p.exists() for p in results), done.stdout + done.stderr
    return results


def _close(got: Any, want: float | None, what: str) -> None:
    if want is None:
        assert got in (None, ""), what
    else:
        assert isinstance(got, (int, float)), (what, got)
        # LibreOffice stores 15 significant digits.
        assert got == pytest.approx(want, rel=1e-12, abs=1e-12), what


def _shown(percent: float | None) -> float | None:
    """The percent as the app shows it (core.display): the workbook shows the same."""
    shown = percent_value(percent)
    return None if shown is None else float(shown)


def _level(got: Any, want: int | None, percent: float | None, framework: Framework,
           what: str) -> None:
    if want is None:
        assert got in (None, ""), what
        return
    assert percent is not None
    near = [b.level for b in framework.bands if abs(percent - b.min_percent) < 1e-9]
    if near:
        # On a band's exact edge the last bit of a float decides; either side is fair.
        assert got in (want, *near, *(n - 1 for n in near)), what
    else:
        assert got == want, what


def assert_workbook_matches(path: Path, result: ScoreResult, framework: Framework) -> int:
    """Every element, dimension, category, total and enabler figure equals the core's."""
    wb = openpyxl.load_workbook(path, data_only=True)
    layout = layout_for(framework)
    checked = 0
    for sheet in layout.dimensions:
        ws = wb[sheet.name]
        for spec in sheet.rows:
            if spec.kind is not RowKind.ELEMENT:
                continue
            e = result.elements[spec.code]
            r = spec.row
            _close(ws[f"{Col.SCORE}{r}"].value, e.score, f"{spec.code} score")
            blank = e.status is Status.NOT_ASSESSED  # "Not assessed": no 0 %, no level 1
            _close(ws[f"{Col.PERCENT}{r}"].value, None if blank else _shown(e.percent),
                   f"{spec.code} percent")
            _close(ws[f"{Col.APPLICABLE}{r}"].value,
                   0.0 if e.status is Status.NOT_APPLICABLE else e.points, spec.code)
            _level(ws[f"{Col.LEVEL}{r}"].value, None if blank else e.level, e.percent,
                   framework, spec.code)
            status = str(ws[f"{Col.STATUS}{r}"].value)
            assert status.startswith(STATUS_TEXT[e.status]), (spec.code, status, e.status)
            assert ("needs consensus" in status) == e.needs_consensus, (spec.code, status)
            if not e.objective_judged:  # "Not judged", never read as "Not yet achieved"
                judged = ws[f"D{sheet.objective_row(spec.code).row}"].value
                assert judged == "Not judged", (spec.code, judged)
            checked += 1
        d = result.dimensions[sheet.code]
        t = TOTAL_ROW
        _close(ws[f"{Col.SCORE}{t}"].value, d.score, f"{sheet.code} score")
        _close(ws[f"{Col.POINTS}{t}"].value, d.max, f"{sheet.code} max")
        _close(ws[f"{Col.APPLICABLE}{t}"].value, d.applicable_max, f"{sheet.code} applicable")
        _close(ws[f"{Col.PERCENT}{t}"].value, _shown(d.percent), f"{sheet.code} percent")
        _level(ws[f"{Col.LEVEL}{t}"].value, d.level, d.percent, framework, sheet.code)
        assert ws[f"{Col.TARGET}{t}"].value in ((None, "") if d.target is None else (d.target,))
        checked += 1
    summary = wb[SUMMARY]
    cells = {summary[f"A{r}"].value: r for r in range(1, summary.max_row + 1)
             if summary[f"A{r}"].value}
    value_row = cells["Result"] + 2
    _close(summary[f"C{value_row}"].value, result.total, "total")
    _close(summary[f"D{value_row}"].value, result.max, "max")
    _close(summary[f"E{value_row}"].value, result.applicable_max, "applicable max")
    _close(summary[f"F{value_row}"].value, result.normalized_total, "normalized")
    _level(summary[f"G{value_row}"].value, result.level, result.percent, framework, "level")
    for dim in framework.dimensions:
        row = next(r for r in range(cells["Dimensions"], summary.max_row + 1)
                   if summary[f"A{r}"].value == dim.code)
        _close(summary[f"C{row}"].value, result.dimensions[dim.code].score, dim.code)
    for category in framework.categories:
        row = cells[category.id.title()]
        c = result.categories[category.id]
        _close(summary[f"C{row}"].value, c.score, category.id)
        _close(summary[f"E{row}"].value, c.applicable_max, category.id)
        _close(summary[f"F{row}"].value, _shown(c.percent), category.id)
        checked += 1
    assert (layout.enablers is None) == (not framework.enablers)
    ws = wb[layout.enablers.name] if layout.enablers is not None else None
    for enabler in framework.enablers:
        assert ws is not None and layout.enablers is not None
        n = result.enablers[enabler.code]
        r = layout.enablers.head_row(enabler.code).row
        blank = n.status is Status.NOT_ASSESSED
        _close(ws[f"{Col.PERCENT}{r}"].value, None if blank else _shown(n.percent),
               enabler.code)
        _level(ws[f"{Col.LEVEL}{r}"].value, None if blank else n.level, n.percent, framework,
               enabler.code)
        assert str(ws[f"{Col.STATUS}{r}"].value) == STATUS_TEXT[n.status], enabler.code
        checked += 1
    return checked


def test_libreoffice_recalculates_every_score_as_the_core_does(
        session: Session, rich: str, tmp_path: Path, framework: Framework) -> None:
    team = workbook.export(session, rich, tmp_path / "team.xlsx")
    ben = workbook.export(session, rich, tmp_path / "ben.xlsx", assessor=SECOND)
    team_out, ben_out = recalculate([team, ben], tmp_path / "lo")
    checked = assert_workbook_matches(team_out, scores.score(session, rich), framework)
    assert checked == 32 + 6 + 2 + 5
    assert_workbook_matches(ben_out, scores.score(session, rich, SECOND), framework)
    # The recalculated, re-saved workbook still imports as no change at all.
    assert workbook.preview_import(session, team_out).is_empty
    assert workbook.preview_import(session, ben_out).is_empty


def test_levels_changed_and_resaved_in_libreoffice_import_as_exactly_those_changes(
        session: Session, rich: str, tmp_path: Path, framework: Framework) -> None:
    path = workbook.export(session, rich, tmp_path / "edited.xlsx")
    sheet = layout_for(framework).dimensions[0]
    name = sheet.name
    d11 = sheet.indicator_rows("D1.1")
    d13 = sheet.indicator_rows("D1.3")  # all N/A: rating one makes the element applicable
    edit_cells(path, {(name, f"C{d11[0].row}"): 3, (name, f"C{d11[1].row}"): "N/A",
                      (name, f"C{d13[0].row}"): 5,
                      (name, f"C{sheet.objective_row('D1.4').row}"): "Fully achieved"})
    (resaved,) = recalculate([path], tmp_path / "lo")
    preview = workbook.preview_import(session, resaved)
    changes = {(str(c.field), c.code): (c.old, c.new)
               for g in preview.elements for c in g.changes}
    assert changes == {("level", d11[0].code): (1, 3), ("level", d11[1].code): (2, NA),
                       ("level", d13[0].code): (NA, 5),
                       ("objective", "D1.4"): ("not_yet", "fully")}
    workbook.apply_import(session, preview)
    # What LibreOffice computed from the edited levels is what the core now computes.
    assert_workbook_matches(resaved, scores.score(session, rich), framework)

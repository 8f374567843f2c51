"""The report's "Change since <baseline date>" section, read back page by page with poppler.

The demo is re-assessed in 2027 (against 2026) and in 2028 (against 2027), as a user does it
through the services; the reports are exported as a user exports them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from tests.tools.report_pngs import reassess
from workbench.core.display import score_text
from workbench.services import comparison, report
from workbench.services.demo import create_demo
from workbench.services.session import Session


def text_of(pdf: Path) -> str:
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed for these tests"
    assert len(pypdf.PdfReader(pdf).pages) >= 1
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True)
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


@dataclass(frozen=True)
class Years:
    first: str
    second: str
    third: str
    texts: dict[str, str]
    reports: dict[str, comparison.ComparisonReport]


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Years]:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        session = Session.open(home / "years.sqlite3")
        try:
            first = create_demo(session)
            second = reassess(session, first, 2027, {
                "D2.6.1": 5, "D2.6.2": 5, "D2.6.3": 5, "D4.1.1": 5, "D4.1.2": 5, "D4.1.3": 5,
                "D5.3.1": 1, "D5.3.2": 1, "D5.3.3": 1})
            third = reassess(session, second, 2028, {"D3.1.1": 1, "D6.1.1": 5})
            texts = {}
            for name, eid in (("first", first), ("second", second), ("third", third)):
                pdf = home / f"{name}.pdf"
                report.export(session, eid, pdf, deterministic=True,
                              sections=["summary", "profile", "change", "actions"])
                texts[name] = text_of(pdf)
            reports = {"second": comparison.compare_engagements(session, first, second),
                       "third": comparison.compare_engagements(session, second, third)}
            yield Years(first, second, third, texts, reports)
        finally:
            session.close()


def test_the_section_is_titled_by_the_baseline_date_and_numbered(years: Years) -> None:
    text = years.texts["second"]
    assert "3 Change since 2 November 2026" in text  # after summary (1) and profile (2)
    assert "4 Improvement plan" in text
    assert "Change since" not in years.texts["first"]  # no baseline: no section, no gap
    assert "3 Improvement plan" in years.texts["first"]


def test_the_written_summary_gives_the_figures_of_the_comparison(years: Years) -> None:
    text = years.texts["second"]
    c = years.reports["second"].comparison
    t = c.total
    assert t.points is not None and t.baseline and t.current
    verb = "rose" if t.points > 0 else "fell"
    assert (f"Since 2 November 2026 the total {verb} by {score_text(abs(t.points))} points, "
            f"from {score_text(t.baseline.score)} to {score_text(t.current.score)}") in text
    gains, falls = c.largest(3)
    assert gains[0].code in ("D4.1", "D2.6") and falls[0].code == "D5.3"
    assert f"The largest gains were in {gains[0].code} {gains[0].name}" in text
    fall = score_text(abs(falls[0].points or 0))
    assert f"The largest fall was in D5.3 Customer Loyalty (−{fall}" in text
    assert "Of the 5 improvement actions agreed at the baseline" in text


def test_dimension_changes_and_elements_that_moved_a_level(years: Years) -> None:
    text = years.texts["second"]
    c = years.reports["second"].comparison
    assert "Dimension changes" in text
    d2 = next(d for d in c.dimensions if d.code == "D2")
    assert "D2 Design" in text and f"▲ +{score_text(d2.points or 0)}" in text
    moved = [e for e in c.elements if e.levels]
    assert moved
    assert "Elements that moved a level or more" in text
    for e in moved:
        assert f"{e.code} {e.name}" in text
    assert "No element moved by a whole level" not in text


def test_last_years_actions_with_their_status_then_and_now(years: Years) -> None:
    text = years.texts["third"]
    assert "Last year's improvement actions" in text
    actions = years.reports["third"].actions
    assert len(actions) == 5 and {str(a.status) for a in actions} == {"done", "in_progress",
                                                                      "open"}
    assert "Commission a segment-level study" in text


def test_a_trend_only_with_three_linked_assessments(years: Years) -> None:
    assert "Trend over 3 assessments" in years.texts["third"]
    assert "Trend over" not in years.texts["second"]
    for year in ("2026", "2027", "2028"):
        assert year in years.texts["third"]

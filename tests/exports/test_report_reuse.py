"""What the report build keeps between reports (styles, parsed paragraphs, laid-out lines)
never changes a report: the same PDF, byte for byte, with the kept work and without it."""

from __future__ import annotations

from pathlib import Path

from workbench.exports.report import build_report, styles, writing
from workbench.services import brands, report
from workbench.services.demo import create_demo
from workbench.services.session import Session


def forget() -> None:
    styles.styles_for.cache_clear()
    writing._PARSED.clear()
    writing._LINES.clear()


def test_a_report_is_the_same_with_and_without_the_kept_work(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "reuse.sqlite3")
    try:
        first, second = create_demo(session), create_demo(session)
        brand = brands.resolve(None)
        forget()
        fresh = build_report(report.report_input(session, first), brand, deterministic=True)
        other = build_report(report.report_input(session, second), brand, deterministic=True)
        again = build_report(report.report_input(session, first), brand, deterministic=True)
        assert len(writing._LINES) and len(writing._PARSED)  # work was kept and reused
        assert again.pdf == fresh.pdf
        forget()
        assert build_report(report.report_input(session, second), brand,
                            deterministic=True).pdf == other.pdf
    finally:
        session.close()

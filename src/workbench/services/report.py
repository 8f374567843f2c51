"""Exporting an engagement's branded PDF report (`workbench export pdf`, the export dialog)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import replace
from functools import partial
from pathlib import Path

from platformdirs import user_cache_path

from workbench.core.canonical import content_hash
from workbench.core.files import check_output_target, write_atomically
from workbench.core.progress import Progress, no_progress
from workbench.exports.report import (
    SECTIONS,
    PhotoCache,
    PhotoSource,
    ReportInput,
    ReportResult,
    SignOffInfo,
    build_report,
    check_sections,
)
from workbench.services import (
    attachments,
    brands,
    comparison,
    engagements,
    scores,
    working_papers,
)
from workbench.services.session import Session

__all__ = ["SECTIONS", "export", "export_with_result", "photo_cache_dir", "report_input"]


def photo_cache_dir() -> Path:
    """Where downscaled report photos are kept between exports."""
    return user_cache_path("assessor-workbench", appauthor=False) / "report-photos"


def report_input(session: Session, engagement_id: str, *, deterministic: bool = False,
                 signoff: SignOffInfo | None = None) -> ReportInput:
    """Everything the report shows, loaded from the database as core types."""
    doc = engagements.document(session, engagement_id)
    framework = session.framework_of(engagement_id)
    result = scores.score(session, engagement_id)
    photos = [PhotoSource(a.element, a.filename, a.caption, a.sha256,
                          partial(attachments.content, session, engagement_id, a.id))
              for a in doc.attachments if a.is_image]
    details = doc.details
    if deterministic:
        # The issue date must not depend on the day the test runs.
        day = details.end_date or details.start_date
        issued = dt.date.fromisoformat(day) if day else dt.date(2000, 1, 1)
    else:
        issued = dt.date.today()
    return ReportInput(document=doc, framework=framework, score=result, issued=issued,
                       photos=photos, signoff=signoff,
                       content_hash=content_hash(doc, framework),
                       change=comparison.change_input(session, engagement_id))


def export_with_result(session: Session, engagement_id: str, path: Path,
                       brand: str | None = None, sections: Collection[str] | None = None,
                       progress: Progress = no_progress, deterministic: bool = False,
                       signoff: SignOffInfo | None = None, pdfa: bool = False,
                       include_working_papers: bool = False) -> ReportResult:
    """Write the report to `path` atomically and return what was built (pages, warnings);
    `pdfa`: as PDF/A-2b, checked by pikepdf's validator before it is written;
    `include_working_papers`: a signed engagement's full canonical JSON (each assessor's
    ratings) attached, as PDF/A-3b with `pdfa`."""
    chosen = check_sections(sections)  # before any work: a typo fails at once
    check_output_target(path)
    if signoff is None:  # a signed-off engagement's report shows its sign-off, not DRAFT
        from workbench.services.signoff_page import signoff_info

        signoff = signoff_info(session, engagement_id)
    # Refused before any work unless the engagement is signed off.
    papers = (working_papers.working_papers(session, engagement_id),) \
        if include_working_papers else ()
    data = report_input(session, engagement_id, deterministic=deterministic, signoff=signoff)
    data = replace(data, embedded_files=papers)
    profile = brands.resolve(brand or data.document.details.brand)
    result = build_report(data, profile, sections=chosen, deterministic=deterministic,
                          progress=progress, photo_cache=PhotoCache(photo_cache_dir()),
                          pdfa=pdfa)
    write_atomically(path, result.pdf)
    return result


def export(session: Session, engagement_id: str, path: Path, brand: str | None = None,
           sections: Collection[str] | None = None, progress: Progress = no_progress,
           deterministic: bool = False, pdfa: bool = False) -> Path:
    """Write the engagement's PDF report to `path` (nothing is left behind on failure)."""
    export_with_result(session, engagement_id, Path(path), brand, sections, progress,
                       deterministic, pdfa=pdfa)
    return Path(path)

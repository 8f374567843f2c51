"""Exporting an engagement's editable Word report (`workbench export docx`, File ▸ Export).

The same sections and words as the PDF (one report model); a Word copy is never signed:
its sign-off page names the signed PDF's revision and content hash.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from workbench.core.files import check_output_target, write_atomically
from workbench.core.progress import Progress, no_progress
from workbench.exports.report import PhotoCache, build_document, check_sections
from workbench.services import brands
from workbench.services.report import photo_cache_dir, report_input
from workbench.services.session import Session


@dataclass(frozen=True)
class WordResult:
    path: Path
    headings: int
    warnings: tuple[str, ...]


def export_docx(session: Session, engagement_id: str, path: Path, brand: str | None = None,
                sections: Collection[str] | None = None,
                progress: Progress = no_progress) -> WordResult:
    """Write the Word report to `path` atomically (nothing is left behind on failure)."""
    from workbench.exports.docx import write_docx  # python-docx only when it is needed
    from workbench.services.signoff_page import signoff_info

    chosen = check_sections(sections)
    path = Path(path)
    check_output_target(path)
    data = report_input(session, engagement_id,
                        signoff=signoff_info(session, engagement_id))
    profile = brands.resolve(brand or data.document.details.brand)
    document = build_document(data, profile, sections=chosen, progress=progress,
                              photo_cache=PhotoCache(photo_cache_dir()))
    content = write_docx(document, profile, progress)
    write_atomically(path, content)
    progress(1.0, "Word report written")
    return WordResult(path, len(document.headings()), tuple(document.warnings))

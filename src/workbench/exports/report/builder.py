"""Assembling the report: the sections' model in order (build_document, for any writer),
and the PDF from it: contents and bookmarks, page X of Y, attachments (build_report)."""

from __future__ import annotations

import io
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Flowable, NextPageTemplate, PageBreak, Spacer

from workbench.core.errors import InvalidValueError, WorkbenchError
from workbench.core.progress import Progress, no_progress
from workbench.exports.brand import Brand
from workbench.exports.report import document as m
from workbench.exports.report import pdf_render
from workbench.exports.report import sections as sec
from workbench.exports.report.archive import finish_pdf
from workbench.exports.report.blocks import section_end
from workbench.exports.report.change import change_section
from workbench.exports.report.context import EndOfBlock, format_date
from workbench.exports.report.cover import cover_model, draw_cover
from workbench.exports.report.document import Document
from workbench.exports.report.evidence import applies as evidence_applies
from workbench.exports.report.evidence import evidence_appendix
from workbench.exports.report.flowables import Contents, ContentsEntry
from workbench.exports.report.model import SECTION_IDS, ReportInput
from workbench.exports.report.photos import PhotoCache, PhotoProblem
from workbench.exports.report.styles import (
    PageChrome,
    numbered_canvas,
    page_templates,
    styles_for,
)
from workbench.exports.report.team import applies as team_applies
from workbench.exports.report.team import team_section

# Sections numbered in the headings and the contents, in their order in the report.
NUMBERED = ("summary", "profile", "change", "dimensions", "actions", "team", "methodology",
            "signoff")


@dataclass(frozen=True)
class ReportResult:
    """What was built: the PDF's bytes, its number of pages, and what the user should know."""

    pdf: bytes
    pages: int
    warnings: tuple[str, ...]


class _ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """Turns headings into contents entries and PDF bookmarks as they are laid out."""

    def __init__(self, *args: Any, contents: Contents, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_total = 0
        self.contents = contents
        self.running: str | None = None  # the element whose findings are being laid out

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, EndOfBlock):
            self.running = None
        if isinstance(flowable, sec.Heading):
            key = flowable.key
            if key.startswith(("element-", "enabler-")):
                self.running = flowable.plain
            elif flowable.outline_level <= 1:
                self.running = None
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, flowable.outline_level,
                                      closed=flowable.outline_level >= 1)
            if flowable.in_contents and flowable.outline_level <= 1:
                self.contents.entries.append(ContentsEntry(flowable.outline_level,
                                                           flowable.plain, self.page, key))

    def afterPage(self) -> None:
        self.page_total = max(self.page_total, self.page)


def check_sections(sections: Collection[str] | None) -> frozenset[str]:
    """The chosen section ids (all when None); InvalidValueError naming an unknown one."""
    if sections is None:
        return frozenset(SECTION_IDS)
    chosen = frozenset(s.strip() for s in sections if s.strip())
    unknown = sorted(chosen - set(SECTION_IDS))
    if unknown:
        raise InvalidValueError(f"unknown report section {', '.join(unknown)}; the sections "
                                f"are {', '.join(SECTION_IDS)}")
    if not chosen - {"cover", "contents"}:
        raise InvalidValueError("choose at least one section with content (summary, profile, "
                                "dimensions, actions, methodology, signoff or evidence)")
    return chosen


def build_report(data: ReportInput, brand: Brand, *, sections: Collection[str] | None = None,
                 deterministic: bool = False, progress: Progress = no_progress,
                 photo_cache: PhotoCache | None = None, pdfa: bool = False) -> ReportResult:
    """Build the report as PDF bytes (PDF/A-2b, or 3b with files, when `pdfa`). Raises
    WorkbenchError for anything the user can fix."""
    chosen = check_sections(sections)
    progress = _rising(progress)
    ctx, document = _prepare(data, brand, chosen, progress, photo_cache)
    styles = ctx.styles

    d = data.document.details
    chrome = PageChrome(
        title=document.title, client=document.client,
        confidentiality=document.confidentiality, footer=document.footer,
        signed_line=(f"Signed off · revision {data.signoff.revision} · SHA-256 "
                     f"{data.signoff.content_hash}" if data.signoff is not None else None),
        draft=data.signoff is None, cover_page="cover" in chosen)
    buffer = io.BytesIO()
    doc = _ReportDoc(
        buffer, pagesize=(styles.geometry.width, styles.geometry.height),
        leftMargin=styles.geometry.left, rightMargin=styles.geometry.right,
        topMargin=styles.geometry.top, bottomMargin=styles.geometry.bottom,
        title=f"{d.client}: {d.title or brand.cover_title}", author=brand.firm_name,
        subject=brand.cover_title, creator="Assessor Workbench",
        keywords=_keywords(data),
        invariant=1 if deterministic else 0, pageCompression=1,
        lang="en", contents=ctx.contents, initialFontName=styles.fonts.regular)
    cover_page = document.cover
    cover = (lambda canvas: draw_cover(canvas, styles, cover_page, document.confidentiality)) \
        if cover_page is not None else None
    doc.addPageTemplates(page_templates(styles, chrome, cover))

    passes = {"size": 1}

    def on_layout(kind: str, value: int) -> None:
        # ReportLab reports the number of flowables, then each one as it is placed.
        if kind == "SIZE_EST":
            passes["size"] = max(1, value)
        elif kind == "PROGRESS":
            done = value / passes.get("size", 1)
            progress(min(0.95, 0.5 + 0.45 * done), "Laying out the pages")

    doc.setProgressCallBack(on_layout)
    def finish_page(canvas: Any, number: int) -> None:
        if number == ctx.contents.page:
            ctx.contents.draw(canvas, styles)

    canvasmaker = numbered_canvas(styles, chrome, finish_page)
    flowables = _render(ctx, document)
    # Streams compressed only (not also ASCII85-encoded, ReportLab's default): the last pass
    # (archive.finish_pdf) then copies them as they are instead of decoding them again.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        # One layout pass: the contents page is drawn when the document is saved.
        doc.build(flowables, canvasmaker=canvasmaker)
    except WorkbenchError:
        raise
    except Exception as exc:
        # ReportLab's LayoutError and friends: say what failed instead of a traceback.
        raise WorkbenchError(f"the report could not be laid out ({type(exc).__name__}: "
                             f"{str(exc)[:300]})") from exc
    finally:
        rl_config.useA85 = a85
    pdf = buffer.getvalue()
    progress(0.97, "Writing PDF/A" if pdfa else "Attaching files and metadata")
    pdf = finish_pdf(pdf, data.embedded_files, pdfa=pdfa, deterministic=deterministic)
    progress(1.0, "Report written")
    return ReportResult(pdf, doc.page_total, tuple(document.warnings))


def build_document(data: ReportInput, brand: Brand, *,
                   sections: Collection[str] | None = None, progress: Progress = no_progress,
                   photo_cache: PhotoCache | None = None) -> Document:
    """The report model (for the Word report): the same sections, the same words as the
    PDF, which is rendered from the same model."""
    _, document = _prepare(data, brand, check_sections(sections), _rising(progress),
                           photo_cache)
    progress(0.6, "Sections written")
    return document


def copy_notice(data: ReportInput) -> str:
    """What an editable copy says about itself: never signed; the signed original is the PDF."""
    sign = data.signoff
    if sign is not None:
        return (f"This Word document is an editable copy and is not signed. The signed "
                f"original is the PDF report, revision {sign.revision}, signed off on "
                f"{format_date(sign.signed_on)}, content hash (SHA-256) {sign.content_hash}.")
    digest = f" Content hash (SHA-256) of its data: {data.content_hash}." \
        if data.content_hash else ""
    return ("This Word document is an editable copy of a draft report and is not signed; "
            "a signed original is only ever a PDF report." + digest)


def _prepare(data: ReportInput, brand: Brand, chosen: frozenset[str], progress: Progress,
             photo_cache: PhotoCache | None) -> tuple[sec.Context, Document]:
    """The sections' context (numbers, photos) and the report model."""
    styles = styles_for(brand)
    ctx = sec.Context(data, styles, chosen)
    n = 0
    for section in NUMBERED:
        if section == "team" and not team_applies(data):
            continue  # one assessor: no such section, and no gap in the numbers
        if section == "change" and data.change is None:
            continue  # no baseline: likewise
        if section in chosen:
            n += 1
            ctx.numbers[section] = n

    progress = _rising(progress)
    progress(0.02, "Preparing the photographs")
    if "photos" in chosen and "dimensions" in chosen:
        _prepare_photos(ctx, photo_cache or PhotoCache(), progress)

    progress(0.45, "Writing the sections")
    story = _story(ctx, progress)
    if not story:
        raise InvalidValueError("the chosen sections have nothing to show for this engagement "
                                "(the team section needs two or more assessors who rated, "
                                "the evidence appendix a site-visit log); choose another "
                                "section too")
    d = data.document.details
    document = Document(title=d.title or brand.cover_title, client=d.client,
                        firm=brand.firm_name,
                        cover=cover_model(data, brand) if "cover" in chosen else None,
                        blocks=story, footer=brand.footer_for(d.client),
                        confidentiality=brand.confidentiality_for(d.client),
                        copy_notice=copy_notice(data), warnings=list(ctx.warnings))
    return ctx, document


def _render(ctx: sec.Context, document: Document) -> list[Flowable]:
    """The model's flowables, after the cover's page."""
    out: list[Flowable] = []
    if document.cover is not None:
        # The cover is drawn by its page template; this only moves on to the body pages.
        out += [Spacer(1, 1), NextPageTemplate("body"), PageBreak()]
    out += pdf_render.flowables(ctx, document.blocks)
    while out and isinstance(out[-1], PageBreak):
        out.pop()  # no blank last page
    return out


def _keywords(data: ReportInput) -> str:
    """The PDF's keywords: what the report is about, for a search tool or an archive."""
    d = data.document.details
    state = "signed off" if data.signoff is not None else "draft"
    words = ["customer experience", "maturity assessment", d.client, d.site,
             data.framework.name, state, f"engagement {data.document.id or ''}".strip()]
    return ", ".join(w.replace(",", " ") for w in words if w and w.strip())


def _rising(progress: Progress) -> Progress:
    """The same reporter, but never going backwards (layout estimates can shrink)."""
    highest = [0.0]

    def report(fraction: float, message: str) -> None:
        highest[0] = max(highest[0], min(1.0, fraction))
        progress(highest[0], message)

    return report


def _prepare_photos(ctx: sec.Context, cache: PhotoCache, progress: Progress) -> None:
    known = set(ctx.data.framework.element_by_code) | set(ctx.data.framework.enabler_by_code)
    photos = [p for p in ctx.data.photos if p.element in known]

    def done(count: int) -> None:
        progress(0.02 + 0.43 * count / max(1, len(photos)),
                 f"Prepared photo {count} of {len(photos)}")

    for photo, item in zip(photos, cache.get_many(photos, done), strict=True):
        if isinstance(item, PhotoProblem):
            ctx.warnings.append(f"photo not shown: {item.message}")
        ctx.photos.setdefault(photo.element, []).append(item)


def _story(ctx: sec.Context, progress: Progress) -> list[m.Block]:
    chosen = ctx.sections
    story: list[m.Block] = []
    if "contents" in chosen:
        story += sec.contents(ctx)
    if "summary" in chosen:
        story += sec.executive_summary(ctx)
    if "profile" in chosen:
        story += sec.maturity_profile(ctx)
    if "change" in chosen and ctx.data.change is not None:
        story += change_section(ctx, ctx.data.change)
    if "dimensions" in chosen:
        story += sec.dimensions(ctx, lambda f: progress(0.45 + 0.05 * f, "Writing the findings"))
    if "actions" in chosen:
        story += sec.improvement_plan(ctx)
    if "team" in chosen:
        story += team_section(ctx)
    if "methodology" in chosen:
        story += sec.methodology(ctx)
    if "signoff" in chosen:
        story += sec.sign_off(ctx)
    if "evidence" in chosen and evidence_applies(ctx):
        if story:
            story.append(section_end())  # as every section: a new page unless most is free
        story += evidence_appendix(ctx)
    while story and isinstance(story[-1], m.PageBreak):
        story.pop()  # no blank last page
    return story

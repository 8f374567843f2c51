"""The appendix "Scope and evidence base": the site-visit log (core.site_log) as two tables,
the interviews held (people by role) and the documents reviewed, with the elements each one
informed. Left out when the log is empty."""

from __future__ import annotations

from reportlab.lib.units import mm

from workbench.core.site_log import Interview, ReviewedDocument
from workbench.exports.report import document as m
from workbench.exports.report.blocks import CellValue, data_table, gap, head, keep, need, sub
from workbench.exports.report.context import Context, format_date
from workbench.exports.report.richtext import plain
from workbench.exports.report.text import bounded, join_words, plural

NUMBER = "A"  # the first appendix
MAX_TOPICS_CHARS = 1500  # the full text stays in the workbench and the workbook


def applies(ctx: Context) -> bool:
    doc = ctx.data.document
    return bool(doc.interviews or doc.documents)


def _people(item: Interview) -> m.Para:
    """Each person's role on a line of its own, the name on the next: the report speaks of
    roles, and the name shows who held it."""
    runs: list[m.Run] = []
    for n, person in enumerate(item.people):
        if person.role:
            runs.append(m.Run(person.role, bold=True, line_break=n > 0))
            runs.append(m.Run(person.name, line_break=True))
        else:
            runs.append(m.Run(person.name, line_break=n > 0))
    return m.Para(tuple(runs), "cell")


def _elements(codes: tuple[str, ...]) -> str:
    return ", ".join(codes) or "–"


def _interviews(ctx: Context, items: list[Interview]) -> list[m.Block]:
    w = ctx.width
    ordered = sorted(items, key=lambda i: (i.held_on is None, i.held_on or ""))
    rows: list[list[CellValue]] = []
    for item in ordered:
        topics, cut = bounded(item.topics, MAX_TOPICS_CHARS)
        rows.append([format_date(item.held_on) or "Undated", _people(item),
                     topics + (" …" if cut else ""), _elements(item.elements)])
    table = data_table(ctx.styles, ["Date", "People (role and name)", "Topics",
                                    "Elements informed"], rows,
                       [32 * mm, 50 * mm, w - 32 * mm - 50 * mm - 30 * mm, 30 * mm])
    return _titled(f"Interviews ({len(items)})", table)


def _documents(ctx: Context, items: list[ReviewedDocument]) -> list[m.Block]:
    w = ctx.width
    files = {a.id: a.filename for a in ctx.data.document.attachments}
    rows: list[list[CellValue]] = []
    for item in items:
        attached = item.attachment_id is not None and item.attachment_id in files
        rows.append([item.title, item.owner or "–", item.version or "–",
                     _elements(item.elements),
                     f"Attached: {files[item.attachment_id]}" if attached  # type: ignore[index]
                     else "–"])
    table = data_table(ctx.styles, ["Document", "Owner", "Version or date",
                                    "Elements supported", "On file"], rows,
                       [w - 34 * mm - 26 * mm - 30 * mm - 32 * mm, 34 * mm, 26 * mm, 30 * mm,
                        32 * mm])
    return _titled(f"Documents reviewed ({len(items)})", table)


def _titled(title: str, table: m.Table) -> list[m.Block]:
    """A title over a table that may run on over pages: never alone at a page's foot, and
    the table starts under it rather than leave the page empty."""
    if len(table.rows) <= 3:
        return [keep(sub(title), table)]
    return [need(45), m.Heading(4, title, style="h4_open"), table]


def _lead(items: list[Interview], documents: list[ReviewedDocument]) -> str:
    people = {(p.name.strip().casefold(), p.role.strip().casefold())
              for i in items for p in i.people}
    parts = []
    if items:
        parts.append(f"{plural(len(items), 'interview')} with "
                     f"{plural(len(people), 'person', 'people')}")
    if documents:
        parts.append(f"{plural(len(documents), 'document')} the client provided")
    return (f"The ratings in this report rest on what the assessors heard and read during the "
            f"assessment: {join_words(parts)}. Each entry names the elements it informed, so a "
            "reader can trace a finding back to its sources.")


def evidence_appendix(ctx: Context) -> list[m.Block]:
    """The appendix, or nothing when the site-visit log is empty."""
    if not applies(ctx):
        return []
    doc = ctx.data.document
    interviews, documents = list(doc.interviews), list(doc.documents)
    out: list[m.Block] = [
        keep(head(ctx, "Scope and evidence base", 1, "evidence", NUMBER),
             plain("Appendix: the interviews held and the documents reviewed.", "h1_sub"),
             plain(_lead(interviews, documents), "body")),
        gap(2)]
    if interviews:
        out += _interviews(ctx, interviews)
        out.append(gap(4))
    if documents:
        out += _documents(ctx, documents)
    return out

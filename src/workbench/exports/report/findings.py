"""Findings by dimension: each dimension's result, each element's ratings and evidence."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence

from reportlab.lib.units import mm

from workbench.core.engagement import ElementEvidence
from workbench.core.framework import Dimension, Element, Enabler, Indicator
from workbench.core.scoring import Resolved, Source, Status
from workbench.exports.report import document as m
from workbench.exports.report.blocks import (
    CellValue,
    bullets,
    data_table,
    facts,
    gap,
    head,
    keep,
    level_chip,
    need,
    section_end,
    section_title,
    sub,
)
from workbench.exports.report.context import (
    NOT_JUDGED,
    STATUS_WORDS,
    Context,
    format_date,
    level_text,
    shown_level,
    shown_percent,
    unassessed,
)
from workbench.exports.report.photos import PreparedPhoto
from workbench.exports.report.richtext import plain, rich
from workbench.exports.report.text import (
    bounded,
    fmt_percent,
    fmt_points,
    fmt_score,
    markup,
    paragraphs,
    plural,
)

# ---------------------------------------------------------------- dimensions and elements


def _evidence_by_element(ctx: Context) -> dict[str, list[ElementEvidence]]:
    found: dict[str, list[ElementEvidence]] = defaultdict(list)
    order = {a.name: i for i, a in enumerate(ctx.data.document.assessors)}
    for item in ctx.data.document.evidence:
        found[item.element].append(item)
    for items in found.values():
        items.sort(key=lambda e: (order.get(e.assessor, 99), e.assessor))
    return found


def _rating_cell(ctx: Context, value: Resolved) -> tuple[m.Para, int | None, bool]:
    """The words for one resolved indicator, its level for the colour, and whether disputed."""
    s, f = ctx.styles, ctx.data.framework
    if value.na:
        return rich("N/A", "cell_center"), None, False
    if value.fraction is None:
        return rich(f'<font color="#{s.muted.hexval()[2:]}">Unrated</font>',
                    "cell_center"), None, False
    if value.source is Source.MEAN:
        return rich(f"Mean {_level_equivalent(ctx, value.fraction):.1f}<br/>"
                    "<font size=6.5>to agree</font>", "cell_center"), None, True
    level_value = value.value if isinstance(value.value, int) else None
    if level_value is None:
        return rich("–", "cell_center"), None, False
    label = f"{level_value} {f.scale_label(level_value)}"
    chip_level = max(1, min(5, level_value))
    return level_chip(s, chip_level, label), chip_level, False


def _level_equivalent(ctx: Context, fraction: float) -> float:
    """A mean fraction read back on the scale (0.375 on the default scale is level 2.5)."""
    levels = sorted(ctx.data.framework.scale, key=lambda lv: lv.fraction)
    for low, high in itertools.pairwise(levels):
        if low.fraction <= fraction <= high.fraction and high.fraction > low.fraction:
            share = (fraction - low.fraction) / (high.fraction - low.fraction)
            return low.value + share * (high.value - low.value)
    return float(levels[-1].value if fraction >= levels[-1].fraction else levels[0].value)


def _indicator_table(ctx: Context, indicators: Sequence[Indicator],
                     resolved: dict[str, Resolved] | object,
                     notes: dict[str, list[tuple[str, str]]]) -> m.Table:
    s = ctx.styles
    rows: list[list[CellValue]] = []
    cells: list[tuple[int, int, int | None]] = []
    extra: list[tuple[int, int]] = []
    for i, ind in enumerate(indicators):
        value = resolved[ind.code]  # type: ignore[index]
        cell, level, disputed = _rating_cell(ctx, value)
        text = markup(ind.text)
        for who, note in notes.get(ind.code, []):
            short, cut = bounded(note, 2000)
            text += (f'<br/><font color="#{s.muted.hexval()[2:]}" size=7.5><i>'
                     f"{markup(who)}: {markup(short)}{' …' if cut else ''}</i></font>")
        rows.append([ind.code, rich(text, "cell"), cell])
        if level is not None:
            cells.append((2, i, level))
        if disputed:
            extra.append((2, i))
    # Still to agree: a dashed outline, not a colour of the scale.
    return data_table(s, ["Code", "Maturity indicator", "Rating"], rows,
                      [17 * mm, ctx.width - 17 * mm - 30 * mm, 30 * mm], centred=[2],
                      level_cells=cells, outlined=extra)


def _notes_blocks(ctx: Context, items: list[ElementEvidence]) -> list[m.Block]:
    out: list[m.Block] = []
    notes = [(e.assessor, e.notes) for e in items if e.notes.strip()]
    if notes:
        out.append(sub("Evidence notes"))
        for who, text in notes:
            short, cut = bounded(text)
            parts = paragraphs(short)
            for i, part in enumerate(parts):
                named = len(notes) > 1 or len(ctx.data.document.assessors) > 1
                prefix = f"<b>{markup(who)}:</b> " if i == 0 and named else ""
                out.append(rich(prefix + markup(part), "body"))
            if cut:
                out.append(rich(f"<i>The note continues for {cut:,} more characters; the "
                                "full text is in the workbench and the workbook.</i>",
                                "muted"))
    strengths = [t for e in items for t in e.strengths if t.strip()]
    opportunities = [t for e in items for t in e.opportunities if t.strip()]
    for title, found in (("Strengths", strengths), ("Opportunities for improvement",
                                                    opportunities)):
        if found:  # two assessors often note the same thing: each once
            out += _bullet_block(ctx, title, list(dict.fromkeys(found)))
    return out


def _bullet_block(ctx: Context, title: str, items: list[str]) -> list[m.Block]:
    """A titled bullet list that never leaves its title, or one bullet, alone on a page."""
    listed = bullets([bounded(t, 3000)[0] for t in items]).items
    if len(items) <= 6:
        return [keep(sub(title), m.Bullets(listed))]
    # A long list may break, but keeps its title with two bullets and its last two together.
    return [keep(sub(title), m.Bullets(listed[:2])), m.Bullets(listed[2:-2]),
            keep(m.Bullets(listed[-2:]))]


def _element_block(ctx: Context, dim: Dimension, element: Element,
                   evidence: dict[str, list[ElementEvidence]],
                   notes: dict[str, list[tuple[str, str]]]) -> list[m.Block]:
    s, data = ctx.styles, ctx.data
    es = data.score.elements[element.code]
    f = data.framework
    objective = next((o.label for o in f.objective_levels if o.key == es.objective),
                     "Mean of the assessors' judgements, to agree" if es.objective_judged
                     and es.objective is None else NOT_JUDGED)
    blank = unassessed(es.status)
    title = head(ctx, f"{element.code}  {element.title}", 3, f"element-{element.code}",
                 in_contents=False)
    band = facts(ctx, [
        ("Score", f"{fmt_score(es.score)} of {fmt_points(element.points)}"),
        ("Percent", shown_percent(es.status, es.percent)),
        ("Level", markup(shown_level(ctx, es.status, es.level))),
        ("Target", markup(level_text(ctx, es.target)) if es.target else "Not set"),
        ("Status", STATUS_WORDS[es.status] + (" · to agree" if es.needs_consensus else "")),
    ], None if blank else es.level, 2)
    objective_box: list[m.Block] = [sub("Statement of objective"),
                     rich(markup(element.objective) +
                          f' <font color="#{s.primary.hexval()[2:]}"><b>— '
                          f"{markup(objective)}</b></font>", "body")]
    out: list[m.Block] = [need(60), keep(title, band, gap(2), *objective_box)]
    out.append(_indicator_table(ctx, element.indicators, es.indicators, notes))
    out += _notes_blocks(ctx, evidence.get(element.code, []))
    out += _photos_and_files(ctx, element.code)
    planned = [a for a in data.document.actions if a.element == element.code]
    if planned:
        out += _bullet_block(ctx, "Planned improvement", [
            a.action + (f" (owner: {a.owner}" if a.owner else "") +
            (f", due {format_date(a.due_date)})" if a.due_date and a.owner else
             f" (due {format_date(a.due_date)})" if a.due_date else
             ")" if a.owner else "") for a in planned])
    out += [m.EndOfBlock(), gap(4)]
    return out


def _gallery(ctx: Context, code: str, columns: int = 2) -> m.Gallery:
    """The element's photos two to a row, each with its caption; a refused photo as a
    placeholder saying why."""
    gutter = 6 * mm
    cell_w = (ctx.width - gutter * (columns - 1)) / columns
    max_h = cell_w * 0.75
    items: list[m.Photo | m.Missing] = []
    for item in ctx.photos[code]:
        caption = item.source.caption or item.source.filename
        if isinstance(item, PreparedPhoto):
            scale = min(cell_w / item.width, max_h / item.height)
            items.append(m.Photo(item.jpeg, item.width * scale, item.height * scale, caption))
        else:
            items.append(m.Missing(f"Photo not shown: {item.source.filename}", item.reason,
                                   caption))
    return m.Gallery(tuple(items), cell_w, gutter)


def _photos_and_files(ctx: Context, code: str) -> list[m.Block]:
    out: list[m.Block] = []
    if "photos" in ctx.sections and ctx.photos.get(code):
        out.append(sub("Photographs"))
        out.append(_gallery(ctx, code))
    others = [a for a in ctx.data.document.attachments if a.element == code and not a.is_image]
    if others:
        names = ", ".join(markup(a.caption or a.filename) for a in others)
        out.append(rich(f"<b>Documents on file:</b> {names}", "small"))
    return out


def _indicator_notes(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item in ctx.data.document.evidence:
        for code, note in item.indicator_notes:
            if note.strip():
                found[code].append((item.assessor, note))
    return found


def dimensions(ctx: Context, progress: Callable[[float], None]) -> list[m.Block]:
    data = ctx.data
    f, score = data.framework, data.score
    evidence = _evidence_by_element(ctx)
    notes = _indicator_notes(ctx)
    out = section_title(ctx, "dimensions", "Findings by dimension",
                        "Each dimension's result, then each element's ratings and evidence.")
    out.append(rich((
        "For every element the report gives its score, the judgement of its statement of "
        "objective, the rating of each maturity indicator, and what the assessors saw: "
        "evidence notes, strengths, opportunities for improvement and photographs. Ratings "
        "carry the colour of their level; a rating the assessors have still to agree on is "
        "shown as the mean of their ratings in a dashed frame."), "body"))
    total = len(f.dimensions) + (1 if f.enablers else 0)
    for n, dim in enumerate(f.dimensions):
        progress(n / total)
        if n > 0:
            out.append(need(120))  # a new page unless most of this one is free
        out += _dimension_intro(ctx, dim)
        for element in dim.elements:
            out += _element_block(ctx, dim, element, evidence, notes)
    if f.enablers:
        out.append(need(120))
        out.append(head(ctx, "Enablers", 2, "enablers"))
        out.append(rich("The conditions that let the dimensions work, with their indicator "
                        "ratings and the evidence behind them.", "body"))
        for enabler in f.enablers:
            out += _enabler_block(ctx, enabler, evidence, notes)
    out.append(section_end())
    _ = score
    return out


def _dimension_intro(ctx: Context, dim: Dimension) -> list[m.Block]:
    s, data = ctx.styles, ctx.data
    f, score = data.framework, data.score
    r = score.dimensions[dim.code]
    cat = next((c.name for c in f.categories if c.id == dim.category), dim.category)
    statuses = [score.elements[e.code].status for e in dim.elements]
    applicable = [st for st in statuses if st is not Status.NOT_APPLICABLE]
    assessed = [st for st in applicable if not unassessed(st)]
    out: list[m.Block] = [
        head(ctx, f"{dim.code}  {dim.name}", 2, f"dimension-{dim.code}"),
        facts(ctx, [
            ("Category", markup(cat)),
            ("Score", f"{fmt_score(r.score)} of {fmt_points(r.applicable_max)}"),
            ("Percent", "Not assessed" if not assessed else fmt_percent(r.percent)),
            ("Level", "Not assessed" if not assessed else markup(level_text(ctx, r.level))),
            ("Target", markup(level_text(ctx, r.target)) if r.target else "Not set"),
        ], r.level if assessed else None, 3),
        gap(3),
    ]
    if len(assessed) < len(applicable):
        out.append(rich((
            f"<b>{len(assessed)} of the {plural(len(applicable), 'applicable element')} "
            f"{'was' if len(assessed) == 1 else 'were'} assessed.</b> The others show as "
            "not assessed; they score nothing, so the dimension's figures are not yet a "
            "measure of its maturity." if assessed else
            f"<b>None of the {plural(len(applicable), 'applicable element')} "
            "was assessed.</b>"), "body"))
    if dim.question:
        out.append(plain(dim.question, "question"))
    if dim.summary:
        out.append(plain(dim.summary, "body"))
    rows: list[list[CellValue]] = []
    cells: list[tuple[int, int, int | None]] = []
    for i, e in enumerate(dim.elements):
        es = score.elements[e.code]
        blank = unassessed(es.status)
        rows.append([e.code, e.title, fmt_score(es.score), fmt_points(e.points),
                     shown_percent(es.status, es.percent, narrow=True),
                     level_chip(s, None if blank else es.level,
                                shown_level(ctx, es.status, es.level)),
                     level_chip(s, es.target, level_text(ctx, es.target)) if es.target else "–"])
        if not blank:
            cells.append((5, i, es.level))
        if es.target:
            cells.append((6, i, es.target))
    w = ctx.width
    out.append(data_table(
        s, ["Code", "Element", "Score", "Max", "Percent", "Level", "Target"], rows,
        [14 * mm, w - 14 * mm - 14 * mm - 11 * mm - 17 * mm - 2 * 26 * mm, 14 * mm, 11 * mm,
         17 * mm, 26 * mm, 26 * mm], numeric=[2, 3, 4], centred=[5, 6], level_cells=cells))
    out.append(gap(4))
    return out


def _enabler_block(ctx: Context, enabler: Enabler, evidence: dict[str, list[ElementEvidence]],
                   notes: dict[str, list[tuple[str, str]]]) -> list[m.Block]:
    es = ctx.data.score.enablers[enabler.code]
    title = head(ctx, f"{enabler.code}  {enabler.name}", 3, f"enabler-{enabler.code}",
                 in_contents=False)
    band = facts(ctx, [
        ("Percent", shown_percent(es.status, es.percent)),
        ("Level", markup(shown_level(ctx, es.status, es.level))),
        ("Status", STATUS_WORDS[es.status] + (" · to agree" if es.needs_consensus else "")),
    ], None if unassessed(es.status) else es.level, 1)
    out: list[m.Block] = [need(50), keep(title, band, gap(2))]
    if enabler.summary:
        out.append(plain(enabler.summary, "body"))
    out.append(_indicator_table(ctx, enabler.indicators, es.indicators, notes))
    out += _notes_blocks(ctx, evidence.get(enabler.code, []))
    out += _photos_and_files(ctx, enabler.code)
    out += [m.EndOfBlock(), gap(4)]
    return out

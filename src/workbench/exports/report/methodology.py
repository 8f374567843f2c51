"""The methodology section: how the figures in the report are calculated."""

from __future__ import annotations

from reportlab.lib.units import mm

from workbench.exports.report import document as m
from workbench.exports.report.blocks import (
    CellValue,
    data_table,
    gap,
    keep,
    level_chip,
    section_end,
    section_title,
    sub,
)
from workbench.exports.report.context import Context
from workbench.exports.report.richtext import rich
from workbench.exports.report.text import fmt_points, markup


def methodology(ctx: Context) -> list[m.Block]:
    s, f = ctx.styles, ctx.data.framework
    w = ctx.width
    out = section_title(ctx, "methodology", "Methodology",
                        "How the figures in this report are calculated.")
    cats = " and ".join(f"{markup(c.name)} ({fmt_points(c.points)} points)" for c in f.categories)
    wi, wo = f.weights.indicators, f.weights.objective
    paragraphs_ = [
        f"The assessment follows the <i>{markup(f.name)}</i> (version {markup(f.version)}). "
        f"It divides customer experience management into {len(f.dimensions)} dimensions and "
        f"{sum(len(d.elements) for d in f.dimensions)} elements, worth "
        f"{fmt_points(f.total_points)} points in all, split between {cats}.",
        "Each element has a statement of objective and a set of maturity indicators. The "
        "assessors rate every indicator on the scale below, or mark it not applicable, and "
        "judge how far the statement of objective is achieved. Their ratings rest on "
        "interviews, documents and observation on site, recorded as evidence notes.",
        f"An element's score is its points multiplied by a weighted blend: "
        f"{wi * 100:.0f} % for the mean of its indicator ratings and {wo * 100:.0f} % for the "
        "achievement of its objective. Indicators marked not applicable are left out of the "
        "mean; an indicator not yet rated counts as zero, as does an objective not yet judged. "
        "An element whose indicators are all not applicable leaves the total, and the total "
        "is then normalized to the points that did apply.",
        "Dimension, category and overall scores are the sums of their elements' scores. A "
        "percent is the score divided by the applicable points, and the maturity level is the "
        "band that percent falls in. A dimension's target is the rounded mean of its "
        "elements' targets; the gap is the target level minus the current level.",
        "Each assessor rates on their own first. Where the team has recorded a consensus value "
        "it is used; where every assessor gave the same value, that value is used; where they "
        "differ and no consensus is recorded yet, the mean of their ratings is used and the "
        "element is marked as still to agree.",
    ]
    for text in paragraphs_:
        out.append(rich(text, "body"))
    rows: list[list[CellValue]] = [
        [d.code, d.name, next((c.name for c in f.categories if c.id == d.category), ""),
         str(len(d.elements)), fmt_points(d.points)] for d in f.dimensions]
    out.append(keep(sub("Points by dimension"), data_table(
        s, ["Code", "Dimension", "Category", "Elements", "Points"], rows,
        [14 * mm, w - 14 * mm - 40 * mm - 20 * mm - 18 * mm, 40 * mm, 20 * mm, 18 * mm],
        numeric=[3, 4])))
    out.append(gap(3))
    fr = {lv.value: lv for lv in f.scale}
    rows = []
    cells: list[tuple[int, int, int | None]] = []
    for i, lv in enumerate(f.scale):
        rows.append([level_chip(s, max(1, min(5, lv.value)), f"{lv.value} {lv.label}"),
                     lv.meaning, f"{lv.fraction:.2f}"])
        cells.append((0, i, max(1, min(5, lv.value))))
    _ = fr
    out.append(keep(sub("The indicator scale"), data_table(
        s, ["Level", "Meaning", "Fraction"], rows, [34 * mm, w - 34 * mm - 20 * mm, 20 * mm],
        numeric=[2], centred=[0], level_cells=cells)))
    out.append(gap(3))
    half = (w - 6 * mm) / 2
    objectives = data_table(s, ["Judgement of the objective", "Fraction"],
                            [[o.label, f"{o.fraction:.2f}"] for o in f.objective_levels],
                            [half - 20 * mm, 20 * mm], numeric=[1])
    rows, cells = [], []
    bands = list(f.bands)
    for i, b in enumerate(bands):
        upper = bands[i + 1].min_percent if i + 1 < len(bands) else 100
        rng = f"{b.min_percent:g} % to {upper:g} %" if i + 1 == len(bands) else \
            f"{b.min_percent:g} % to under {upper:g} %"
        rows.append([level_chip(s, max(1, min(5, b.level)), f"{b.level} {b.label}"), rng])
        cells.append((0, i, max(1, min(5, b.level))))
    levels = data_table(s, ["Maturity level", "Percent of applicable points"], rows,
                        [34 * mm, half - 34 * mm], centred=[0], level_cells=cells)
    # Side by side: two small tables share a row rather than trail onto a page of their own.
    pair = m.Columns((objectives, None, levels), (half, 6 * mm, half))
    out.append(keep(sub("Judging the objective, and the maturity levels"), pair))
    out.append(gap(3))
    out.append(section_end())
    return out

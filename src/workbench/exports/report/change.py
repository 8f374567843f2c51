"""The "Change since <baseline date>" section: both years on the radar, the dimensions'
change, the elements that moved a level or more, a written account from the figures, the
status of the baseline's improvement actions, and, over three or more years, the trend."""

from __future__ import annotations

from reportlab.lib.units import mm

from workbench.core.comparison import Change, ChangeState, Figure
from workbench.core.comparison_summary import summary
from workbench.core.display import change_text
from workbench.core.scoring import Status
from workbench.exports.report import change_charts
from workbench.exports.report import document as m
from workbench.exports.report.blocks import (
    CellValue,
    chart,
    data_table,
    gap,
    head,
    keep,
    level_chip,
    section_end,
    section_title,
)
from workbench.exports.report.context import (
    ACTION_STATUS_WORDS,
    NOT_ASSESSED,
    Context,
    format_date,
    level_text,
)
from workbench.exports.report.model import ChangeInput
from workbench.exports.report.richtext import plain, rich
from workbench.exports.report.text import fmt_percent

RADAR_MIN_AXES = 3
STATE_WORDS = {ChangeState.NOT_APPLICABLE: "N/A", ChangeState.NOT_ASSESSED: "Not compared",
               ChangeState.ADDED: "New code", ChangeState.REMOVED: "Code removed"}


def _percent(f: Figure | None) -> str:
    if f is None:
        return "–"
    return NOT_ASSESSED if f.status is Status.NOT_ASSESSED else fmt_percent(f.percent)


def _level(ctx: Context, f: Figure | None) -> CellValue:
    if f is None or f.status is Status.NOT_ASSESSED or f.level is None:
        return "–"
    return level_chip(ctx.styles, f.level, level_text(ctx, f.level))


def _change(c: Change) -> str:
    return change_text(c.points) if c.compared else STATE_WORDS[c.state]


def _pp(c: Change) -> str:
    return "–" if c.percent is None else f"{c.percent:+.1f}".replace("-", "−")


def _table(ctx: Context, rows: list[Change], first: str, totals: int = 0) -> m.Table:
    """One row per change; the last `totals` rows (the total, the categories) below a rule."""
    body: list[list[CellValue]] = []
    cells: list[tuple[int, int, int | None]] = []
    for i, c in enumerate(rows):
        body.append(["" if i >= len(rows) - totals else c.code, c.name, _percent(c.baseline),
                     _level(ctx, c.baseline), _percent(c.current), _level(ctx, c.current),
                     _change(c), _pp(c)])
        for column, figure in ((3, c.baseline), (5, c.current)):
            if figure is not None and figure.level is not None and \
                    figure.status is not Status.NOT_ASSESSED:
                cells.append((column, i, figure.level))
    w = ctx.width
    fixed = [14 * mm, 17 * mm, 26 * mm, 17 * mm, 26 * mm, 21 * mm, 13 * mm]
    widths = [fixed[0], w - sum(fixed), *fixed[1:]]
    return data_table(ctx.styles, ["Code", first, "Then", "Level", "Now", "Level", "Points",
                                   "pp"], body, widths, numeric=[2, 4, 6, 7],
                      centred=[3, 5], level_cells=cells,
                      bold_rows=[len(rows) - totals] if totals else [])


def _charts(ctx: Context, change: ChangeInput) -> list[m.Block]:
    s, f = ctx.styles, ctx.data.framework
    by_code = {d.code: d for d in change.comparison.dimensions}
    dims = [by_code[d.code] for d in f.dimensions if d.code in by_code]
    labels = [f"{d.code} {d.name}" for d in dims]
    values = [f"{_percent(d.baseline)} → {_percent(d.current)}" for d in dims]

    def shown(fig: Figure | None) -> float | None:
        return None if fig is None or fig.status is Status.NOT_ASSESSED else fig.percent

    then, now = [shown(d.baseline) for d in dims], [shown(d.current) for d in dims]
    bands = [(b.min_percent, b.label) for b in f.bands]
    year_then = format_date(change.since) or change.since
    key = chart(change_charts.legend, s, ctx.width, f"Baseline ({year_then})",
                "This assessment")
    if len(dims) >= RADAR_MIN_AXES:
        drawn = chart(change_charts.radar, s, labels, values, then, now, bands, ctx.width, 250)
    else:
        drawn = chart(change_charts.paired_bars, s, labels, values, then, now,
                      [d.current.level if d.current else None for d in dims], ctx.width)
    return [drawn, key]


def change_section(ctx: Context, change: ChangeInput) -> list[m.Block]:
    c = change.comparison
    since = format_date(change.since) or change.since
    out: list[m.Block] = section_title(
        ctx, "change", f"Change since {since}",
        f"How the organisation moved since the baseline assessment, "
        f"“{change.baseline_title}”.")
    for text in summary(c, since, ctx.data.framework.band_label, change.actions):
        out.append(plain(text, "body"))
    out = [m.Keep((*out, *_charts(ctx, change))), gap(4)]

    total = [c.total, *c.categories] if len(c.categories) > 1 else [c.total]
    out.append(keep(head(ctx, "Dimension changes", 2, "change-dimensions"),
                    _table(ctx, [*c.dimensions, *total], "Dimension", len(total))))
    moved = [e for e in c.elements if e.levels]
    out.append(gap(4))
    if moved:
        out.append(keep(head(ctx, "Elements that moved a level or more", 2,
                             "change-elements"),
                        _table(ctx, sorted(moved, key=lambda e: (-(e.levels or 0), e.code)),
                               "Element")))
    else:
        out.append(keep(head(ctx, "Elements that moved a level or more", 2,
                             "change-elements"),
                        rich("No element moved by a whole level since the baseline.",
                             "body")))
    out += _codes(ctx, change)
    out += _actions(ctx, change)
    if len(change.trend) >= 3:
        out += _trend(ctx, change)
    out.append(section_end())
    return out


def _codes(ctx: Context, change: ChangeInput) -> list[m.Block]:
    codes = change.comparison.codes
    if codes.same_framework or codes.empty:
        return []
    (a_id, a_v), (b_id, b_v) = change.comparison.baseline_framework, \
        change.comparison.current_framework
    lines = [f"The baseline was assessed on {a_id} {a_v}, this assessment on {b_id} {b_v}; "
             "only codes found in both are compared."]
    for label, found in (("Added", codes.added), ("Removed", codes.removed)):
        for kind in ("dimension", "element", "indicator"):
            if found.get(kind):
                lines.append(f"{label} {kind}s: {', '.join(found[kind])}.")
    for r in codes.renamed:
        lines.append(f"Renamed {r.kind}: {r.old} is now {r.new} ({r.title}).")
    return [gap(4), keep(head(ctx, "Framework changes", 2, "change-codes"),
                         *[plain(t, "body") for t in lines])]


def _actions(ctx: Context, change: ChangeInput) -> list[m.Block]:
    s, w = ctx.styles, ctx.width
    title = head(ctx, "Last year's improvement actions", 2, "change-actions")
    if not change.actions:
        return [gap(4), keep(title, rich("No improvement actions were recorded at the "
                                         "baseline.", "body"))]
    rows: list[list[CellValue]] = [[
        a.action.element, a.action.action, a.action.owner or "Unassigned",
        format_date(a.action.due_date) or "–",
        ACTION_STATUS_WORDS.get(a.action.status, str(a.action.status)),
        ACTION_STATUS_WORDS.get(a.now, str(a.now)) if a.now is not None
        else "Not carried over"] for a in change.actions]
    table = data_table(s, ["Element", "Action", "Owner", "Due", "Then", "Now"], rows,
                       [16 * mm, w - 16 * mm - 30 * mm - 24 * mm - 2 * 20 * mm, 30 * mm,
                        24 * mm, 20 * mm, 20 * mm])
    return [gap(4), title, table]


def _trend(ctx: Context, change: ChangeInput) -> list[m.Block]:
    f = ctx.data.framework
    points = change.trend
    series: list[tuple[str, list[float | None]]] = [("Total", [p.total for p in points])]
    series += [(f"{d.code} {d.name}", [p.dimensions.get(d.code) for p in points])
               for d in f.dimensions]
    return [gap(4), keep(
        head(ctx, f"Trend over {len(points)} assessments", 2, "change-trend"),
        rich("The total and each dimension as a share of its applicable points, one point "
             "per assessment in the chain of baselines; a dimension not assessed in a year "
             "has no point there.", "body"),
        chart(change_charts.trend, ctx.styles, [p.label for p in points], series, ctx.width))]

"""The report's sections, each a function from the report's data to the model's blocks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from reportlab.lib.units import mm

from workbench.core.display import percent_value
from workbench.core.engagement import Priority
from workbench.core.scoring import Status
from workbench.exports.report import charts
from workbench.exports.report import document as m
from workbench.exports.report.blocks import (
    CellValue,
    chart,
    data_table,
    gap,
    head,
    keep,
    kpi_tiles,
    level_chip,
    need,
    section_end,
    section_title,
    sub,
)
from workbench.exports.report.context import (
    ACTION_STATUS_WORDS,
    NOT_ASSESSED,
    PRIORITY_WORDS,
    Context,
    Heading,
    dimension_unassessed,
    format_date,
    level_text,
    shown_level,
    shown_percent,
    unassessed,
)
from workbench.exports.report.findings import dimensions
from workbench.exports.report.methodology import methodology
from workbench.exports.report.model import Signer
from workbench.exports.report.narrative import largest_gaps, summary_paragraphs
from workbench.exports.report.richtext import plain, rich, runs
from workbench.exports.report.text import (
    fmt_percent,
    fmt_points,
    fmt_score,
    markup,
    plural,
)

__all__ = ["Context", "Heading", "contents", "dimensions", "executive_summary",
           "improvement_plan", "maturity_profile", "methodology", "sign_off"]


# ---------------------------------------------------------------- contents


RADAR_MIN_AXES = 3  # fewer dimensions are drawn as bars



def contents(ctx: Context) -> list[m.Block]:
    return [head(ctx, "Contents", 1, "contents", in_contents=False),
            plain("The sections of this report and the pages they start on.", "h1_sub"),
            m.Contents("Contents"), m.PageBreak()]


# ---------------------------------------------------------------- executive summary


def executive_summary(ctx: Context) -> list[m.Block]:
    s, data = ctx.styles, ctx.data
    score, f = data.score, data.framework
    out = section_title(ctx, "summary", "Executive summary",
                        "The organisation's maturity at a glance, and what stands out.")
    level = score.level if score.assessed_elements else None  # not "1 Initial" for nothing
    normal_note = ("equal to the total: every element applied" if score.applicable_max
                   >= score.max else f"of {fmt_points(score.applicable_max)} applicable points, "
                   f"scaled to {fmt_points(score.max)}")
    out.append(kpi_tiles(s, [
        ("Total score", f"{fmt_score(score.total)}<font size=10> / {fmt_points(score.max)}</font>",
         f"{fmt_percent(score.percent)} of the framework's points", None),
        ("Normalized total", f"{fmt_score(score.normalized_total)}", normal_note, None),
        ("Maturity level", f"{level if level is not None else '–'}"
         f"<font size=10> {markup(f.band_label(level)) if level else ''}</font>",
         "the organisation's band" if level else "nothing assessed yet", level),
        ("Complete", f"{percent_value(score.completeness * 100)}<font size=10> %</font>",
         f"{score.complete_elements} of {plural(len(score.elements), 'element')} fully "
         "rated and judged", None),
    ], ctx.width))
    out.append(gap(2))
    out.append(chart(charts.level_scale, s, [(b.level, b.label) for b in f.bands],
                     score.percent, ctx.width))
    out.append(gap(5))
    for text in summary_paragraphs(data):
        out.append(rich(text, "body"))

    from workbench.exports.report.narrative import strongest_and_weakest

    strongest, weakest = strongest_and_weakest(f, score)
    if strongest or weakest:
        half = (ctx.width - 6 * mm) / 2

        def mini(title: str, items: Sequence[object]) -> m.Table:
            rows: list[list[CellValue]] = []
            cells = []
            for i, r in enumerate(items):
                dim, roll = r.dimension, r.score  # type: ignore[attr-defined]
                rows.append([f"{dim.code} {dim.name}", fmt_percent(roll.percent),
                             level_chip(s, roll.level, level_text(ctx, roll.level))])
                cells.append((2, i, roll.level))
            return data_table(s, [title, "Percent", "Level"], rows,
                              [half - 46 * mm, 17 * mm, 29 * mm], numeric=[1], centred=[2],
                              level_cells=cells)

        pair = m.Columns((mini("Strongest dimensions", strongest),
                          mini("Weakest dimensions", weakest)), (half + 6 * mm, half))
        out += [gap(2), keep(sub("Dimensions at either end"), pair)]

    gaps = largest_gaps(f, score, 6)
    if gaps:
        rows: list[list[CellValue]] = []
        cells: list[tuple[int, int, int | None]] = []
        for i, g_ in enumerate(gaps):
            es = g_.score
            rows.append([g_.element.code, g_.element.title, fmt_percent(es.percent),
                         level_chip(s, es.level, level_text(ctx, es.level)),
                         level_chip(s, es.target, level_text(ctx, es.target)),
                         f"{es.gap}"])
            cells += [(3, i, es.level), (4, i, es.target)]
        out += [gap(3), keep(sub("Largest gaps to target"), data_table(
            s, ["Code", "Element", "Percent", "Current", "Target", "Gap"], rows,
            [15 * mm, ctx.width - 15 * mm - 16 * mm - 2 * 27 * mm - 12 * mm, 16 * mm, 27 * mm,
             27 * mm, 12 * mm], numeric=[2, 5], centred=[3, 4], level_cells=cells))]
    out.append(section_end())
    return out


# ---------------------------------------------------------------- maturity profile


def _bands(ctx: Context) -> list[tuple[float, str]]:
    return [(b.min_percent, b.label) for b in ctx.data.framework.bands]


def _target_percent(ctx: Context, level: int | None) -> float | None:
    if level is None:
        return None
    for band in ctx.data.framework.bands:
        if band.level == level:
            return band.min_percent
    return None


def maturity_profile(ctx: Context) -> list[m.Block]:
    s, data = ctx.styles, ctx.data
    f, score = data.framework, data.score
    level = score.level if score.assessed_elements else None
    parts = "dimension, element and enabler" if f.enablers else "dimension and element"
    out = section_title(ctx, "profile", "Maturity profile",
                        f"Where each {parts} stands against its target.")
    if len(f.dimensions) >= RADAR_MIN_AXES:
        out.append(rich((
            "The radar shows each dimension's share of its applicable points, the filled "
            "shape, against the threshold of the target level agreed with the client, the "
            "dashed outline. Rings mark the thresholds of the maturity levels."), "body"))
        labels = [f"{d.code} {d.name}" for d in f.dimensions]
        values = []
        for d in f.dimensions:
            r = score.dimensions[d.code]
            tgt = f" → target {r.target}" if r.target is not None else ""
            values.append(("not assessed" if dimension_unassessed(ctx, d.code) else
                           f"{fmt_percent(r.percent)} · level {r.level or '–'}") + tgt)
        out.append(chart(
            charts.radar, s, labels, values,
            [None if dimension_unassessed(ctx, d.code) else score.dimensions[d.code].percent
             for d in f.dimensions],
            [_target_percent(ctx, score.dimensions[d.code].target) for d in f.dimensions],
            _bands(ctx), ctx.width, 255))
    else:
        # A radar needs three axes; with fewer dimensions a bar each says the same plainly.
        out.append(rich((
            "Each dimension's share of its applicable points, coloured by its maturity level, "
            "with the threshold of the target level agreed with the client as a dashed "
            "outline."), "body"))
        bars = [charts.Bar(d.code, d.name, score.dimensions[d.code].percent,
                           score.dimensions[d.code].level,
                           _target_percent(ctx, score.dimensions[d.code].target),
                           score.dimensions[d.code].target)
                if not dimension_unassessed(ctx, d.code) else
                charts.Bar(d.code, d.name, None, None,
                           _target_percent(ctx, score.dimensions[d.code].target),
                           score.dimensions[d.code].target, "not assessed")
                for d in f.dimensions]
        out.append(chart(charts.bar_chart, s, [charts.BarGroup("", bars)], ctx.width,
                         _bands(ctx)))
    out.append(chart(charts.legend, s, ctx.width))
    out = [m.Keep(tuple(out)), gap(4)]  # the section's title never alone, without its chart

    rows: list[list[CellValue]] = []
    cells: list[tuple[int, int, int | None]] = []
    bold: list[int] = []
    for i, d in enumerate(f.dimensions):
        r = score.dimensions[d.code]
        cat = next((c.name for c in f.categories if c.id == d.category), d.category)
        blank = dimension_unassessed(ctx, d.code)
        rows.append([d.code, d.name, cat, fmt_score(r.score), fmt_points(r.applicable_max),
                     "–" if blank else fmt_percent(r.percent),
                     level_chip(s, None if blank else r.level,
                                NOT_ASSESSED if blank else level_text(ctx, r.level)),
                     level_chip(s, r.target, level_text(ctx, r.target)) if r.target else "–"])
        cells += ([] if blank else [(6, i, r.level)]) + ([(7, i, r.target)] if r.target
                                                         else [])
    rows.append(["", rich("<b>Total</b>", "cell"), "",
                 rich(f"<b>{fmt_score(score.total)}</b>", "cell_num"),
                 fmt_points(score.applicable_max), rich(f"<b>{fmt_percent(score.percent)}</b>",
                                                        "cell_num"),
                 level_chip(s, level, NOT_ASSESSED if level is None else level_text(ctx, level)),
                 ""])
    if level is not None:
        cells.append((6, len(rows) - 1, level))
    bold.append(len(rows) - 1)
    w = ctx.width
    # Last in the section: after the charts it fills their page instead of a page of its own.
    scores_table = keep(sub("Scores by dimension"), data_table(
        s, ["Code", "Dimension", "Category", "Score", "Max", "Percent", "Level", "Target"],
        rows, [12 * mm, w - 12 * mm - 24 * mm - 15 * mm - 13 * mm - 17 * mm - 2 * 27 * mm,
               24 * mm, 15 * mm, 13 * mm, 17 * mm, 27 * mm, 27 * mm],
        numeric=[3, 4, 5], centred=[6, 7], level_cells=cells, bold_rows=bold))

    groups = []
    for d in f.dimensions:
        bars = []
        for e in d.elements:
            es = score.elements[e.code]
            blank = unassessed(es.status)
            bars.append(charts.Bar(e.code, e.title, None if blank else es.percent,
                                   None if blank else es.level,
                                   _target_percent(ctx, es.target), es.target,
                                   "n/a" if es.status is Status.NOT_APPLICABLE else
                                   "not assessed" if blank else ""))
        groups.append(charts.BarGroup(f"{d.code} {d.name}", bars))
    out.append(keep(
        head(ctx, "Element profile", 2, "profile-elements"),
        rich("Each element's share of its points, coloured by its maturity level, with the "
             "target level's threshold as a dashed outline.", "body"),
        chart(charts.legend, s, ctx.width),
        chart(charts.bar_chart, s, groups, ctx.width, _bands(ctx))))

    if f.enablers:
        out.append(gap(6))
        enabler_head: list[m.Block] = [head(ctx, "Enabler profile", 2, "profile-enablers")]
        enabler_head.append(rich((
            "The enablers are the conditions that let the dimensions work: they are rated "
            "on the same scale but carry no points, so they explain the score rather than add "
            "to it."), "body"))
        bars = [charts.Bar(n.code, n.name, score.enablers[n.code].percent,
                           score.enablers[n.code].level) if not unassessed(
                               score.enablers[n.code].status) else
                charts.Bar(n.code, n.name, None, None, note="not assessed")
                for n in f.enablers]
        enabler_head.append(chart(charts.bar_chart, s, [charts.BarGroup("", bars)], ctx.width,
                                  _bands(ctx), with_target=False, label_width=230))
        out += [m.Keep(tuple(enabler_head)), gap(4)]
        rows_n: list[list[CellValue]] = []
        cells_n: list[tuple[int, int, int | None]] = []
        for i, n in enumerate(f.enablers):
            ns = score.enablers[n.code]
            rows_n.append([n.code, rich(f"<b>{markup(n.name)}</b><br/>"
                                           f'<font size=7.5 color="#{s.muted.hexval()[2:]}">'
                                           f"{markup(n.summary)}</font>", "cell"),
                           shown_percent(ns.status, ns.percent, narrow=True),
                           level_chip(s, None if unassessed(ns.status) else ns.level,
                                      shown_level(ctx, ns.status, ns.level))])
            if not unassessed(ns.status):
                cells_n.append((3, i, ns.level))
        out.append(data_table(s, ["Code", "Enabler", "Percent", "Level"], rows_n,
                              [12 * mm, ctx.width - 12 * mm - 17 * mm - 28 * mm, 17 * mm,
                               28 * mm], numeric=[2], centred=[3], level_cells=cells_n))
    out += [gap(6), scores_table, section_end()]
    return out


# ---------------------------------------------------------------- improvement plan


def improvement_plan(ctx: Context) -> list[m.Block]:
    s, data = ctx.styles, ctx.data
    actions = list(data.document.actions)
    out = section_title(ctx, "actions", "Improvement plan",
                        "The actions agreed to close the gaps, by priority and owner.")
    if not actions:
        out.append(rich("No improvement actions have been recorded for this engagement "
                        "yet.", "body"))
        out.append(section_end())
        return out
    owners = {a.owner or "Unassigned" for a in actions}
    out.append(rich((
        f"The plan holds {plural(len(actions), 'action')} for {plural(len(owners), 'owner')}. "
        "They are listed by priority, then by owner and due date; the element each one "
        "improves links it to the findings above."), "body"))
    titles = {e.code: e.title for e in data.framework.elements()}
    titles.update({n.code: n.name for n in data.framework.enablers})
    w = ctx.width
    for priority in (Priority.HIGH, Priority.MEDIUM, Priority.LOW):
        group = sorted((a for a in actions if a.priority == priority),
                       key=lambda a: ((a.owner or "~").lower(), a.due_date or "9999", a.element))
        if not group:
            continue
        rows: list[list[CellValue]] = [
            [rich(f"<b>{markup(a.element)}</b><br/><font size=7 color="
                  f'"#{s.muted.hexval()[2:]}">{markup(titles.get(a.element, ""))}</font>',
                  "cell"),
             a.action, a.owner or "Unassigned", format_date(a.due_date) or "–",
             ACTION_STATUS_WORDS.get(a.status, str(a.status))] for a in group]
        out.append(need(40))
        out.append(head(ctx, f"{PRIORITY_WORDS[priority]} priority ({len(group)})", 2,
                        f"actions-{priority}", in_contents=False, style="h3"))
        out.append(data_table(s, ["Element", "Action", "Owner", "Due", "Status"], rows,
                              [38 * mm, w - 38 * mm - 34 * mm - 24 * mm - 18 * mm, 34 * mm,
                               24 * mm, 18 * mm]))
    counts: dict[str, dict[Priority, int]] = defaultdict(lambda: defaultdict(int))
    for a in actions:
        counts[a.owner or "Unassigned"][Priority(a.priority)] += 1
    rows2: list[list[CellValue]] = [
        [owner, str(c[Priority.HIGH]), str(c[Priority.MEDIUM]), str(c[Priority.LOW]),
         str(sum(c.values()))] for owner, c in sorted(counts.items(),
                                                      key=lambda p: p[0].lower())]
    out.append(need(40))
    out.append(head(ctx, "Actions by owner", 2, "actions-owners", in_contents=False,
                    style="h3"))
    out.append(data_table(s, ["Owner", "High", "Medium", "Low", "Total"], rows2,
                          [w - 4 * 20 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm],
                          numeric=[1, 2, 3, 4]))
    out.append(section_end())
    return out


# ---------------------------------------------------------------- sign-off


def sign_off(ctx: Context) -> list[m.Block]:
    s, data = ctx.styles, ctx.data
    d = data.document.details
    sign = data.signoff
    w = ctx.width
    out = section_title(ctx, "signoff", "Sign-off",
                        "Who stands behind this report, and the data it was made from.")
    out.append(m.CopyNotice())  # an editable copy says here that it is not the original
    if sign is not None:
        out.append(rich((
            f"This report was signed off on {format_date(sign.signed_on)} as revision "
            f"{sign.revision} of the assessment of {markup(d.client)}. The assessment is locked: "
            "any later change is made as a new revision with its reason, and the signed "
            "revision stays as it is."), "body"))
        signers = list(sign.signers)
    else:
        out.append(rich((
            "This report is a <b>draft</b>. It becomes final when the lead assessor, and where "
            "agreed a representative of the client, sign it off below. Signing off locks the "
            "assessment; from then on any change is made as a new revision with its reason."),
            "body"))
        signers = list(data.planned_signers) or [
            Signer(d.lead_assessor, "Lead assessor", s.brand.firm_name),
            Signer("", "Client representative", d.client)]
    boxes: list[m.SignatureBox] = []
    half = (w - 8 * mm) / 2
    for signer in signers:
        heading_text = f"For {signer.organisation}" if signer.organisation else "Signed by"
        if signer.countersign_pending:  # only a captured signature says the client signed
            heading_text = f"{heading_text} — to be countersigned" if signer.organisation \
                else "To be countersigned"
        boxes.append(m.SignatureBox(
            heading_text, signer.name, signer.role, signer.organisation,
            format_date(signer.signed_on) if signer.signed_on else "",
            signer.signature_png if sign is not None else None))
    out += [gap(3), m.Signatures(tuple(boxes), half), gap(4)]

    digest = sign.content_hash if sign is not None else data.content_hash
    if digest:
        label = ("Content hash of the signed revision (SHA-256)" if sign is not None else
                 "Content hash of the data this draft was made from (SHA-256)")
        box = m.Panel((
            plain(label.upper(), "label"), rich(_spaced_hash(digest), "hash"),
            plain("The hash is computed over a canonical form of the assessment: its "
                  "details, team, ratings, consensus, targets, evidence, actions and the "
                  "digests of its attachments. Any change to any of them gives a different "
                  "hash, so it shows whether this report matches the data held by the "
                  "assessor.", "muted")), w)
        out.append(box)  # kept whole by the KeepTogether of the section (not nested: a
        # KeepTogether inside another reports an endless height and forces a new page)
    if sign is not None and sign.history:
        rows_h: list[list[CellValue]] = [[str(h.revision), format_date(h.date), h.description]
                                         for h in sign.history]
        out += [gap(4), sub("Revision history"), data_table(
            s, ["Revision", "Date", "Description"], rows_h,
            [20 * mm, 38 * mm, w - 58 * mm], numeric=[0])]
    if data.embedded_files:
        names = "; ".join(markup(f"{e.name} ({_what_is_attached(e.description)})")
                          for e in data.embedded_files)
        # Only in the PDF: the Word report has no attachments.
        out.append(m.Para(runs(f"Attached to this PDF: {names}."), "muted", pdf_only=True))
    return [m.Keep(tuple(out))]  # one page: its revision history never alone on the next


def _what_is_attached(description: str) -> str:
    """What an attachment holds, in a few words: its description up to the first ';'."""
    return description.split(";")[0].strip() or "attached file"


def _spaced_hash(digest: str) -> str:
    """The hash in groups of eight characters, so a reader can compare it by eye."""
    clean = "".join(c for c in digest if c.isalnum())
    return markup(" ".join(clean[i:i + 8] for i in range(0, len(clean), 8)))



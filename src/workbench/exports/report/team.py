"""The report section "How the team reached its ratings" (only with two or more assessors).

It shows the assessors, how far they agreed before consensus (the share of indicators rated
identically and Cohen's or Fleiss' kappa, from core.agreement), and the elements where the
team's initial spread was largest.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from workbench.core.agreement import (
    MIN_KAPPA_ITEMS,
    ElementAgreement,
    ElementStatus,
    ItemStatus,
    agreement_stats,
    engagement_agreement,
)
from workbench.core.ratings import RatingSet
from workbench.exports.report import document as m
from workbench.exports.report.blocks import (
    CellValue,
    data_table,
    gap,
    head,
    keep,
    need,
    section_end,
    section_title,
    sub,
)
from workbench.exports.report.context import Context
from workbench.exports.report.model import ReportInput
from workbench.exports.report.richtext import rich
from workbench.exports.report.text import join_words, markup, plural

LARGEST_SHOWN = 8

# Landis and Koch (1977), the usual words for a kappa.
_KAPPA_WORDS = ((0.0, "poor"), (0.2, "slight"), (0.4, "fair"), (0.6, "moderate"),
                (0.8, "substantial"), (1.01, "almost perfect"))
_NOW_WORDS = {ElementStatus.NEEDS_CONSENSUS: "Still to agree",
              ElementStatus.CONSENSUS_SET: "Agreed by consensus",
              ElementStatus.AGREED: "Agreed", ElementStatus.SINGLE: "One rating",
              ElementStatus.UNRATED: "Not rated"}


def applies(data: ReportInput) -> bool:
    """The section is shown when two or more assessors have rated something."""
    return sum(1 for r in data.document.ratings.assessors.values() if not r.is_empty()) >= 2


def kappa_words(value: float) -> str:
    for bound, word in _KAPPA_WORDS:
        if value < bound:
            return word
    return "almost perfect"


def _disputed(element: ElementAgreement) -> int:
    """Items the assessors first rated differently (settled since or not)."""
    return sum(1 for i in element.items if len(i.ratings) >= 2 and not i.agreed)


def _consensus_counts(ratings: RatingSet) -> tuple[int, int]:
    return len(ratings.consensus.indicators), len(ratings.consensus.objectives)


def team_section(ctx: Context) -> list[m.Block]:
    data = ctx.data
    if not applies(data):
        return []
    s, framework, ratings = ctx.styles, data.framework, data.document.ratings
    w = ctx.width
    out = section_title(ctx, "team", "How the team reached its ratings",
                        "Each assessor rated on their own first; the team then agreed the "
                        "values where they differed.")
    rated = list(data.document.assessors)
    names = [markup(a.name) + (f" ({markup(a.role)})" if a.role else "") for a in rated]
    stats = agreement_stats(framework, ratings)
    text = f"The assessment team: {join_words(names)}. "
    if stats.share is not None:
        text += (f"Before consensus, {stats.identical} of the {stats.rated_by_several} "
                 "indicators rated by two or more assessors were rated identically "
                 f"(<b>{stats.share * 100:.0f}\u2009%</b>). ")
    if stats.kappa is not None:
        name = "Cohen’s" if stats.kappa_method == "cohen" else "Fleiss’"
        text += (f"{name} kappa, which discounts the agreement expected by chance, was "
                 f"<b>{stats.kappa:.2f}</b> ({kappa_words(stats.kappa)} agreement in the usual "
                 "terms of Landis and Koch).")
    else:
        text += (f"Kappa is not given: it needs at least {MIN_KAPPA_ITEMS} indicators rated "
                 "by two or more assessors.")
    out.append(rich(text, "body"))
    elements = engagement_agreement(framework, ratings)
    indicators, objectives = _consensus_counts(ratings)
    still = [e.code for e in elements if e.status is ElementStatus.NEEDS_CONSENSUS]
    settled = (f"The team recorded consensus values for {plural(indicators, 'indicator')} and "
               f"{plural(objectives, 'objective')}. ")
    if still:
        settled += (f"{plural(len(still), 'element')} still "
                    f"{'awaits' if len(still) == 1 else 'await'} consensus "
                    f"({markup(join_words(still[:12]))}{', …' if len(still) > 12 else ''}); "
                    "their scores use the mean of the assessors’ ratings"
                    f"{'' if ctx.data.signoff is not None else ' for now'}.")
    else:
        settled += "No element awaits consensus."
    out.append(rich(settled, "body"))
    rows: list[list[CellValue]] = [[
        a.name, a.role or "–",
        str(sum(1 for i in elements for x in i.indicators if x.values.get(a.name) is not None)),
        str(sum(1 for i in elements if i.objective is not None
                and i.objective.values.get(a.name) is not None))] for a in rated]
    out.append(gap(2))
    out.append(keep(sub("The assessors"), data_table(
        s, ["Assessor", "Role", "Indicators rated", "Objectives judged"], rows,
        [w - 50 * mm - 30 * mm - 30 * mm, 50 * mm, 30 * mm, 30 * mm], numeric=[2, 3])))
    spread = sorted((e for e in elements if e.total_spread > 0),
                    key=lambda e: (-e.total_spread, -e.max_spread))[:LARGEST_SHOWN]
    if spread:
        titles = {e.code: e.title for e in framework.elements()}
        titles.update({n.code: n.name for n in framework.enablers})
        table_rows: list[list[CellValue]] = [
            [rich(f"<b>{markup(e.code)}</b> {markup(titles.get(e.code, ''))}", "cell"),
             str(_disputed(e)), str(e.max_spread), str(e.total_spread), _NOW_WORDS[e.status]]
            for e in spread]
        out.append(gap(3))
        out.append(need(40))
        out.append(head(ctx, "Where the initial spread was largest", 2, "team-spread",
                        in_contents=False, style="h4"))
        out.append(rich("Spread is the highest minus the lowest level the assessors gave an "
                        "indicator (N/A beside a level counts as the whole scale), or the "
                        "steps between their objective judgements, summed over the "
                        "element.", "body"))
        out.append(data_table(
            s, ["Element", "Rated differently", "Largest spread", "Total spread", "Now"],
            table_rows,
            [w - 4 * 26 * mm - 10 * mm, 26 * mm, 26 * mm, 26 * mm, 36 * mm],
            numeric=[1, 2, 3]))
    out.append(section_end())
    return out


__all__ = ["ItemStatus", "applies", "kappa_words", "team_section"]

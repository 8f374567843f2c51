"""The executive summary's prose, written from the figures (never a dump of them).

Each function returns report markup whose user and framework text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.framework import Dimension, Element, Framework
from workbench.core.scoring import ElementScore, RollupScore, ScoreResult, Status
from workbench.exports.report.model import ReportInput
from workbench.exports.report.state import is_final, mean_clause, status_paragraph
from workbench.exports.report.text import (
    fmt_percent,
    fmt_points,
    fmt_score,
    join_words,
    markup,
    plural,
)


@dataclass(frozen=True)
class RankedDimension:
    dimension: Dimension
    score: RollupScore


@dataclass(frozen=True)
class Gap:
    element: Element
    score: ElementScore

    @property
    def size(self) -> int:
        return self.score.gap or 0


def ranked_dimensions(framework: Framework, score: ScoreResult) -> list[RankedDimension]:
    """Dimensions with a percent, strongest first (ties by code, so the order is stable)."""
    found = [RankedDimension(d, score.dimensions[d.code]) for d in framework.dimensions
             if score.dimensions[d.code].percent is not None
             and any(score.elements[e.code].status not in (Status.NOT_ASSESSED,
                                                           Status.NOT_APPLICABLE)
                     for e in d.elements)]
    return sorted(found, key=lambda r: (-(r.score.percent or 0.0), r.dimension.code))


def strongest_and_weakest(framework: Framework, score: ScoreResult,
                          count: int = 3) -> tuple[list[RankedDimension], list[RankedDimension]]:
    """Up to `count` strongest and weakest dimensions, never the same one in both lists."""
    ranked = ranked_dimensions(framework, score)
    each = min(count, len(ranked) // 2) if len(ranked) > 1 else len(ranked)
    strongest = ranked[:each]
    weakest = list(reversed(ranked[len(ranked) - each:])) if len(ranked) > 1 else []
    return strongest, weakest


def largest_gaps(framework: Framework, score: ScoreResult, count: int = 5) -> list[Gap]:
    """Elements furthest below their target level, the widest gap and lowest percent first."""
    gaps = [Gap(e, score.elements[e.code]) for e in framework.elements()
            if (score.elements[e.code].gap or 0) > 0
            and score.elements[e.code].status is not Status.NOT_ASSESSED]
    gaps.sort(key=lambda g: (-g.size, g.score.percent or 0.0, g.element.code))
    return gaps[:count]


def _dim(framework: Framework, r: RankedDimension) -> str:
    level = r.score.level
    band = f"level {level}, {framework.band_label(level)}" if level is not None else "no level"
    return f"<b>{markup(r.dimension.name)}</b> ({fmt_percent(r.score.percent)}, {markup(band)})"


def _best_element(framework: Framework, score: ScoreResult, dimension: Dimension,
                  best: bool) -> tuple[Element, ElementScore] | None:
    # An element nobody assessed is not "the lowest-rated": it has no rating at all.
    scored = [(e, score.elements[e.code]) for e in dimension.elements
              if score.elements[e.code].percent is not None
              and score.elements[e.code].status is not Status.NOT_ASSESSED]
    if not scored:
        return None
    scored.sort(key=lambda p: (p[1].percent or 0.0, p[0].code), reverse=best)
    return scored[0]


def summary_paragraphs(data: ReportInput) -> list[str]:
    """The executive summary in full sentences, from the engagement's figures."""
    f, s = data.framework, data.score
    if s.level is None:
        return [_no_score(data)]
    if s.assessed_elements == 0:
        return [f"Nothing has been assessed yet for {_where(data)}: no indicator is rated and "
                "no objective judged, so the assessment gives no maturity level so far.",
                status_paragraph(data)]
    out = [_headline(data), status_paragraph(data)]
    parts = [_categories(f, s), *_ends(f, s), _targets(f, s), _enablers(f, s), _closing(data)]
    return out + [p for p in parts if p]


def _where(data: ReportInput) -> str:
    d = data.document.details
    return markup(d.client) + (f" at {markup(d.site)}" if d.site else "")


def _no_score(data: ReportInput) -> str:
    return (f"No element of the framework applies to {_where(data)} as assessed, so the "
            "assessment gives no overall score or maturity level.")


def _headline(data: ReportInput) -> str:
    f, s = data.framework, data.score
    level = s.level or 0
    headline = (f"{_where(data)} scored <b>{fmt_score(s.total)}</b> of {fmt_points(s.max)} "
                "points, "
                f"which places its customer experience management at <b>level {level}, "
                f"{markup(f.band_label(level))}</b>.")
    if s.applicable_max < s.max:
        excluded = [c for c, e in s.elements.items() if e.status is Status.NOT_APPLICABLE]
        headline += (f" {plural(len(excluded), 'element').capitalize()} "
                     f"({markup(join_words(excluded))}) did not apply to the organisation; "
                     f"measured against the {fmt_points(s.applicable_max)} points that did, "
                     f"the normalized total is <b>{fmt_score(s.normalized_total)}</b> of "
                     f"{fmt_points(s.max)}.")
    return headline


def _categories(f: Framework, s: ScoreResult) -> str:
    """Where the balance lies between the categories."""
    cats = [(c, s.categories[c.id]) for c in f.categories
            if s.categories[c.id].percent is not None]
    if len(cats) < 2:
        return ""
    parts = [f"{markup(c.name)} reached {fmt_percent(r.percent)} of its points" for c, r in cats]
    hi_c, hi = max(cats, key=lambda p: p[1].percent or 0.0)
    lo_c, lo = min(cats, key=lambda p: p[1].percent or 0.0)
    diff = (hi.percent or 0.0) - (lo.percent or 0.0)
    if diff >= 5:
        balance = (f"The organisation is noticeably stronger in {markup(hi_c.name)} than in "
                   f"{markup(lo_c.name)}, a difference of {diff:.0f} percentage points.")
    else:
        balance = "The categories are evenly balanced."
    return join_words(parts) + ". " + balance


def _ends(f: Framework, s: ScoreResult) -> list[str]:
    """The strongest and the weakest dimensions, with the element that stands out in each."""
    out: list[str] = []
    strongest, weakest = strongest_and_weakest(f, s)
    if strongest:
        sentence = (f"The strongest {'dimension is' if len(strongest) == 1 else 'dimensions are'}"
                    f" {join_words([_dim(f, r) for r in strongest])}.")
        top = _best_element(f, s, strongest[0].dimension, best=True)
        if top is not None:
            sentence += (f" Within {markup(strongest[0].dimension.name)}, {markup(top[0].code)} "
                         f"<i>{markup(top[0].title)}</i> leads at {fmt_percent(top[1].percent)}.")
        out.append(sentence)
    if weakest:
        sentence = (f"The weakest {'is' if len(weakest) == 1 else 'are'} "
                    f"{join_words([_dim(f, r) for r in weakest])}.")
        points = sum(r.score.applicable_max for r in weakest)
        missing = sum(r.score.applicable_max - r.score.score for r in weakest)
        sentence += (f" Together they carry {fmt_points(points)} of the "
                     f"{fmt_points(s.applicable_max)} applicable points and leave "
                     f"{missing:.0f} of them unrealised, so they are where improvement would "
                     "raise the total most.")
        low = _best_element(f, s, weakest[0].dimension, best=False)
        if low is not None:
            sentence += (f" The lowest-rated assessed element in "
                         f"{markup(weakest[0].dimension.name)} is {markup(low[0].code)} "
                         f"<i>{markup(low[0].title)}</i> at {fmt_percent(low[1].percent)}.")
        blank = [e.code for e in weakest[0].dimension.elements
                 if s.elements[e.code].status is Status.NOT_ASSESSED]
        if blank:
            sentence += (f" {markup(join_words(blank))} {'was' if len(blank) == 1 else 'were'} "
                         "not assessed.")
        out.append(sentence)
    return out


def _targets(f: Framework, s: ScoreResult) -> str:
    """The gaps between today's levels and the targets agreed with the client."""
    targeted = [e for e in s.elements.values() if e.target is not None and e.level is not None
                and e.status is not Status.NOT_ASSESSED]
    if not targeted:
        return ("No target levels have been agreed yet for the assessed elements, so this report "
                "cannot show the gap between today's maturity and the organisation's ambition.")
    below = [e for e in targeted if (e.gap or 0) > 0]
    gaps = largest_gaps(f, s, 3)
    if not gaps:
        return (f"Every one of the {plural(len(targeted), 'assessed element')} with an agreed "
                "target already meets or exceeds it.")
    named = [f"{markup(g.element.code)} <i>{markup(g.element.title)}</i> (level "
             f"{g.score.level} against a target of {g.score.target})" for g in gaps]
    return (f"Of the {plural(len(targeted), 'assessed element')} with an agreed target, "
            f"{len(below)} {'is' if len(below) == 1 else 'are'} below it and "
            f"{len(targeted) - len(below)} meet or exceed it. The largest gaps are in "
            f"{join_words(named)}.")


def _enablers(f: Framework, s: ScoreResult) -> str:
    enablers = [(n, s.enablers[n.code]) for n in f.enablers
                if s.enablers[n.code].percent is not None
                and s.enablers[n.code].status is not Status.NOT_ASSESSED]
    if len(enablers) < 2:
        return ""
    enablers.sort(key=lambda p: (-(p[1].percent or 0.0), p[0].code))
    (top_n, top_s), (low_n, low_s) = enablers[0], enablers[-1]
    return (f"Of the framework's enablers, <i>{markup(top_n.name)}</i> is the most developed "
            f"({fmt_percent(top_s.percent)}) and <i>{markup(low_n.name)}</i> the least "
            f"({fmt_percent(low_s.percent)}); the enablers do not add to the score but explain "
            "much of it.")


def _closing(data: ReportInput) -> str:
    """What remains to agree, and the size of the plan."""
    s = data.score
    closing: list[str] = []
    if s.needs_consensus:
        verb = "did not reach" if is_final(data) else "have still to reach"
        closing.append(
            f"The assessors {verb} agreement on {plural(len(s.needs_consensus), 'element')} "
            f"({markup(join_words(s.needs_consensus[:6]))}"
            f"{', among others' if len(s.needs_consensus) > 6 else ''}), where "
            f"{mean_clause(data)}.")
    actions = data.document.actions
    if actions:
        high = sum(1 for a in actions if a.priority == "high")
        closing.append(
            f"The improvement plan sets out {plural(len(actions), 'action')}, "
            f"{high} of {'it' if len(actions) == 1 else 'them'} of high priority.")
    return " ".join(closing)

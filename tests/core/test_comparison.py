"""The change between a baseline and a re-assessment: unit and property tests."""

from __future__ import annotations

import inspect

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.comparison import ActionFollowUp, ChangeState, Comparison, compare
from workbench.core.comparison_summary import summary
from workbench.core.display import score_text
from workbench.core.engagement import Action, ActionStatus
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.core.ratings import NA, Ratings, RatingSet
from workbench.core.scoring import score_engagement

FRAMEWORK: Framework = bundled_framework("cem-6d")
INDICATORS = list(FRAMEWORK.indicator_owner)
ELEMENTS = list(FRAMEWORK.element_by_code)
values = st.one_of(st.integers(1, 5), st.just(NA))
objectives = st.sampled_from(["fully", "partially", "not_yet"])
rating_sets = st.builds(
    RatingSet,
    st.dictionaries(st.sampled_from(["A", "B"]),
                    st.builds(Ratings,
                              st.dictionaries(st.sampled_from(INDICATORS), values, max_size=120),
                              st.dictionaries(st.sampled_from(ELEMENTS), objectives,
                                              max_size=32)),
                    min_size=1, max_size=2),
    st.just(Ratings()), st.just({}))


def rated_all(level: int, objective: str = "partially") -> RatingSet:
    indicators = {i.code: level for e in FRAMEWORK.elements() for i in e.indicators}
    return RatingSet({"A": Ratings(indicators, {e: objective for e in ELEMENTS})})


def comparison(old: RatingSet, new: RatingSet, old_fw: Framework = FRAMEWORK,
               new_fw: Framework = FRAMEWORK) -> Comparison:
    return compare(old_fw, score_engagement(old_fw, old), new_fw, score_engagement(new_fw, new))


def test_equal_ratings_give_zero_change() -> None:
    c = comparison(rated_all(3), rated_all(3))
    assert c.total.points == 0 and c.total.percent == 0 and c.total.levels == 0
    assert all(e.state is ChangeState.COMPARED and e.points == 0 for e in c.elements)
    assert all(d.points == 0 for d in c.dimensions + c.categories)
    assert c.indicators == () and c.codes.empty and c.codes.same_framework
    assert c.largest() == ([], [])


def test_a_better_year_shows_gains_per_element_and_moved_indicators() -> None:
    c = comparison(rated_all(2), rated_all(4))
    d26 = next(e for e in c.elements if e.code == "D2.6")
    assert d26.baseline and d26.current and d26.points is not None
    assert d26.points == d26.current.score - d26.baseline.score > 0
    assert d26.levels is not None and d26.levels > 0
    assert c.total.points is not None and c.total.points > 0
    moves = {m.code: m for m in c.indicators}
    assert moves["D2.6.3"].baseline == 2 and moves["D2.6.3"].current == 4
    assert moves["D2.6.3"].change is not None and moves["D2.6.3"].change > 0
    gains, falls = c.largest(3)
    assert len(gains) == 3 and falls == []
    assert gains[0].points is not None and gains[-1].points is not None
    assert gains[0].points >= gains[-1].points  # largest first


def test_not_assessed_and_na_are_shown_as_such_never_minus_100_percent() -> None:
    old = rated_all(4, "fully")
    indicators = dict(old.assessors["A"].indicators)
    objectives_now = dict(old.assessors["A"].objectives)
    for i in FRAMEWORK.element_by_code["D1.1"].indicators:  # not assessed this year
        del indicators[i.code]
    del objectives_now["D1.1"]
    for i in FRAMEWORK.element_by_code["D1.2"].indicators:  # not applicable this year
        indicators[i.code] = NA
    new = RatingSet({"A": Ratings(indicators, objectives_now)})
    c = comparison(old, new)
    by_code = {e.code: e for e in c.elements}
    assert by_code["D1.1"].state is ChangeState.NOT_ASSESSED
    assert by_code["D1.1"].points is None and by_code["D1.1"].percent is None
    assert by_code["D1.2"].state is ChangeState.NOT_APPLICABLE
    assert by_code["D1.2"].points is None and by_code["D1.2"].current is not None
    assert by_code["D1.2"].current.percent is None
    assert all(e.percent is None or e.percent > -100 for e in c.elements)
    assert c.largest() == ([], [])  # the others are equal; the two are not "falls"
    moves = {m.code: m for m in c.indicators}
    first = FRAMEWORK.element_by_code["D1.2"].indicators[0].code
    assert moves[first].current == "na" and moves[first].change is None
    assert not any(m.element == "D1.1" for m in c.indicators)  # unrated is not a move


def test_a_dimension_not_assessed_at_all_has_no_change() -> None:
    old = rated_all(4)
    d1 = {e.code for e in FRAMEWORK.dimension_by_code["D1"].elements}
    new = RatingSet({"A": Ratings(
        {k: v for k, v in old.assessors["A"].indicators.items()
         if FRAMEWORK.indicator_owner[k] not in d1},
        {k: v for k, v in old.assessors["A"].objectives.items() if k not in d1})})
    dims = {d.code: d for d in comparison(old, new).dimensions}
    assert dims["D1"].state is ChangeState.NOT_ASSESSED and dims["D1"].points is None
    assert dims["D2"].state is ChangeState.COMPARED and dims["D2"].points == 0


def _next_version(framework: Framework) -> Framework:
    """A new version: D1.1 dropped, D1.2 renamed to D1.9, a new indicator D2.6.9."""
    d1, d2 = framework.dimensions[0], framework.dimensions[1]
    d1_elements = tuple(e._replace(code="D1.9") if e.code == "D1.2" else e
                        for e in d1.elements if e.code != "D1.1")
    d26 = framework.element_by_code["D2.6"]
    extra = d26.indicators[0]._replace(code="D2.6.9", text="A brand-new indicator")
    d2_elements = tuple(e._replace(indicators=(*e.indicators, extra)) if e.code == "D2.6" else e
                        for e in d2.elements)
    dimensions = (d1._replace(elements=d1_elements), d2._replace(elements=d2_elements),
                  *framework.dimensions[2:])
    fields = {name: getattr(framework, name) for name in inspect.signature(Framework).parameters}
    return Framework(**{**fields, "version": "2.0", "dimensions": dimensions})


def test_codes_added_removed_and_renamed_across_versions_are_listed() -> None:
    newer = _next_version(FRAMEWORK)
    c = comparison(rated_all(3), RatingSet(), FRAMEWORK, newer)
    assert not c.codes.same_framework
    assert c.codes.removed["element"] == ("D1.1", "D1.2")
    assert c.codes.added["element"] == ("D1.9",)
    assert "D2.6.9" in c.codes.added["indicator"]
    assert {(r.kind, r.old, r.new) for r in c.codes.renamed} >= {("element", "D1.2", "D1.9")}
    states = {e.code: e.state for e in c.elements}
    assert states["D1.1"] is ChangeState.REMOVED and states["D1.2"] is ChangeState.REMOVED
    assert states["D1.9"] is ChangeState.ADDED
    assert len(c.elements) == len(FRAMEWORK.element_by_code) + 1  # nothing dropped


@settings(max_examples=60, deadline=None)
@given(rating_sets)
def test_any_ratings_compared_with_themselves_change_nothing(ratings: RatingSet) -> None:
    c = comparison(ratings, ratings)
    assert c.indicators == ()
    for change in (c.total, *c.categories, *c.dimensions, *c.elements):
        assert change.points in (None, 0)
        assert change.percent in (None, 0)
        assert change.state is not ChangeState.ADDED and change.state is not ChangeState.REMOVED


@settings(max_examples=60, deadline=None)
@given(rating_sets, rating_sets)
def test_swapping_the_years_negates_every_change(first: RatingSet, second: RatingSet) -> None:
    forward, back = comparison(first, second), comparison(second, first)
    for a, b in zip((forward.total, *forward.dimensions, *forward.elements),
                    (back.total, *back.dimensions, *back.elements), strict=True):
        assert a.state is b.state
        if a.points is not None and b.points is not None:
            assert abs(a.points + b.points) < 1e-9
            assert a.levels == -(b.levels or 0)
    assert len(forward.indicators) == len(back.indicators)


@settings(max_examples=60, deadline=None)
@given(rating_sets, rating_sets)
def test_a_change_exists_only_where_both_years_are_assessed(first: RatingSet,
                                                            second: RatingSet) -> None:
    c = comparison(first, second)
    for e in c.elements:
        assert (e.points is not None) == (e.state is ChangeState.COMPARED)
        if e.state is ChangeState.COMPARED:
            assert e.baseline and e.current
            assert e.baseline.status not in ("not_assessed", "not_applicable")
            assert e.current.status not in ("not_assessed", "not_applicable")


# ---------------------------------------------------------------- the written account

def _account(old: RatingSet, new: RatingSet, actions: tuple[ActionFollowUp, ...] = ()) -> str:
    return " ".join(summary(comparison(old, new), "2 November 2026", FRAMEWORK.band_label,
                            actions))


def test_the_account_of_equal_years_says_unchanged_and_names_no_gain() -> None:
    text = _account(rated_all(3), rated_all(3))
    result = score_engagement(FRAMEWORK, rated_all(3))
    assert f"the total is unchanged at {score_text(result.normalized_total)} points" in text
    assert "No element gained or fell." in text and "largest" not in text
    assert "improvement action" not in text  # none: the section's own table says so


def test_the_account_takes_its_figures_from_the_comparison() -> None:
    c = comparison(rated_all(2), rated_all(4))
    text = _account(rated_all(2), rated_all(4))
    t = c.total
    assert t.points is not None and t.baseline and t.current and t.levels
    assert (f"the total rose by {score_text(t.points)} points, from "
            f"{score_text(t.baseline.score)} to {score_text(t.current.score)}, moving from "
            f"level {t.baseline.level} ({FRAMEWORK.band_label(t.baseline.level or 0)}) to "
            f"level {t.current.level}") in text
    gains, _ = c.largest(3)
    assert "The largest gains were in " + ", ".join(g.code + " " + g.name for g in gains[:1])\
        in text
    moved = sum(1 for e in c.elements if e.levels)
    assert f"{moved} elements moved by a level or more ({moved} up)." in text
    assert "fell" not in text


def test_the_account_counts_what_could_not_be_compared_and_the_actions() -> None:
    old = rated_all(4)
    indicators = {k: v for k, v in old.assessors["A"].indicators.items()
                  if FRAMEWORK.indicator_owner[k] != "D1.1"}
    new = RatingSet({"A": Ratings(indicators, {k: v for k, v in old.assessors["A"].objectives
                                               .items() if k != "D1.1"})})
    done = ActionFollowUp(Action("D1.1", "Study"), ActionStatus.DONE)
    still = ActionFollowUp(Action("D2.6", "Map"), None)
    text = _account(old, new, (done, still))
    assert ("1 element could not be compared (not assessed in one of the years) and shows no "
            "change.") in text
    assert "Of the 2 improvement actions agreed at the baseline, 1 done and 1 still open." \
        in text
    assert "-100" not in text and "−100" not in text

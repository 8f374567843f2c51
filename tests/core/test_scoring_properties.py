"""Properties of the scoring engine over any mix of ratings (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.core.ratings import NA, Ratings, RatingSet
from workbench.core.scoring import Status, score_engagement

FRAMEWORK: Framework = bundled_framework("cem-6d")
INDICATORS = list(FRAMEWORK.indicator_owner)
ELEMENTS = list(FRAMEWORK.element_by_code)
values = st.one_of(st.integers(1, 5), st.just(NA))
objectives = st.sampled_from(["fully", "partially", "not_yet"])


def ratings_of() -> st.SearchStrategy[Ratings]:
    return st.builds(Ratings,
                     st.dictionaries(st.sampled_from(INDICATORS), values, max_size=120),
                     st.dictionaries(st.sampled_from(ELEMENTS), objectives, max_size=32))


rating_sets = st.builds(
    RatingSet,
    st.dictionaries(st.sampled_from(["A", "B", "C"]), ratings_of(), min_size=1, max_size=3),
    st.one_of(st.just(Ratings()), ratings_of()),
    st.dictionaries(st.sampled_from(ELEMENTS), st.integers(1, 5), max_size=10))


def all_scores(ratings: RatingSet) -> dict[str, float]:
    r = score_engagement(FRAMEWORK, ratings)
    out = {"total": r.total, "normalized": r.normalized_total}
    out.update({f"e:{k}": v.score for k, v in r.elements.items()})
    out.update({f"d:{k}": v.score for k, v in r.dimensions.items()})
    out.update({f"c:{k}": v.score for k, v in r.categories.items()})
    return out


@settings(max_examples=150, deadline=None)
@given(rating_sets)
def test_total_stays_within_zero_and_thousand(ratings: RatingSet) -> None:
    r = score_engagement(FRAMEWORK, ratings)
    assert 0 <= r.total <= 1000 + 1e-9
    assert 0 <= r.normalized_total <= 1000 + 1e-9
    assert r.total <= r.applicable_max + 1e-9
    for d in r.dimensions.values():
        assert 0 <= d.score <= d.applicable_max + 1e-9


@settings(max_examples=150, deadline=None)
@given(rating_sets, st.data())
def test_raising_any_rating_never_lowers_any_score(ratings: RatingSet, data: Any) -> None:
    candidates = [(who, code) for who, r in ratings.assessors.items()
                  for code, v in r.indicators.items() if v != NA and v < 5]
    candidates += [("consensus", code) for code, v in ratings.consensus.indicators.items()
                   if v != NA and v < 5]
    if not candidates:
        return
    who, code = data.draw(st.sampled_from(candidates))
    source = ratings.consensus if who == "consensus" else ratings.assessors[who]
    old = source.indicators[code]
    assert old != NA
    new_value = data.draw(st.integers(int(old) + 1, 5))
    raised = Ratings({**source.indicators, code: new_value}, source.objectives)
    if who == "consensus":
        after = RatingSet(ratings.assessors, raised, ratings.targets)
    else:
        after = RatingSet({**ratings.assessors, who: raised}, ratings.consensus, ratings.targets)
    before_scores, after_scores = all_scores(ratings), all_scores(after)
    for key, value in before_scores.items():
        if key == "normalized":
            continue  # raising a level can turn an all-N/A element applicable again
        assert after_scores[key] >= value - 1e-9, key


@settings(max_examples=100, deadline=None)
@given(rating_sets, st.sampled_from(ELEMENTS))
def test_na_everywhere_in_an_element_removes_exactly_its_points(ratings: RatingSet,
                                                               element: str) -> None:
    codes = [i.code for i in FRAMEWORK.element_by_code[element].indicators]
    nas = dict.fromkeys(codes, NA)
    only_a = RatingSet({"A": Ratings({**{k: v for k, v in ratings.assessors.get(
        "A", Ratings()).indicators.items() if k not in codes}, **nas})}, Ratings(), {})
    others = RatingSet({"A": Ratings({k: v for k, v in only_a.assessors["A"].indicators.items()
                                      if k not in codes})}, Ratings(), {})
    with_na = score_engagement(FRAMEWORK, only_a)
    without = score_engagement(FRAMEWORK, others)
    assert with_na.elements[element].status is Status.NOT_APPLICABLE
    points = FRAMEWORK.element_by_code[element].points
    was_na = without.elements[element].status is Status.NOT_APPLICABLE
    assert with_na.applicable_max == without.applicable_max - (0 if was_na else points)


@settings(max_examples=100, deadline=None)
@given(rating_sets, st.randoms())
def test_the_order_of_assessors_does_not_matter(ratings: RatingSet, rnd: Any) -> None:
    names = list(ratings.assessors)
    rnd.shuffle(names)
    shuffled = RatingSet({n: ratings.assessors[n] for n in names}, ratings.consensus,
                         ratings.targets)
    assert score_engagement(FRAMEWORK, shuffled) == score_engagement(FRAMEWORK, ratings)

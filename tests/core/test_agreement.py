"""The team's agreement: spreads, proposals, statuses, agreement share and kappa."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.agreement import (
    MIN_KAPPA_ITEMS,
    ElementStatus,
    ItemStatus,
    agreement_stats,
    cohen_kappa,
    element_agreement,
    fleiss_kappa,
    largest_disagreement_first,
    level_spread,
    lower_median,
    objective_agreement,
    propose_level,
)
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.core.ratings import NA, Ratings, RatingSet
from workbench.core.scoring import Source, resolve_indicator

FRAMEWORK: Framework = bundled_framework("cem-6d")
INDICATORS = [i.code for e in FRAMEWORK.elements() for i in e.indicators]
levels = st.integers(1, 5)
values = st.one_of(levels, st.just(NA))


def team(**by_assessor: dict[str, object]) -> RatingSet:
    return RatingSet({name: Ratings(v) for name, v in by_assessor.items()})  # type: ignore[arg-type]


def test_lower_median_takes_the_more_cautious_middle_value() -> None:
    assert lower_median([2, 4]) == 2
    assert lower_median([5, 1, 3]) == 3
    assert lower_median([1, 2, 4, 5]) == 2


def test_an_indicator_with_differing_ratings_needs_consensus() -> None:
    ratings = team(A={"D1.1.1": 2}, B={"D1.1.1": 5}, C={"D1.1.1": 3})
    item = element_agreement(FRAMEWORK, ratings, "D1.1").indicators[0]
    assert item.values == {"A": 2, "B": 5, "C": 3}
    assert item.spread == 3
    assert item.status is ItemStatus.NEEDS_CONSENSUS
    assert item.proposed == 3
    assert item.used.source is Source.MEAN
    assert item.used == resolve_indicator(FRAMEWORK, ratings, "D1.1.1")


def test_na_beside_a_level_is_the_widest_spread() -> None:
    assert level_spread([NA, 3], 4) == 4
    assert level_spread([NA, NA], 4) == 0
    assert level_spread([3], 4) is None
    assert propose_level([NA, NA, 4]) == NA
    assert propose_level([NA, 4]) == 4


def test_statuses_of_items_and_elements() -> None:
    ratings = RatingSet({"A": Ratings({"D1.1.1": 3, "D1.1.2": 2}, {"D1.1": "fully"}),
                         "B": Ratings({"D1.1.1": 3, "D1.1.2": 4})},
                        consensus=Ratings({"D1.1.2": 3}))
    element = element_agreement(FRAMEWORK, ratings, "D1.1")
    first, second, third = element.indicators[:3]
    assert first.status is ItemStatus.AGREED
    assert second.status is ItemStatus.CONSENSUS_SET and second.used.value == 3
    assert third.status is ItemStatus.UNRATED
    assert element.objective is not None and element.objective.status is ItemStatus.SINGLE
    assert element.status is ElementStatus.CONSENSUS_SET
    assert element.initial_spread == (2, 2) and element.open_spread == (0, 0)


def test_objective_spread_counts_steps_between_achievement_levels() -> None:
    ratings = RatingSet({"A": Ratings(objectives={"D2.1": "fully"}),
                         "B": Ratings(objectives={"D2.1": "not_yet"})})
    item = objective_agreement(FRAMEWORK, ratings, "D2.1")
    assert item.spread == 2 and item.proposed == "not_yet"
    assert item.status is ItemStatus.NEEDS_CONSENSUS


def test_largest_disagreement_comes_first() -> None:
    ratings = team(A={"D1.1.1": 1, "D1.2.1": 2, "D1.3.1": 3},
                   B={"D1.1.1": 2, "D1.2.1": 5, "D1.3.1": 3})
    from workbench.core.agreement import engagement_agreement

    order = [e.code for e in largest_disagreement_first(engagement_agreement(FRAMEWORK, ratings))]
    assert order == ["D1.2", "D1.1"]


def test_kappa_needs_enough_items() -> None:
    few = team(A={c: 3 for c in INDICATORS[:MIN_KAPPA_ITEMS - 1]},
               B={c: 3 for c in INDICATORS[:MIN_KAPPA_ITEMS - 1]})
    stats = agreement_stats(FRAMEWORK, few)
    assert stats.kappa is None and stats.share == 1.0 and stats.rated_by_several == 9
    assert agreement_stats(FRAMEWORK, team(A={"D1.1.1": 3})).share is None


def test_cohen_kappa_of_a_known_table() -> None:
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> kappa 0.4.
    pairs = [(1, 1)] * 20 + [(1, 0)] * 5 + [(0, 1)] * 10 + [(0, 0)] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_fleiss_kappa_of_the_textbook_example() -> None:
    # Fleiss (1971) style check with a small table computed by hand:
    # 3 items, 3 raters: [a,a,a], [a,a,b], [b,b,b]: P = (1 + 1/3 + 1)/3, p_a = 5/9, p_b = 4/9.
    observed = (1 + 1 / 3 + 1) / 3
    expected = (5 / 9) ** 2 + (4 / 9) ** 2
    assert fleiss_kappa([["a"] * 3, ["a", "a", "b"], ["b"] * 3]) == pytest.approx(
        (observed - expected) / (1 - expected))


item_rows = st.lists(st.lists(values, min_size=2, max_size=3), min_size=MIN_KAPPA_ITEMS,
                     max_size=40)


@given(item_rows)
def test_fleiss_kappa_is_between_minus_one_and_one(rows: list[list[object]]) -> None:
    assert -1.0 <= fleiss_kappa(rows) <= 1.0


@given(st.lists(st.tuples(values, values), min_size=1, max_size=40))
def test_cohen_kappa_is_between_minus_one_and_one(pairs: list[tuple[object, object]]) -> None:
    assert -1.0 <= cohen_kappa(pairs) <= 1.0


@given(st.lists(values, min_size=MIN_KAPPA_ITEMS, max_size=60), st.integers(2, 3))
def test_identical_ratings_give_kappa_one_and_full_agreement(
        column: list[object], raters: int) -> None:
    codes = INDICATORS[:len(column)]
    ratings = RatingSet({name: Ratings(dict(zip(codes, column, strict=True)))  # type: ignore[arg-type]
                         for name in "ABC"[:raters]})
    stats = agreement_stats(FRAMEWORK, ratings)
    assert stats.kappa == 1.0
    assert stats.share == 1.0
    assert stats.kappa_method == ("cohen" if raters == 2 else "fleiss")


@given(st.dictionaries(st.sampled_from(INDICATORS[:30]), values, min_size=1),
       st.dictionaries(st.sampled_from(INDICATORS[:30]), values, min_size=1))
def test_share_is_one_exactly_when_every_shared_indicator_is_identical(
        a: dict[str, object], b: dict[str, object]) -> None:
    stats = agreement_stats(FRAMEWORK, team(A=a, B=b))
    shared = set(a) & set(b)
    if not shared:
        assert stats.share is None
    else:
        assert (stats.share == 1.0) == all(a[c] == b[c] for c in shared)
    if stats.kappa is not None:
        assert -1.0 <= stats.kappa <= 1.0


@given(st.lists(values, min_size=1, max_size=5))
def test_the_proposal_is_always_one_of_the_assessors_values(given_values: list[object]) -> None:
    proposed = propose_level(given_values)  # type: ignore[arg-type]
    assert proposed in given_values
    if all(v == given_values[0] for v in given_values):
        assert proposed == given_values[0]


@given(st.lists(st.sampled_from(["fully", "partially", "not_yet"]), min_size=1, max_size=3))
def test_the_objective_proposal_is_one_of_the_assessors_values(keys: list[str]) -> None:
    ratings = RatingSet({f"A{n}": Ratings(objectives={"D2.1": k}) for n, k in enumerate(keys)})
    item = objective_agreement(FRAMEWORK, ratings, "D2.1")
    assert item.proposed in keys
    if len(set(keys)) == 1:
        assert item.proposed == keys[0]

"""The scoring method of scoring.md, case by case."""

from __future__ import annotations

import pytest

from workbench.core.framework import Framework
from workbench.core.ratings import NA, Ratings, RatingSet
from workbench.core.scoring import Source, Status, score_element, score_engagement


def one(indicators: dict[str, object] | None = None, objectives: dict[str, str] | None = None,
        targets: dict[str, int] | None = None) -> RatingSet:
    return RatingSet(assessors={"A": Ratings(indicators or {}, objectives or {})},  # type: ignore[arg-type]
                     targets=targets or {})


def test_worked_example_of_scoring_md(framework: Framework) -> None:
    ratings = one({"D5.3.1": 4, "D5.3.2": 4, "D5.3.3": 3, "D5.3.4": NA, "D5.3.5": 5},
                  {"D5.3": "partially"})
    e = score_element(framework, ratings, "D5.3")
    assert e.indicator_fraction == 0.75
    assert e.objective_fraction == 0.5
    assert e.score == 33.75
    assert e.percent == 67.5
    assert e.level == 4
    assert e.status is Status.COMPLETE


def test_element_formula_is_points_times_weighted_fractions(framework: Framework) -> None:
    ratings = one({"D1.1.1": 2, "D1.1.2": 5, "D1.1.3": 3, "D1.1.4": 1, "D1.1.5": 4},
                  {"D1.1": "fully"})
    e = score_element(framework, ratings, "D1.1")
    i = (0.25 + 1.0 + 0.5 + 0.0 + 0.75) / 5
    assert e.score == 20 * (0.7 * i + 0.3 * 1.0)


def test_unrated_indicators_count_as_zero_and_make_the_element_incomplete(
        framework: Framework) -> None:
    e = score_element(framework, one({"D1.1.1": 5, "D1.1.2": NA}), "D1.1")
    # one rated (1.0), three unrated, one N/A: I = 1.0 / 4; no objective: O = 0
    assert e.indicator_fraction == 0.25
    assert e.objective_fraction == 0.0
    assert e.score == 20 * (0.7 * 0.25 + 0.3 * 0.0)
    assert e.status is Status.INCOMPLETE


def test_missing_objective_makes_an_element_incomplete(framework: Framework) -> None:
    codes = [i.code for i in framework.element_by_code["D1.2"].indicators]
    e = score_element(framework, one(dict.fromkeys(codes, 5)), "D1.2")
    assert e.status is Status.INCOMPLETE
    assert e.score == 20 * 0.7


def test_nothing_rated_is_not_assessed_and_scores_zero(framework: Framework) -> None:
    e = score_element(framework, one(), "D3.3")
    assert e.status is Status.NOT_ASSESSED
    assert (e.score, e.percent, e.level) == (0.0, 0.0, 1)


def test_all_na_element_leaves_the_applicable_maximum(framework: Framework) -> None:
    codes = [i.code for i in framework.element_by_code["D4.1"].indicators]
    result = score_engagement(framework, one(dict.fromkeys(codes, NA), {"D4.1": "fully"}))
    e = result.elements["D4.1"]
    assert e.status is Status.NOT_APPLICABLE
    assert (e.score, e.percent, e.level) == (0.0, None, None)
    assert result.applicable_max == 950
    assert result.dimensions["D4"].applicable_max == 50
    assert result.categories["performance"].applicable_max == 550


def test_normalized_total_scales_to_the_applicable_maximum(framework: Framework) -> None:
    na = {i.code: NA for i in framework.element_by_code["D5.1"].indicators}
    full = {i.code: 5 for i in framework.element_by_code["D5.2"].indicators}
    result = score_engagement(framework, one({**na, **full}, {"D5.2": "fully"}))
    assert result.total == 50.0
    assert result.normalized_total == 1000 * 50.0 / 950


def test_everything_na_gives_zero_normalized_total_and_no_level(framework: Framework) -> None:
    result = score_engagement(framework, one(dict.fromkeys(framework.indicator_owner, NA)))
    assert result.applicable_max == 0
    assert result.normalized_total == 0.0
    assert result.level is None
    assert result.dimensions["D1"].percent is None


@pytest.mark.parametrize(("levels", "expected"), [
    ((1, 1, 1, 1, 1), 1), ((2, 2, 2, 2, 2), 1), ((3, 3, 3, 3, 3), 2), ((4, 4, 4, 4, 4), 3),
    ((5, 5, 5, 5, 5), 4)])
def test_levels_follow_the_bands(framework: Framework, levels: tuple[int, ...],
                                 expected: int) -> None:
    codes = [i.code for i in framework.element_by_code["D1.1"].indicators]
    e = score_element(framework, one(dict(zip(codes, levels, strict=True)), {"D1.1": "not_yet"}),
                      "D1.1")
    assert e.level == expected


def test_band_boundaries(framework: Framework) -> None:
    assert framework.level_for_percent(0) == 1
    assert framework.level_for_percent(19.999) == 1
    assert framework.level_for_percent(39.99999999999999) == 3  # float noise of an exact 40
    assert framework.level_for_percent(20) == 2
    assert framework.level_for_percent(59.99) == 3
    assert framework.level_for_percent(80) == 5
    assert framework.level_for_percent(100) == 5


def test_dimension_target_is_the_rounded_mean_of_element_targets(framework: Framework) -> None:
    result = score_engagement(framework, one(targets={"D1.1": 3, "D1.2": 4}))
    assert result.dimensions["D1"].target == 4  # 3.5 rounds up
    assert result.elements["D1.1"].gap == 3 - 1
    assert result.dimensions["D2"].target is None


class TestSeveralAssessors:
    def ratings(self, a: dict[str, object], b: dict[str, object],
                consensus: dict[str, object] | None = None) -> RatingSet:
        return RatingSet(assessors={"A": Ratings(a), "B": Ratings(b)},  # type: ignore[arg-type]
                         consensus=Ratings(consensus or {}))  # type: ignore[arg-type]

    def test_agreement(self, framework: Framework) -> None:
        e = score_element(framework, self.ratings({"D1.1.1": 4}, {"D1.1.1": 4}), "D1.1")
        assert e.indicators["D1.1.1"].source is Source.AGREED
        assert not e.needs_consensus

    def test_one_assessor_alone_counts_as_agreement(self, framework: Framework) -> None:
        e = score_element(framework, self.ratings({"D1.1.1": 4}, {}), "D1.1")
        assert e.indicators["D1.1.1"].fraction == 0.75
        assert not e.needs_consensus

    def test_disagreement_takes_the_mean_and_needs_consensus(self, framework: Framework) -> None:
        e = score_element(framework, self.ratings({"D1.1.1": 2}, {"D1.1.1": 5}), "D1.1")
        assert e.indicators["D1.1.1"].fraction == (0.25 + 1.0) / 2
        assert e.indicators["D1.1.1"].source is Source.MEAN
        assert e.needs_consensus

    def test_na_against_a_level_is_disagreement_and_the_mean_skips_na(
            self, framework: Framework) -> None:
        e = score_element(framework, self.ratings({"D1.1.1": NA}, {"D1.1.1": 3}), "D1.1")
        assert e.indicators["D1.1.1"].fraction == 0.5
        assert e.needs_consensus

    def test_consensus_wins(self, framework: Framework) -> None:
        e = score_element(framework, self.ratings({"D1.1.1": 2}, {"D1.1.1": 5}, {"D1.1.1": 4}),
                          "D1.1")
        assert e.indicators["D1.1.1"].fraction == 0.75
        assert e.indicators["D1.1.1"].source is Source.CONSENSUS
        assert not e.needs_consensus

    def test_objective_disagreement(self, framework: Framework) -> None:
        r = RatingSet(assessors={"A": Ratings({}, {"D1.1": "fully"}),
                                 "B": Ratings({}, {"D1.1": "not_yet"})})
        e = score_element(framework, r, "D1.1")
        assert e.objective_fraction == 0.5
        assert e.needs_consensus

    def test_one_assessors_view(self, framework: Framework) -> None:
        r = self.ratings({"D1.1.1": 2}, {"D1.1.1": 5})
        alone = score_element(framework, r.only("B"), "D1.1")
        assert alone.indicators["D1.1.1"].fraction == 1.0


class TestEnablers:
    def test_percent_is_hundred_times_the_indicator_fraction(self, framework: Framework) -> None:
        result = score_engagement(framework, one({"E2.1": 5, "E2.2": 3, "E2.3": NA}))
        n = result.enablers["E2"]
        count = len(framework.enabler_by_code["E2"].indicators)
        assert n.percent == 100 * (1.0 + 0.5) / (count - 1)
        assert n.status is Status.INCOMPLETE

    def test_all_na_enabler_has_no_percent(self, framework: Framework) -> None:
        codes = [i.code for i in framework.enabler_by_code["E1"].indicators]
        n = score_engagement(framework, one(dict.fromkeys(codes, NA))).enablers["E1"]
        assert (n.percent, n.level) == (None, None)

    def test_nothing_rated_is_zero(self, framework: Framework) -> None:
        n = score_engagement(framework, one()).enablers["E3"]
        assert (n.percent, n.level) == (0.0, 1)

    def test_enablers_are_not_part_of_the_total(self, framework: Framework) -> None:
        codes = [i.code for n in framework.enablers for i in n.indicators]
        assert score_engagement(framework, one(dict.fromkeys(codes, 5))).total == 0.0


def test_an_empty_engagement_is_zero_percent_complete(framework: Framework) -> None:
    result = score_engagement(framework, RatingSet())
    assert result.completeness == 0.0
    assert result.complete_elements == 0 and result.assessed_elements == 0
    assert all(not e.objective_judged for e in result.elements.values())


def test_completeness_counts_only_complete_elements(framework: Framework) -> None:
    d11 = [i.code for i in framework.element_by_code["D1.1"].indicators]
    d12 = [i.code for i in framework.element_by_code["D1.2"].indicators]
    # D1.1 fully rated and judged; D1.2 fully rated but its objective not judged.
    result = score_engagement(framework, one({**dict.fromkeys(d11, 3), **dict.fromkeys(d12, 3)},
                                             {"D1.1": "not_yet"}))
    assert result.elements["D1.1"].status is Status.COMPLETE
    assert result.elements["D1.1"].objective_judged  # "not yet achieved" is a judgement
    assert result.elements["D1.2"].status is Status.INCOMPLETE
    assert not result.elements["D1.2"].objective_judged
    assert result.elements["D1.2"].objective_fraction == 0.0  # still scores as O = 0
    assert result.completeness == 1 / len(result.elements)
    assert result.assessed_elements == 2

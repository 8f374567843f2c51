"""The "To review" reasons, from a score and the elements with notes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.framework_loader import bundled_framework
from workbench.core.ratings import Ratings, RatingSet
from workbench.core.review import REASONS, counts, review_reasons, summary
from workbench.core.scoring import score_engagement

FRAMEWORK = bundled_framework("cem-6d")
ELEMENTS = sorted(FRAMEWORK.element_by_code)
ENABLERS = sorted(FRAMEWORK.enabler_by_code)


def test_an_empty_engagement_has_everything_to_review() -> None:
    reasons = review_reasons(FRAMEWORK, score_engagement(FRAMEWORK, RatingSet()), set())
    assert set(reasons) == set(ELEMENTS) | set(ENABLERS)
    assert reasons[ELEMENTS[0]] == ("unrated", "objective", "notes")
    assert reasons[ENABLERS[0]] == ("unrated", "notes")  # an enabler has no objective
    assert summary(reasons).startswith(f"{len(reasons)} to review: ")


def test_a_finished_element_leaves_the_list() -> None:
    code = ELEMENTS[0]
    element = FRAMEWORK.element_by_code[code]
    ratings = Ratings({i.code: 3 for i in element.indicators},
                      {code: FRAMEWORK.objective_levels[0].key})
    score = score_engagement(FRAMEWORK, RatingSet({"Ana": ratings}))
    assert code not in review_reasons(FRAMEWORK, score, {code})
    assert review_reasons(FRAMEWORK, score, set())[code] == ("notes",)


@settings(max_examples=30, deadline=None)
@given(st.sets(st.sampled_from(ELEMENTS + ENABLERS)))
def test_counts_add_up_to_the_reasons(noted: set[str]) -> None:
    reasons = review_reasons(FRAMEWORK, score_engagement(FRAMEWORK, RatingSet()), noted)
    tally = counts(reasons)
    assert set(tally) == set(REASONS)
    assert tally["notes"] == len(ELEMENTS) + len(ENABLERS) - len(noted)
    assert all(reasons[c] for c in reasons)
    assert tally["unrated"] == len(reasons)  # nothing is rated: every element counts

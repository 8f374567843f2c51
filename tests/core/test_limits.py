"""One table of text limits: a text at its limit passes whole, one character more is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core import limits
from workbench.core.engagement import (
    Action,
    Assessor,
    ElementEvidence,
    EngagementDetails,
    EngagementDocument,
)
from workbench.core.errors import ErrorCode, InvalidValueError, TooLongError
from workbench.core.ratings import RatingSet


@given(st.text(max_size=60), st.integers(min_value=0, max_value=60))
def test_a_text_passes_whole_or_is_refused_never_cut(text: str, limit: int) -> None:
    if len(text) <= limit:
        assert limits.check_text(text, limit, "note") is text
    else:
        with pytest.raises(TooLongError) as caught:
            limits.check_text(text, limit, "note")
        assert caught.value.code == ErrorCode.TOO_LONG
        assert f"longer than {limit:,} characters" in str(caught.value)


def test_too_long_is_an_invalid_value_so_existing_handlers_still_catch_it() -> None:
    with pytest.raises(InvalidValueError, match="the client is longer than 200"):
        limits.check_details(EngagementDetails("x" * 201, "", "", "Lead"))


def _doc(**kw: object) -> EngagementDocument:
    base: dict[str, object] = dict(details=EngagementDetails("Client", "", "", "Lead"),
                                   framework_id="cem-6d", framework_version="1.0",
                                   assessors=(Assessor("Lead", "Lead assessor", "LA"),),
                                   ratings=RatingSet())
    base.update(kw)
    return EngagementDocument(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(("field", "value", "named"), [
    ("assessors", (Assessor("Lead", "", "L" * (limits.INITIALS + 1)),), "initials of Lead"),
    ("evidence", (ElementEvidence("D1.1", "Lead", strengths=("s" * (limits.FINDING + 1),)),),
     "strength of D1.1 by Lead"),
    ("evidence", (ElementEvidence("D1.1", "Lead", notes="n" * (limits.NOTE + 1)),),
     "note on D1.1 by Lead"),
    ("evidence", (ElementEvidence("D1.1", "Lead",
                                  indicator_notes=(("D1.1.1", "n" * (limits.NOTE + 1)),)),),
     "note on D1.1.1 by Lead"),
    ("actions", (Action("D1.1", "a" * (limits.ACTION + 1)),), "action on D1.1"),
    ("actions", (Action("D1.1", "Do it", owner="o" * (limits.NAME + 1)),),
     "owner of an action on D1.1"),
    ("consensus_reasons", (("D1.1.1", "r" * (limits.NOTE + 1)),),
     "consensus reason for D1.1.1"),
])
def test_a_document_names_the_first_text_too_long(field: str, value: object,
                                                  named: str) -> None:
    with pytest.raises(TooLongError, match=f"the {named} is longer than"):
        limits.check_document(_doc(**{field: value}))


def test_a_document_at_every_limit_passes() -> None:
    limits.check_document(_doc(
        details=EngagementDetails("c" * limits.NAME, "s" * limits.NAME, "t" * limits.NAME,
                                  "Lead"),
        assessors=(Assessor("Lead", "r" * limits.NAME, "i" * limits.INITIALS),),
        evidence=(ElementEvidence("D1.1", "Lead", "n" * limits.NOTE,
                                  ("s" * limits.FINDING,), ("o" * limits.FINDING,)),),
        actions=(Action("D1.1", "a" * limits.ACTION, "o" * limits.NAME),)))

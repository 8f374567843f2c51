"""Random edits of the site-visit log on two or three laptops, synced in random orders.

Only log edits and syncs, so that entries added on one laptop are edited and removed on
others: whatever the order, every laptop ends with the same log and the same content hash,
and each entry shows its last edit (or stays removed after its last removal).
"""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.package import helpers
from tests.package.helpers import digest
from tests.package.test_merge_properties import _log_edit, _observed
from workbench.services.session import Session

log_edits = st.one_of(
    st.tuples(st.just("interview"), st.sampled_from(["D1.1", "E1"]),
              st.sampled_from(["+Strategy", "+VoC", "~Governance", "~Churn", "-"])),
    st.tuples(st.just("document"), st.sampled_from(["D2.3", "D5.1"]),
              st.sampled_from(["+Policy", "~v2", "~v3", "-"])),
)
steps = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), log_edits),
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 2))), min_size=2, max_size=16)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(2, 3), steps)
def test_log_edits_on_several_laptops_converge_without_a_lost_edit(
        copies: int, plan: list[tuple[Any, ...]]) -> None:
    expected: dict[tuple[str, str, str], Any] = {}

    def edit(s: Session, step: tuple[str, str, str]) -> None:
        kind, code, value = step
        done = _log_edit(s, eid, kind, code, value)
        if done is not None:
            expected[(kind, done[0], "")] = done[1]
            time.sleep(0.002)  # distinct milliseconds: "the later edit"

    with helpers.laptops(copies) as (laptops, eid, tmp):
        helpers.replay(laptops, eid, tmp, plan, edit)
        assert len({digest(s, eid) for s in laptops}) == 1
        for s in laptops:
            for key, value in expected.items():
                assert _observed(s, eid, key) == value, key
        helpers.assert_nothing_left_to_merge(laptops, eid, tmp)

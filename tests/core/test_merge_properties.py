"""The merge of cell maps is commutative, associative and idempotent (core.merge)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.merge import Cell, merge, merged, visible, winner

keys = st.sampled_from([f'["indicator","A","D1.1.{n}","value"]' for n in range(1, 5)]
                       + ['["target","D1.1"]', '["finding","u1"]'])
stamps = st.sampled_from(["", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.001Z",
                          "2026-01-02T00:00:00.000Z"])
values = st.one_of(st.none(), st.sampled_from(["[1,0]", "[2,0]", "[null,1]", '["x"]']))
cells = st.builds(Cell, stamps, values)
maps = st.dictionaries(keys, cells, max_size=6)


@settings(max_examples=300, deadline=None)
@given(maps, maps)
def test_merge_is_commutative(a: dict[str, Cell], b: dict[str, Cell]) -> None:
    assert merged(a, b) == merged(b, a)


@settings(max_examples=300, deadline=None)
@given(maps, maps, maps)
def test_merge_is_associative(a: dict[str, Cell], b: dict[str, Cell],
                              c: dict[str, Cell]) -> None:
    assert merged(merged(a, b), c) == merged(a, merged(b, c))


@settings(max_examples=300, deadline=None)
@given(maps, maps)
def test_merge_is_idempotent(a: dict[str, Cell], b: dict[str, Cell]) -> None:
    once = merged(a, b)
    assert merge(once, b) == {}
    assert merged(once, b) == once
    assert merge(a, a) == {}


@settings(max_examples=300, deadline=None)
@given(maps, maps)
def test_the_later_cell_always_survives(a: dict[str, Cell], b: dict[str, Cell]) -> None:
    out = merged(a, b)
    for key in set(a) | set(b):
        mine, theirs = a.get(key), b.get(key)
        latest = max(c.stamp for c in (mine, theirs) if c is not None)
        if winner(mine, theirs) == Cell("", None):
            assert key not in out  # neither time nor value: no cell
            continue
        assert out[key].stamp == latest
        assert out[key] == winner(mine, theirs)


def test_a_tombstone_beats_an_older_value_and_loses_to_a_newer_one() -> None:
    old = Cell("2026-01-01T00:00:00.000Z", "[3,0]")
    gone = Cell("2026-01-02T00:00:00.000Z", None)
    new = Cell("2026-01-03T00:00:00.000Z", "[4,0]")
    assert visible(merged({"k": gone}, {"k": old})) == {}
    assert visible(merged({"k": gone}, {"k": new})) == {"k": "[4,0]"}


def test_equal_times_are_settled_by_the_value_on_both_sides() -> None:
    a, b = Cell("t", "[1,0]"), Cell("t", "[2,0]")
    assert winner(a, b) == winner(b, a) == b
    assert winner(Cell("t", None), a) == a


def test_preview_lines_read_as_old_to_new_per_assessor_and_element() -> None:
    from workbench.core.merge_checks import describe

    line = describe('["indicator","Ana","D2.6.3","value"]', Cell("t1", "[3,0]"),
                    Cell("t2", "[null,1]"), True)
    assert (line.assessor, line.element, line.old, line.new, line.conflict) == \
        ("Ana", "D2.6.3", 3, "na", True)
    assert line.text().startswith("Ana · D2.6.3 indicator value: 3 → 'na'  [conflict")
    kept = describe('["target","D2.6"]', Cell("t3", "[4]"), Cell("t1", "[2]"), False)
    assert "yours 4 (t3) is kept over theirs 2 (t1)" in kept.text()
    found = describe('["finding","abc"]', None,
                     Cell("t", '["Ben","D1.1","strength","Clear map",0]'), True)
    assert found.text() == "Ben · D1.1 finding abc: (none) → strength 'Clear map'"
    assert found.to_json()["new"]["text"] == "Clear map" and not found.conflict

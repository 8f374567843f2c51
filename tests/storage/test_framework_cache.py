"""The validated-framework cache (issue 17): validated on first use and on change only,
never trusted when its entry is damaged, and giving the same framework as validation."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from workbench.core.errors import FrameworkError
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_frameworks as loader_bundled
from workbench.core.framework_loader import parse_framework
from workbench.core.framework_plain import framework_from_plain, framework_to_plain
from workbench.storage import framework_cache


def _same(a: Framework, b: Framework) -> bool:
    return all(getattr(a, name) == getattr(b, name)
               for name in inspect.signature(Framework).parameters)


@pytest.fixture(autouse=True)
def _fresh_memory() -> None:
    framework_cache._memory.clear()
    framework_cache.bundled_frameworks.cache_clear()


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> Framework:
        self.calls += 1
        return parse_framework(text, "test")


def _entries() -> list[Path]:
    return sorted(framework_cache.cache_dir().glob("*.marshal"))


def test_a_text_is_validated_once_then_read_from_the_cache(framework: Framework) -> None:
    validate = Counting()
    first = framework_cache.validated(framework.source_text, validate)
    assert validate.calls == 1 and len(_entries()) == 1
    framework_cache._memory.clear()  # as in a new process
    again = framework_cache.validated(framework.source_text, validate)
    assert validate.calls == 1
    assert _same(again, first) and _same(again, framework)


def test_a_changed_text_is_validated_again(framework: Framework) -> None:
    validate = Counting()
    framework_cache.validated(framework.source_text, validate)
    changed = framework.source_text.replace(f"name: {framework.name}", "name: Changed", 1)
    assert changed != framework.source_text
    assert framework_cache.validated(changed, validate).name == "Changed"
    assert validate.calls == 2 and len(_entries()) == 2


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9" * 100])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(framework: Framework, damage: bytes) -> None:
    validate = Counting()
    framework_cache.validated(framework.source_text, validate)
    [entry] = _entries()
    entry.write_bytes(damage)
    framework_cache._memory.clear()
    assert _same(framework_cache.validated(framework.source_text, validate), framework)
    assert validate.calls == 2 and entry.read_bytes() != damage


def test_an_entry_for_another_text_is_not_used(framework: Framework) -> None:
    validate = Counting()
    framework_cache.validated(framework.source_text, validate)
    [entry] = _entries()
    other = framework.source_text + "\n# another text\n"
    entry.rename(framework_cache.cache_dir() / f"{framework_cache.text_digest(other)}.marshal")
    framework_cache._memory.clear()
    assert framework_cache.validated(other, validate).source_text == other
    assert validate.calls == 2


def test_an_invalid_text_is_refused_every_time_and_nothing_kept() -> None:
    validate = Counting()
    for _ in range(2):
        with pytest.raises(FrameworkError):
            framework_cache.validated("id: broken\n", validate)
    assert validate.calls == 2 and _entries() == []


def test_an_unwritable_cache_costs_only_time(framework: Framework, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(framework_cache, "cache_dir", lambda: blocker / "frameworks")
    assert _same(framework_cache.validated(framework.source_text, Counting()), framework)


def test_the_bundled_frameworks_are_those_the_loader_validates() -> None:
    cold = framework_cache.bundled_frameworks()
    framework_cache.bundled_frameworks.cache_clear()
    framework_cache._memory.clear()
    warm = framework_cache.bundled_frameworks()
    expected = loader_bundled()
    assert len(cold) == len(warm) == len(expected) > 0
    assert all(_same(a, b) and _same(b, c) for a, b, c in zip(cold, warm, expected, strict=True))


def test_the_plain_form_round_trips_and_refuses_other_data(framework: Framework) -> None:
    assert _same(framework_from_plain(framework_to_plain(framework)), framework)
    for bad in [None, (), (99, *framework_to_plain(framework)[1:]), ("x",) * 14]:
        with pytest.raises(ValueError):
            framework_from_plain(bad)


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"),
                    reason="elsewhere cache_dir is platformdirs' own answer")
@pytest.mark.parametrize("xdg", [None, "", "relative/cache", "/srv/cache", "/srv/cache/"])
def test_the_cache_folder_is_the_one_platformdirs_names(
        xdg: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_path

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    expected = user_cache_path("assessor-workbench", appauthor=False) / "frameworks"
    assert framework_cache.cache_dir() == expected


def test_a_stored_framework_is_read_whole_only_until_this_process_knows_its_text(
        tmp_path: Path) -> None:
    """A rating or a score asks the database for the digest alone once the text behind it
    was validated in this process; a new process (memory cleared) reads the text again."""
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    session = Session.open(tmp_path / "d.sqlite3")
    eid = create_demo(session)
    statements: list[str] = []
    session.db.conn.set_trace_callback(statements.append)
    try:
        first = session.framework_of(eid)
        assert not any("content" in s for s in statements)  # known since the demo was made
        framework_cache._memory.clear()  # as in a new process
        session.forget(eid)
        again = session.framework_of(eid)
        assert any("SELECT content FROM frameworks" in s for s in statements)
        assert _same(again, first) and again.source_text == first.source_text
        statements.clear()
        assert session.framework_of(eid) is again
        assert not any("content" in s for s in statements)
    finally:
        session.db.conn.set_trace_callback(None)
        session.close()

"""A brand profile's checked keys are kept by the SHA-256 of its text (issue 17): a profile
loaded before loads again without PyYAML or pydantic, and every refusal stays as it was."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

from workbench.core.plain_cache import cache_root, checked_plain
from workbench.exports import brand as brand_module
from workbench.exports.brand import BrandError, bundled_brands_dir, load_brand, user_brands_dir

EXAMPLE_LOGO = bundled_brands_dir() / "examples" / "meridian-advisory" / "logo.png"
GOOD = """
name: Acme Consulting
firm: {name: Acme Consulting Ltd, logo: logo.png}
colours: {primary: "#336699", accent: "#aa5500"}
paper: Letter
"""


def _acme(text: str = GOOD) -> Path:
    folder = user_brands_dir() / "acme"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.yaml").write_text(text, "utf-8")
    shutil.copy(EXAMPLE_LOGO, folder / "logo.png")
    return folder


def _entries() -> list[Path]:
    return sorted((cache_root() / "brands").glob("*.marshal"))


def _refusal(name: str) -> str:
    with pytest.raises(BrandError) as info:
        load_brand(name)
    return str(info.value)


def _no_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> dict[str, object]:
        raise AssertionError("the brand text was checked again")

    monkeypatch.setattr(brand_module, "_validated", refuse)


def test_a_profile_loaded_before_comes_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    _acme()
    first = load_brand("acme")
    assert len(_entries()) == 1
    _no_checks(monkeypatch)
    again = load_brand("acme")
    assert again == first
    assert (again.firm_name, again.primary, again.accent, again.paper_size) == (
        "Acme Consulting Ltd", "#336699", "#AA5500", "Letter")
    assert again.cover_title == "Customer Experience Management Maturity Assessment"


def test_a_changed_profile_is_checked_again_and_refused_as_before() -> None:
    _acme()
    load_brand("acme")
    _acme(GOOD.replace('"#336699"', '"blue"'))
    warm = _refusal("acme")
    shutil.rmtree(cache_root() / "brands")
    assert _refusal("acme") == warm  # the very message a first load gives
    assert "colours.primary" in warm and "#RRGGBB" in warm


def test_a_broken_profile_is_never_kept() -> None:
    _acme("name: [unclosed")
    first = _refusal("acme")
    assert "not valid YAML" in first
    assert _entries() == []
    assert _refusal("acme") == first


def test_the_files_a_cached_profile_names_are_checked_on_every_load(
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _acme()
    load_brand("acme")
    _no_checks(monkeypatch)
    (folder / "logo.png").write_bytes(b"not an image at all")
    assert "firm.logo" in _refusal("acme")
    (folder / "logo.png").unlink()
    assert "firm.logo: the image 'logo.png' is not in" in _refusal("acme")


def test_a_damaged_or_foreign_entry_is_only_a_miss() -> None:
    _acme()
    expected = load_brand("acme")
    (entry,) = _entries()
    entry.write_bytes(b"\x00garbage")
    assert load_brand("acme") == expected
    stored_key, plain = marshal.loads(entry.read_bytes())  # checked again and rewritten
    assert stored_key == entry.stem
    plain["firm"]["name"] = "Someone Else Ltd"
    entry.write_bytes(marshal.dumps(("0" * 64, plain)))  # an entry holding another key
    assert load_brand("acme") == expected


def test_checked_plain_keeps_only_what_passed_its_check() -> None:
    calls: list[bytes] = []

    def check(data: bytes) -> object:
        calls.append(data)
        if data == b"bad":
            raise ValueError("refused")
        return {"value": data.decode(), "list": [1, 2.5, None, True]}

    assert checked_plain("test", b"good", lambda: check(b"good")) == {
        "value": "good", "list": [1, 2.5, None, True]}
    assert checked_plain("test", b"good", lambda: check(b"good"))["value"] == "good"
    assert calls == [b"good"]
    assert checked_plain("test", b"good", lambda: check(b"good"), salt="v2")["value"] == "good"
    assert calls == [b"good", b"good"]  # another salt: checked again
    for _ in range(2):
        with pytest.raises(ValueError, match="refused"):
            checked_plain("test", b"bad", lambda: check(b"bad"))
    assert calls == [b"good", b"good", b"bad", b"bad"]

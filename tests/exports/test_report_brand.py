"""Brand profiles are data: the default ships, a consultant adds one, mistakes are named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.core.errors import NotFoundError, WorkbenchError
from workbench.exports.brand import (
    BrandError,
    bundled_brands_dir,
    list_brands,
    load_brand,
    load_brand_folder,
    user_brands_dir,
)

EXAMPLE_LOGO = bundled_brands_dir() / "examples" / "meridian-advisory" / "logo.png"


def make_user_brand(name: str, text: str, logo: bool = True) -> Path:
    folder = user_brands_dir() / name
    folder.mkdir(parents=True)
    (folder / "brand.yaml").write_text(text, "utf-8")
    if logo:
        shutil.copy(EXAMPLE_LOGO, folder / "logo.png")
    return folder


def test_the_default_brand_ships_and_is_complete() -> None:
    brand = load_brand("default")
    # Neutral until the consultant sets their firm: never a fictional firm, no logo.
    assert (brand.firm_name, brand.display_name) == ("Your firm", "Your firm")
    assert brand.logo is None and brand.client_logo is None
    assert "Meridian" not in (bundled_brands_dir() / "default" / "brand.yaml").read_text()
    assert brand.primary.startswith("#") and len(brand.primary) == 7
    assert brand.accent.startswith("#") and len(brand.accent) == 7
    assert brand.paper_size in ("A4", "Letter")
    for font in (brand.fonts.regular, brand.fonts.bold, brand.fonts.italic):
        assert font.is_file() and font.stat().st_size > 100_000
    assert "default" in list_brands()
    assert load_brand(None) == brand


def test_the_example_logo_is_small() -> None:
    assert (EXAMPLE_LOGO).stat().st_size < 100_000


def test_a_consultant_adds_a_brand_in_the_user_folder() -> None:
    make_user_brand("acme", """
name: Acme Consulting
firm: {name: Acme Consulting Ltd, logo: logo.png}
colours: {primary: "#336699", accent: "#aa5500"}
paper: Letter
confidentiality: "Strictly confidential for {client}"
""")
    assert list_brands()[0] == "default"
    assert "acme" in list_brands()
    brand = load_brand("acme")
    assert (brand.firm_name, brand.primary, brand.accent) == (
        "Acme Consulting Ltd", "#336699", "#AA5500")
    assert brand.paper_size == "Letter"
    assert brand.confidentiality_for("Zoë & Co") == "Strictly confidential for Zoë & Co"
    # Defaults fill what the profile leaves out.
    assert brand.fonts.regular.name == "DejaVuSans.ttf"


def test_a_user_brand_overrides_a_bundled_one_of_the_same_name() -> None:
    make_user_brand("default", "name: Mine\nfirm: {name: My Firm}\n", logo=False)
    brand = load_brand("default")
    assert brand.firm_name == "My Firm" and brand.logo is None


@pytest.mark.parametrize(("text", "expected"), [
    ("name: X\nfirm: {name: X}\ncolours: {primary: red}\n", "colours.primary"),
    ("name: X\nfirm: {name: X}\npaper: A3\n", "paper"),
    ("name: X\nfirm: {name: X}\nlogo_size: 3\n", "logo_size"),
    ("name: X\n", "firm"),
    ("name: X\nfirm: {name: X, logo: missing.png}\n", "firm.logo"),
    ("name: X\nfirm: {name: X, logo: ../../etc/passwd}\n", "inside the profile"),
    ("name: X\nfirm: {name: X}\nfonts: {regular: nothere.ttf}\n", "fonts.regular"),
    ("name: [unclosed\n", "not valid YAML at line"),
    ("- just\n- a list\n", "expected a mapping"),
    ("name: &n X\nfirm: {name: *n}\n", "line 2: an alias (*n) is not allowed"),
    ("name: X\nfirm: {name: X}\nname: Y\n", "line 3: the key 'name' is given twice"),
])
def test_mistakes_in_a_profile_are_named_with_the_file(text: str, expected: str) -> None:
    folder = make_user_brand("broken", text, logo=False)
    with pytest.raises(BrandError) as info:
        load_brand("broken")
    message = str(info.value)
    assert expected in message
    assert str(folder / "brand.yaml") in message


def test_a_logo_that_is_not_an_image_is_refused() -> None:
    folder = make_user_brand("badlogo", "name: X\nfirm: {name: X, logo: logo.png}\n",
                             logo=False)
    (folder / "logo.png").write_text("not an image")
    with pytest.raises(BrandError, match=r"firm\.logo"):
        load_brand("badlogo")


def test_an_unknown_brand_lists_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="known: default"):
        load_brand("nope")
    with pytest.raises(WorkbenchError, match="not a brand profile name"):
        load_brand("../default")


def test_a_brand_file_that_is_a_fifo_is_refused_without_waiting() -> None:
    import os
    import signal

    folder = make_user_brand("piped", "name: X\n", logo=False)
    (folder / "brand.yaml").unlink()
    os.mkfifo(folder / "brand.yaml")
    signal.alarm(20)  # a hang fails the test instead of blocking the suite
    try:
        with pytest.raises(BrandError, match="not a regular file"):
            load_brand_folder(folder)
    finally:
        signal.alarm(0)

"""The firm's brand profiles: neutral until set, edited as data, refused with one message."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from workbench.core.errors import WorkbenchError
from workbench.services import brands
from workbench.services.brands import BrandDraft
from workbench.services.session import Session

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">'
       b'<rect width="300" height="100" fill="#224466"/>'
       b'<circle cx="50" cy="50" r="30" fill="#E0A030"/></svg>')

USE_BOMB = b"".join([b'<g id="l0"><circle r="1"/></g>']
                    + [b'<g id="l%d">' % n + b'<use href="#l%d"/>' % (n - 1) * 10 + b"</g>"
                       for n in range(1, 10)])


def png(width: int = 300, height: int = 100) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def acme(**changes: object) -> BrandDraft:
    fields: dict[str, object] = {"name": "acme", "display_name": "Acme Consulting",
                                 "firm_name": "Acme Consulting Ltd", "logo": png(),
                                 "primary": "#224466", "accent": "#E0A030",
                                 "footer": "{firm} · confidential"}
    fields.update(changes)
    return BrandDraft(**fields)  # type: ignore[arg-type]


def test_until_the_firm_is_set_every_deliverable_is_neutral() -> None:
    brand = brands.resolve("default")
    assert (brand.firm_name, brand.logo) == ("Your firm", None)
    assert brands.resolve(None) == brand
    assert not brands.has_own_default()
    assert [p.name for p in brands.profiles()] == ["default"]


def test_a_saved_profile_made_default_brands_every_default_engagement() -> None:
    brands.save(acme())
    brands.set_default("acme")
    assert brands.has_own_default()
    brand = brands.resolve("default")
    assert (brand.name, brand.firm_name, brand.primary) == ("acme", "Acme Consulting Ltd",
                                                            "#224466")
    assert brand.logo is not None and brand.logo.read_bytes() == png()
    listed = brands.profiles()
    assert listed[0].name == "acme" and listed[0].is_default and not listed[0].built_in
    # The neutral one is still there, and naming it explicitly still means the default.
    assert any(p.name == "default" and p.built_in for p in listed)


def test_edit_duplicate_delete() -> None:
    brands.save(acme())
    brands.save(acme(firm_name="Acme Group", logo=SVG), base="acme", replace_existing=True)
    edited = brands.resolve("acme")
    assert edited.firm_name == "Acme Group" and edited.logo is not None
    assert edited.logo.suffix == ".svg"
    copy = brands.duplicate("acme")
    assert copy.name != "acme" and copy.firm_name == "Acme Group"
    brands.set_default(copy.name)
    brands.delete(copy.name)
    assert brands.default_profile() == "default"  # deleting the default goes back to neutral
    with pytest.raises(WorkbenchError, match="ships with the app"):
        brands.delete("default")
    with pytest.raises(WorkbenchError, match="already a brand profile named 'acme'"):
        brands.save(acme())


def test_a_profile_goes_to_a_colleague_as_one_file(tmp_path: Path) -> None:
    brands.save(acme(client_logo=SVG))
    path = brands.export_profile("acme", tmp_path / "acme.brand.zip")
    brands.delete("acme")
    imported = brands.import_profile(path)
    assert imported.firm_name == "Acme Consulting Ltd"
    assert imported.logo is not None and imported.client_logo is not None
    assert (imported.primary, imported.accent) == ("#224466", "#E0A030")


@pytest.mark.parametrize(("change", "message"), [
    ({"primary": "red"}, "is not a colour"),
    ({"accent": "#12345G"}, "is not a colour"),
    ({"name": "../../../../etc"}, "not a brand profile name"),
    ({"name": "default"}, "neutral profile"),
    ({"firm_name": "  "}, "firm's name is empty"),
    ({"logo": b"\x89PNG\r\n\x1a\n broken"}, "damaged|cannot read|not an image"),
    ({"logo": SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>")}, "<script>"),
    ({"logo": SVG.replace(b"<rect", b'<rect onload="alert(1)"')}, "script"),
    ({"logo": SVG.replace(b"</svg>", b"<foreignObject><p>x</p></foreignObject></svg>")},
     "foreignobject"),
    ({"logo": SVG.replace(b"</svg>", b'<image href="http://evil.example/x.png"/></svg>')},
     "another file or address"),
    ({"logo": SVG.replace(b"</svg>", b'<image href="file:///etc/passwd"/></svg>')},
     "another file or address"),
    ({"logo": SVG.replace(b'fill="#224466"', b'fill="url(http://evil.example/p)"')},
     "another file or address"),
    ({"logo": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'},
     "DTD or entities"),
    ({"logo": b'<?xml-stylesheet href="http://evil.example/s.css"?>' + SVG}, "style sheet"),
    ({"logo": SVG.replace(b"</svg>", b"<style>@import url(http://evil.example/s.css);</style>"
                                     b"</svg>")}, "style sheet"),
    ({"logo": SVG.replace(b"</svg>", USE_BOMB + b"</svg>")}, "repeats a shape"),
    ({"logo": b"<svg><unclosed></svg>"}, "not a readable SVG"),
    ({"logo": b"<html><body>hi</body></html>"}, "not an image|not a readable"),
])
def test_refused_with_one_message_and_nothing_changes(change: dict[str, object],
                                                       message: str) -> None:
    brands.save(acme(name="keep"))
    before = sorted(p.name for p in brands.profiles())
    with pytest.raises(WorkbenchError, match=f"(?i){message}"):
        brands.save(acme(**change) if change.get("name") else
                    acme(name="keep", **change), base="keep", replace_existing=True)
    assert sorted(p.name for p in brands.profiles()) == before
    assert brands.resolve("keep").firm_name == "Acme Consulting Ltd"


def test_an_image_bomb_logo_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    # 20 000 × 20 000 pixels in a few hundred kilobytes: never decoded.
    Image.new("1", (20_000, 20_000)).save(bomb, "PNG", optimize=True)
    with pytest.raises(WorkbenchError, match="too large"):
        brands.read_logo(bomb)


@pytest.mark.parametrize(("entries", "message"), [
    ({"../brand.yaml": b"x"}, "not a plain file name"),
    ({"sub/logo.png": b"x"}, "not a plain file name"),
    ({"logo.png": b"x"}, "no brand.yaml"),
    ({"brand.yaml": b"name: X\nfirm: {name: X}\ncolours: {primary: blue}\n"}, "colours.primary"),
    ({"brand.yaml": b"name: X\nfirm: {name: X, logo: ../../etc/passwd}\n"}, "inside the profile"),
    ({"brand.yaml": b"name: X\nfirm: {name: X}\n", "big.bin": b"\0" * (9 * 1024 * 1024)},
     "larger than|unpacks to more"),
])
def test_a_hostile_profile_file_is_refused(tmp_path: Path, entries: dict[str, bytes],
                                           message: str) -> None:
    path = tmp_path / "hostile.brand.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    with pytest.raises(WorkbenchError, match=message):
        brands.import_profile(path)
    assert [p.name for p in brands.profiles()] == ["default"]


def test_a_file_that_is_not_a_profile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.brand.zip"
    path.write_text("hello")
    with pytest.raises(WorkbenchError, match="not a brand profile file"):
        brands.import_profile(path)


def test_the_pdf_and_the_workbook_take_the_default_profile(session: Session, demo_id: str,
                                                           tmp_path: Path) -> None:
    import subprocess

    from openpyxl import load_workbook

    from workbench.services import report, workbook

    brands.save(acme(logo=SVG, client_logo=png()))
    brands.set_default("acme")
    pdf = report.export(session, demo_id, tmp_path / "r.pdf", sections=["cover", "summary"])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert "Acme Consulting Ltd" in text and "Your firm" not in text
    assert "Meridian" not in text
    xlsx = workbook.export(session, demo_id, tmp_path / "w.xlsx", brand="acme")
    book = load_workbook(xlsx)
    fills = {c.fill.fgColor.rgb for ws in book.worksheets for row in ws.iter_rows(max_row=12)
             for c in row if c.fill and c.fill.fgColor and c.fill.fgColor.rgb}
    assert any(str(f).upper().endswith("224466") for f in fills)
    with pytest.raises(WorkbenchError, match="no brand profile named 'nope'"):
        workbook.export(session, demo_id, tmp_path / "w2.xlsx", brand="nope")
    assert not (tmp_path / "w2.xlsx").exists()

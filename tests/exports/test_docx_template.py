"""A firm's house template (.docx or .dotx) named by its brand profile, and its checks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

from workbench.exports.brand import BrandError, load_brand, user_brands_dir
from workbench.exports.word_template import DOCUMENT, TEMPLATE, retyped
from workbench.services import brands, word_report
from workbench.services.session import Session

PROFILE = """
name: Acme Consulting
firm: {name: Acme Consulting Ltd}
colours: {primary: "#336699", accent: "#AA5500"}
word_template: %s
"""


def house_template(as_template: bool = True) -> bytes:
    """A firm's template: red Heading 1 in a serif, its own header, footer and first page."""
    doc = docx.Document()
    heading = doc.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    heading.font.name = "Liberation Serif"
    doc.sections[0].header.paragraphs[0].text = "ACME HOUSE HEADER"
    doc.sections[0].footer.paragraphs[0].text = "ACME HOUSE FOOTER"
    doc.add_paragraph("ACME FIRST PAGE")
    out = io.BytesIO()
    doc.save(out)
    return retyped(out.getvalue(), DOCUMENT, TEMPLATE) if as_template else out.getvalue()


def profile_with(name: str, content: bytes) -> Path:
    folder = user_brands_dir() / "acme"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content)
    (folder / "brand.yaml").write_text(PROFILE % name, "utf-8")
    return folder


@pytest.mark.parametrize("as_template", [True, False], ids=["dotx", "docx"])
def test_the_report_takes_the_house_templates_styles_header_and_first_page(
        session: Session, demo_id: str, tmp_path: Path, as_template: bool) -> None:
    name = "house.dotx" if as_template else "house.docx"
    profile_with(name, house_template(as_template))
    assert load_brand("acme").word_template is not None
    path = tmp_path / "acme.docx"
    word_report.export_docx(session, demo_id, path, brand="acme")
    doc = docx.Document(str(path))
    heading = doc.styles["Heading 1"]
    assert heading.font.color.rgb == RGBColor(0xFF, 0x00, 0x00)
    assert heading.font.name == "Liberation Serif"
    assert doc.paragraphs[0].text == "ACME FIRST PAGE"  # the template's first page first
    assert any(p.style.name == "Heading 1" and p.text == "1  Executive summary"
               for p in doc.paragraphs if p.style is not None)
    texts = [p.text for s in doc.sections for p in s.header.paragraphs + s.footer.paragraphs]
    assert "ACME HOUSE HEADER" in texts and "ACME HOUSE FOOTER" in texts
    with zipfile.ZipFile(path) as package:  # a document, even from a template
        assert DOCUMENT in package.read("[Content_Types].xml").decode()


def test_without_a_template_the_brand_colours_and_font_are_the_styles(
        session: Session, demo_id: str, tmp_path: Path) -> None:
    folder = user_brands_dir() / "plain"
    folder.mkdir(parents=True)
    (folder / "brand.yaml").write_text(
        'name: Plain\nfirm: {name: "Plain & <Co> 🚀"}\ncolours: {primary: "#336699", '
        'accent: "#AA5500"}\n', "utf-8")
    path = tmp_path / "plain.docx"
    word_report.export_docx(session, demo_id, path, brand="plain")
    doc = docx.Document(str(path))
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor(0x33, 0x66, 0x99)
    assert doc.styles["Normal"].font.name == load_brand("plain").fonts.family
    assert "Plain & <Co> 🚀" in "\n".join(p.text for p in doc.paragraphs)  # the cover
    assert doc.core_properties.author == "Plain & <Co> 🚀"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("house.docx", b"not a zip at all", "not a Word document or template"),
    ("house.dotx", b"", "not a Word document or template"),
    ("house.txt", b"hello", "is not a .docx or .dotx file"),
    ("../house.docx", b"", "must be a file name inside the profile's folder"),
    ("/etc/passwd", b"", "must be a file name inside the profile's folder"),
])
def test_a_bad_house_template_is_refused_with_one_clear_message(
        name: str, content: bytes, message: str) -> None:
    folder = user_brands_dir() / "acme"
    folder.mkdir(parents=True)
    if "/" not in name:
        (folder / name).write_bytes(content)
    (folder / "brand.yaml").write_text(PROFILE % name, "utf-8")
    with pytest.raises(BrandError, match="word_template") as caught:
        load_brand("acme")
    assert message in str(caught.value)


def test_a_macro_template_and_a_missing_one_are_refused() -> None:
    macro = retyped(house_template(False), DOCUMENT,
                    "application/vnd.ms-word.document.macroEnabled.main+xml")
    profile_with("house.docx", macro)
    with pytest.raises(BrandError, match="macro-enabled files are refused"):
        load_brand("acme")
    (user_brands_dir() / "acme" / "house.docx").unlink()
    with pytest.raises(BrandError, match="is not in"):
        load_brand("acme")


def test_a_template_that_is_a_fifo_is_refused_without_waiting() -> None:
    import os

    folder = profile_with("house.docx", b"")
    (folder / "house.docx").unlink()
    os.mkfifo(folder / "house.docx")
    with pytest.raises(BrandError, match="word_template"):
        load_brand("acme")


def test_the_template_travels_with_the_exported_profile(tmp_path: Path) -> None:
    original = profile_with("house.dotx", house_template()) / "house.dotx"
    archive = brands.export_profile("acme", tmp_path / "acme.brand.zip")
    with zipfile.ZipFile(archive) as package:
        assert "house.dotx" in package.namelist()
    imported = brands.import_profile(archive, "acme-copy")
    assert imported.word_template is not None
    assert imported.word_template.read_bytes() == original.read_bytes()
    # Editing the profile in the app keeps its template.
    edited = brands.save(brands.draft_of("acme-copy"), base="acme-copy",
                         replace_existing=True)
    assert edited.word_template is not None

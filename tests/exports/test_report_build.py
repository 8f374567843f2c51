"""The report as a reader sees it: every section, the core's figures, text printed literally."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from workbench.core.display import score_text
from workbench.core.engagement import Action, ElementEvidence, FindingKind, Priority
from workbench.core.errors import WorkbenchError
from workbench.core.progress import Cancelled
from workbench.core.scoring import ScoreResult
from workbench.exports.brand import load_brand, user_brands_dir
from workbench.exports.report import (
    EmbeddedFile,
    PhotoCache,
    PhotoSource,
    ReportInput,
    RevisionEntry,
    Signer,
    SignOffInfo,
    build_report,
)
from workbench.services import actions, assessment, attachments, engagements, report, scores
from workbench.services.demo import create_demo
from workbench.services.session import Session

HOSTILE = ["x<y", "AT&T", "<b>unclosed", "<img src=/etc/passwd>"]
NAMES = ["Zoë", "Łódź", "Müller"]


def pdf_text(pdf: bytes | Path) -> str:
    """The PDF's text as pdftotext gives it (what a reader copying the text would get)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed for these tests"
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (paragraphs wrap)."""
    return re.sub(r"\s+", " ", text)


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def photo(width: int = 1600, height: int = 1200, colour: tuple[int, int, int] = (90, 140, 60)
          ) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=85)
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[bytes, str, ScoreResult]]:
    """The demo engagement with hostile text and a photo, exported once for the module."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        session = Session.open(home / "report.sqlite3")
        try:
            eid = create_demo(session)
            assessment.set_notes(session, eid, "D1.1", "\n".join(HOSTILE)
                                 + "\nVisited Łódź with Zoë and Müller.")
            assessment.add_finding(session, eid, "D1.2", FindingKind.STRENGTH,
                                   "R&D <i>works</i> & ships")
            actions.add(session, eid, Action("D3.1", "Fix <script>alert(1)</script> & more",
                                             "Zoë Müller", Priority.HIGH, "2027-05-01"))
            attachments.attach_bytes(session, eid, "D4.1", "board.jpg", photo(),
                                     caption="Board <b>photo</b> & notes")
            path = home / "report.pdf"
            report.export(session, eid, path)
            yield path.read_bytes(), eid, scores.score(session, eid)
        finally:
            session.close()


def test_every_section_is_present(built: tuple[bytes, str, ScoreResult]) -> None:
    text = flat(pdf_text(built[0]))
    for heading in ("Contents", "1 Executive summary", "2 Maturity profile",
                    "3 Findings by dimension", "4 Improvement plan",
                    "5 How the team reached its ratings", "6 Methodology",
                    "7 Sign-off", "Element profile", "Enabler profile"):
        assert heading in text, heading
    for dimension in ("D1 Define", "D2 Design", "D3 Develop", "D4 Deploy", "D5 Discover",
                      "D6 Devise"):
        assert dimension in text
    # The cover: client large, site, dates, assessors, status.
    for fact in ("Northwind Telecom", "Head office, Leeds", "2–4 November 2026",
                 "Amira Haddad (Lead assessor)", "Draft: partially assessed"):
        assert fact in text, fact


def test_every_element_is_reported_with_its_score(built: tuple[bytes, str, ScoreResult],
                                                  framework: object) -> None:
    text = flat(pdf_text(built[0]))
    result = built[2]
    for code, element in result.elements.items():
        assert f"{score_text(element.score)} of {element.points:g}" in text, code


def test_the_figures_equal_the_cores_score(built: tuple[bytes, str, ScoreResult]) -> None:
    text = flat(pdf_text(built[0]))
    result = built[2]
    assert f"scored {score_text(result.total)} of 1000 points" in text
    assert result.level is not None
    assert f"level {result.level}," in text
    for code, dim in result.dimensions.items():
        assert f"{score_text(dim.score)} of {dim.applicable_max:g}" in text, code
    for code, enabler in result.enablers.items():
        assert f"{code} " in text and f"{enabler.percent:.0f}" in text


def test_the_summary_names_the_strongest_weakest_and_largest_gaps(
        built: tuple[bytes, str, ScoreResult], framework: object) -> None:
    from workbench.core.framework import Framework

    assert isinstance(framework, Framework)
    text = flat(pdf_text(built[0]))
    result = built[2]
    ranked = sorted(framework.dimensions,
                    key=lambda d: (-(result.dimensions[d.code].percent or 0), d.code))
    strongest, weakest = ranked[0], ranked[-1]
    assert re.search(rf"strongest dimensions are {strongest.name} \(", text)
    assert re.search(rf"weakest are {weakest.name} \(", text)
    gaps = sorted((e for e in result.elements.values() if (e.gap or 0) > 0),
                  key=lambda e: (-(e.gap or 0), e.percent or 0, e.code))
    assert f"largest gaps are in {gaps[0].code}" in text


def test_user_text_with_markup_prints_literally(built: tuple[bytes, str, ScoreResult]) -> None:
    text = flat(pdf_text(built[0]))
    for item in [*HOSTILE, "R&D <i>works</i> & ships",
                 "Fix <script>alert(1)</script> & more", "Board <b>photo</b> & notes"]:
        assert item in text, item
    assert "&amp;" not in text and "&lt;" not in text


def test_names_with_accents_survive(built: tuple[bytes, str, ScoreResult]) -> None:
    text = pdf_text(built[0])
    for name in [*NAMES, "Tomás Müller", "Zoë Lindqvist"]:
        assert name in text, name


def test_every_font_is_embedded(built: tuple[bytes, str, ScoreResult]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(built[0]))
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert "DejaVu" in name, name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_page_count_is_sensible_and_pages_are_numbered(built: tuple[bytes, str, ScoreResult]
                                                       ) -> None:
    pdf = built[0]
    pages = page_count(pdf)
    assert 25 <= pages <= 80
    text = pdf_text(pdf)
    assert f"Page 2 of {pages}" in text
    assert f"Page {pages} of {pages}" in text
    assert "Page 1 of" not in text  # the cover carries no header or footer
    assert text.count("Confidential: prepared for Northwind Telecom") >= pages


def test_the_photo_is_embedded_small(built: tuple[bytes, str, ScoreResult]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(built[0]))
    images = [img for page in reader.pages for img in page.images]
    assert any(img.image is not None and max(img.image.size) <= 1000 for img in images)


def test_an_unsigned_report_is_watermarked_draft(built: tuple[bytes, str, ScoreResult]
                                                 ) -> None:
    text = pdf_text(built[0])
    # The mark is drawn as outlines (tests/exports/test_report_truth.py checks it is seen);
    # in the text layer the draft says so in words.
    assert "DRAFT" not in text.replace("THIS DRAFT WAS MADE FROM", "")
    assert "This report is a draft" in flat(text) and "This is a draft" in flat(text)


# ---------------------------------------------------------------- the exports layer directly


@pytest.fixture
def data(session: Session, demo_id: str) -> ReportInput:
    return report.report_input(session, demo_id, deterministic=True)


def bomb_png(side: int = 20000) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    body = zlib.compress((b"\x00" * (side + 1)) * 2000, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
            + chunk(b"IEND", b""))


def source(element: str, name: str, content: bytes, caption: str = "") -> PhotoSource:
    return PhotoSource(element, name, caption, hashlib.sha256(content).hexdigest(),
                       lambda: content)


def test_hostile_photos_become_placeholders_and_warnings(data: ReportInput,
                                                         tmp_path: Path) -> None:
    good = photo()
    corrupt = bytearray(photo(800, 600))
    corrupt[300:2000] = b"\x00" * 1700
    truncated = photo(1200, 900)[:5000]
    hostile = replace(data, photos=[
        source("D1.1", "bomb.png", bomb_png(), "A bomb"),
        source("D1.1", "corrupt.jpg", bytes(corrupt), "Corrupt"),
        source("D1.2", "truncated.jpg", truncated, "Truncated"),
        source("D1.2", "minutes.jpg", b"Minutes of the kick-off meeting\n" * 50, "Text"),
        source("D1.3", "good.jpg", good, "The good one"),
    ])
    result = build_report(hostile, load_brand("default"), photo_cache=PhotoCache(tmp_path),
                          sections=["summary", "dimensions", "photos"])
    text = flat(pdf_text(result.pdf))
    for name in ("bomb.png", "corrupt.jpg", "truncated.jpg", "minutes.jpg"):
        assert f"Photo not shown: {name}" in text
        assert any(name in w for w in result.warnings)
    assert "The good one" in text and "Photo not shown: good.jpg" not in text
    assert len(result.warnings) == 4
    assert result.pages > 20  # the rest of the report is all there
    assert "Executive summary" in text


def test_a_photo_that_cannot_be_read_is_a_placeholder(data: ReportInput) -> None:
    def fail() -> bytes:
        raise OSError("disk went away")

    broken = replace(data, photos=[PhotoSource("D1.1", "gone.jpg", "", "", fail)])
    result = build_report(broken, load_brand("default"), sections=["dimensions", "photos"])
    assert "gone.jpg" in result.warnings[0]
    assert "Photo not shown: gone.jpg" in flat(pdf_text(result.pdf))


def test_a_five_megabyte_note_is_cut_with_a_pointer_to_the_rest(data: ReportInput) -> None:
    note = ("The contact centre keeps a log of every complaint and its cause. " * 80_000)[
        :5 * 1024 * 1024]
    huge = data.document._replace(evidence=(
        *data.document.evidence, ElementEvidence("D1.1", "Zoë Lindqvist", notes=note)))
    result = build_report(replace(data, document=huge), load_brand("default"),
                          sections=["dimensions"])
    text = flat(pdf_text(result.pdf))
    assert "The note continues for" in text
    assert result.pages < 80


def test_a_single_five_megabyte_word_does_not_break_the_layout(data: ReportInput) -> None:
    huge = data.document._replace(evidence=(
        ElementEvidence("D1.1", "Amira Haddad", notes="x" * (5 * 1024 * 1024)),))
    result = build_report(replace(data, document=huge), load_brand("default"),
                          sections=["dimensions"])
    assert result.pages > 5


def test_two_deterministic_exports_are_identical(session: Session, demo_id: str,
                                                 tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    report.export(session, demo_id, a, deterministic=True)
    report.export(session, demo_id, b, deterministic=True)
    assert a.read_bytes() == b.read_bytes()


def test_sections_can_be_switched_off(session: Session, demo_id: str, tmp_path: Path) -> None:
    path = tmp_path / "summary.pdf"
    report.export(session, demo_id, path, sections=["summary", "methodology"])
    text = flat(pdf_text(path))
    assert "1 Executive summary" in text and "2 Methodology" in text
    for absent in ("Contents", "Maturity profile", "Improvement plan", "Sign-off",
                   "Prepared by"):
        assert absent not in text, absent
    assert page_count(path.read_bytes()) <= 6


def test_an_unknown_section_is_refused_before_anything_is_written(
        session: Session, demo_id: str, tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    with pytest.raises(WorkbenchError, match="unknown report section appendix"):
        report.export(session, demo_id, path, sections=["summary", "appendix"])
    assert not path.exists()


def test_a_signed_report_has_no_watermark_and_carries_hash_revision_and_json(
        data: ReportInput) -> None:
    signature = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(signature, "PNG")
    digest = "ab12" * 16
    signed = replace(data, signoff=SignOffInfo(
        signers=(Signer("Amira Haddad", "Lead assessor", "Meridian Advisory",
                        dt.date(2026, 11, 20), signature.getvalue()),
                 Signer("Łukasz Wróbel", "Chief Customer Officer", "Northwind Telecom",
                        dt.date(2026, 11, 21))),
        revision=2, content_hash=digest, signed_on=dt.date(2026, 11, 21),
        history=(RevisionEntry(1, dt.date(2026, 11, 10), "First signed revision"),
                 RevisionEntry(2, dt.date(2026, 11, 21), "Amended D2.6 after review"))),
        embedded_files=[EmbeddedFile("engagement.json", b'{"a": 1}', "application/json",
                                     "Canonical engagement data")])
    chosen = ["cover", "contents", "summary", "actions", "signoff"]
    result = build_report(signed, load_brand("default"), deterministic=True, sections=chosen)
    text = pdf_text(result.pdf)
    assert "DRAFT" not in text
    assert text.count(f"revision 2 · SHA-256 {digest}") >= result.pages - 1  # every footer
    flat_text = flat(text)
    assert "Signed off on 21 November 2026, revision 2" in flat_text  # the cover
    assert "ab12ab12 ab12ab12" in flat_text  # the sign-off page, grouped for reading
    assert "Łukasz Wróbel" in flat_text and "Amended D2.6 after review" in flat_text
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    assert reader.attachments["engagement.json"] == [b'{"a": 1}']
    again = build_report(signed, load_brand("default"), deterministic=True, sections=chosen)
    assert again.pdf == result.pdf


def test_an_unsigned_report_has_blocks_to_sign(data: ReportInput) -> None:
    result = build_report(data, load_brand("default"), sections=["signoff"])
    text = flat(pdf_text(result.pdf))
    assert "Signature" in text and "Date" in text
    assert "Amira Haddad" in text and "FOR NORTHWIND TELECOM" in text
    assert data.content_hash is not None
    assert data.content_hash[:8] in text


def test_letter_paper_comes_from_the_brand(session: Session, demo_id: str,
                                           tmp_path: Path) -> None:
    folder = user_brands_dir() / "us"
    folder.mkdir(parents=True)
    (folder / "brand.yaml").write_text("name: US\nfirm: {name: Stars & Stripes LLC}\n"
                                       "paper: Letter\n", "utf-8")
    path = tmp_path / "us.pdf"
    report.export(session, demo_id, path, brand="us", sections=["cover", "summary"])
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "Stars & Stripes LLC" in pdf_text(path)


def test_the_engagements_own_brand_is_used_by_default(session: Session, demo_id: str,
                                                      tmp_path: Path) -> None:
    folder = user_brands_dir() / "client-co"
    folder.mkdir(parents=True)
    (folder / "brand.yaml").write_text("name: Co\nfirm: {name: Cobrand Partners}\n", "utf-8")
    details = engagements.details(session, demo_id)
    engagements.update_details(session, demo_id, details._replace(brand="client-co"))
    path = tmp_path / "co.pdf"
    report.export(session, demo_id, path, sections=["cover", "summary"])
    assert "Cobrand Partners" in pdf_text(path)


def test_progress_rises_to_the_end(data: ReportInput) -> None:
    seen: list[float] = []
    build_report(data, load_brand("default"), progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0
    assert all(b >= a for a, b in itertools.pairwise(seen))
    assert len(seen) > 10


def test_cancelling_writes_nothing(session: Session, demo_id: str, tmp_path: Path) -> None:
    def cancel_midway(fraction: float, message: str) -> None:
        if fraction > 0.6:
            raise Cancelled("export cancelled")

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        report.export(session, demo_id, out / "cancelled.pdf", progress=cancel_midway)
    assert list(out.iterdir()) == []


def test_an_existing_file_is_replaced_whole(session: Session, demo_id: str,
                                            tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "r.pdf"
    path.write_bytes(b"old content")
    report.export(session, demo_id, path, sections=["summary"])
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir()] == ["r.pdf"]


def test_an_empty_engagement_still_gives_a_readable_report(session: Session,
                                                           tmp_path: Path) -> None:
    from workbench.core.engagement import EngagementDetails

    eid = engagements.create(session, EngagementDetails(
        "Müller & Söhne GmbH", "Łódź", "Baseline", "Zoë Smith")).engagement_id
    path = tmp_path / "empty.pdf"
    report.export(session, eid, path)
    text = flat(pdf_text(path))
    assert "Müller & Söhne GmbH" in text
    assert "Nothing has been assessed yet for Müller & Söhne GmbH" in text
    assert "0 of 32 elements (0 %) are fully rated and judged" in text
    # Nothing rated is "Not assessed", never level 1: "1 Initial" appears only on the
    # level scale under the figures (and in the methodology's tables).
    before_method = text.split("Methodology How the figures")[0]
    assert not re.search(r"level 1\b(?!00)", before_method, re.IGNORECASE)
    assert before_method.count("1 Initial") == 1
    assert "Not assessed" in text
    assert "No improvement actions have been recorded" in text

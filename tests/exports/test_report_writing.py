"""Text in any script: right-to-left lines in reading order, emoji as visible names."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from workbench.core.engagement import FindingKind
from workbench.exports.brand import load_brand
from workbench.exports.report.styles import make_styles
from workbench.exports.report.writing import printable, visual_line
from workbench.services import assessment, report
from workbench.services.session import Session

HEBREW = ("שלום עולם, זהו מבחן של כתיבה מימין לשמאל עם מספר 42 ושורות רבות כדי לבדוק את "
          "הגלישה של הטקסט בין השורות בפסקה ארוכה מאוד מאוד מאוד.")
ARABIC = "مرحبا بالعالم هذا اختبار للكتابة العربية"


def test_a_character_the_font_lacks_is_named_not_boxed() -> None:
    font = make_styles(load_brand("default")).fonts.regular
    assert printable("ok 👍🏽 done", font) == "ok \u2066[thumbs up sign]\u2069 done"
    assert visual_line("party 🎉", font) == "party [party popper]"
    # Beyond the BMP ReportLab would copy the wrong character even where the font has it.
    assert "[grinning face]" in visual_line("😀", font)
    assert printable("Zoë in Łódź, x<y", font) == "Zoë in Łódź, x<y"


def test_a_right_to_left_line_is_put_in_visual_order() -> None:
    assert visual_line("שלום עולם") == "םלוע םולש"
    assert visual_line("Team שלום 42") == "Team 42 םולש"  # the number joins the Hebrew run
    shaped = visual_line(ARABIC)
    assert any(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)  # joined (presentation) forms


def _words(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(text in drawing order, x, y) of each word on a page, from poppler."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, check=True, text=True).stdout
    return [(m.group(3), float(m.group(1)), float(m.group(2))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)]


@pytest.fixture
def written(session: Session, demo_id: str, tmp_path: Path) -> Path:
    assessment.set_notes(session, demo_id, "D1.1", f"{HEBREW}\n\n{ARABIC}\n\n"
                         "Great workshop 🎉 with the team 👍🏽 ok")
    assessment.add_finding(session, demo_id, "D1.1", FindingKind.STRENGTH, "צוות מחויב 😀")
    return report.export(session, demo_id, tmp_path / "rtl.pdf", sections=["dimensions"])


def test_hebrew_reads_right_to_left_and_top_to_bottom(written: Path) -> None:
    page = next(p for p in range(1, 6) if any(w[0] == "םולש" for w in _words(written, p)))
    words = _words(written, page)
    first = next(w for w in words if w[0][::-1] == "שלום")
    second = next(w for w in words if w[0][::-1] == "עולם,")
    assert first[2] == second[2] and first[1] > second[1]  # one line, the first word rightmost
    ends = next(w for w in words if w[0][::-1] == "הגלישה")
    later = next(w for w in words if w[0][::-1] == "הטקסט")
    assert ends[2] < later[2]  # the paragraph's lines in reading order, top to bottom
    # The Arabic paragraph starts right to left, so it is right-aligned.
    arabic = [w for w in words if any(0xFE70 <= ord(c) <= 0xFEFF for c in w[0])]
    assert arabic and max(w[1] for w in arabic) > 400


def test_emoji_print_as_their_names_and_copy_as_them(written: Path) -> None:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(written), "-"],
                          capture_output=True, check=True, text=True).stdout
    assert "Great workshop [party popper] with the team [thumbs up sign] ok" in text
    assert "[grinning face]" in text
    assert "\u1f60" not in text and "👍" not in text  # never a wrong or an unprinted glyph

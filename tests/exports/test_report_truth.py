"""The report tells the truth in every state: read back page by page with poppler and pypdf.

One module-wide export of the demo in each state (partially assessed, draft, signed,
amended), made as a user makes them, through the services.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from tests.tools.report_pngs import export_states

DRAFT_WORDS = ("will rise", "meanwhile", "for now", "draft", "not yet signed off")


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as pdftotext gives it, whitespace made single spaces."""
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed for these tests"
    count = len(pypdf.PdfReader(pdf).pages)
    out = []
    for page in range(1, count + 1):
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                               str(pdf), "-"], capture_output=True, check=True)
        out.append(re.sub(r"\s+", " ", done.stdout.decode("utf-8")))
    return out


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        yield export_states(home / "out", with_photos=False)


@pytest.fixture(scope="module")
def texts(states: dict[str, Path]) -> dict[str, list[str]]:
    return {state: page_texts(pdf) for state, pdf in states.items()}


def _outline(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))  # type: ignore[attr-defined, arg-type]

    walk(reader.outline)  # type: ignore[arg-type]
    return found


@pytest.mark.parametrize("state", ["partial", "signed"])
def test_every_bookmark_opens_the_page_that_holds_its_heading(
        states: dict[str, Path], texts: dict[str, list[str]], state: str) -> None:
    reader = pypdf.PdfReader(states[state])
    outline = _outline(reader)
    assert len(outline) > 50
    pages = texts[state]
    for title, index in outline:
        wanted = " ".join(title.split())[:30]
        assert wanted in pages[index], f"bookmark {title!r} opens page {index + 1}"
    # Not all on one page (the old defect: every bookmark opened page 1).
    assert len({index for _, index in outline}) > 20
    # In reading order: the bookmarks' pages never go backwards.
    numbers = [index for _, index in outline]
    assert numbers == sorted(numbers)


def test_every_contents_link_opens_its_sections_page(states: dict[str, Path],
                                                   texts: dict[str, list[str]]) -> None:
    reader = pypdf.PdfReader(states["partial"])
    contents = next(i for i, t in enumerate(texts["partial"]) if " Contents The sections" in t)
    links = [a.get_object() for a in reader.pages[contents].get("/Annots", [])]
    assert len(links) >= 10
    targets = []
    for link in links:
        dest = link["/Dest"]
        targets.append(reader.get_page_number(dest[0].get_object()))
    assert targets == sorted(targets) and len(set(targets)) > 10  # in order, not all one page
    assert contents not in targets and 0 not in targets
    for target in targets:  # each link lands on a page that starts a section or dimension
        assert re.search(r"(^| )(\d+ [A-Z]|D\d [A-Z]|Enablers|Element profile|Enabler "
                         r"profile)", texts["partial"][target])


def test_a_partially_assessed_draft_says_so(texts: dict[str, list[str]]) -> None:
    text = " ".join(texts["partial"])
    assert "Draft: partially assessed (90 % complete), not signed off" in text  # the cover
    assert "This is a draft of a partially assessed engagement: 29 of 32 elements" in text
    assert "will rise as that work is finished" in text
    # The unassessed elements of D6 say so, and are never "the lowest-rated".
    assert "2 of the 5 applicable elements were assessed." in text
    assert "D6.3, D6.4 and D6.5 were not assessed." in text
    assert not re.search(r"lowest-rated[^.]*D6\.[345]", text)
    assert "D6.3 Multichannel Presence and Orchestration 0.0 50 – Not assessed" in text
    chart = next(t for t in texts["partial"] if "Element profile Each element's" in t)
    assert "D6.3 Multichannel Presence and Orchestration not assessed" in chart


def test_an_unjudged_objective_is_not_judged_not_not_yet_achieved(
        texts: dict[str, list[str]]) -> None:
    page = next(t for t in texts["partial"] if "D6.3 Multichannel Presence and Orchestration "
                "SCORE" in t)
    element = page.split("D6.3 Multichannel Presence and Orchestration SCORE")[1]
    element = element.split("D6.4 ")[0]
    assert "— Not judged" in element and "Not yet achieved" not in element
    assert "PERCENT LEVEL TARGET STATUS 0.0 of 50 Not assessed Not assessed" in element


def test_a_complete_draft_says_it_is_a_draft(texts: dict[str, list[str]]) -> None:
    text = " ".join(texts["draft"])
    assert "Draft: not yet signed off" in text
    assert "This is a draft: every element is rated and judged" in text
    assert "will rise" not in text and "Not assessed" not in text.split("Methodology")[0]


@pytest.mark.parametrize("state", ["signed", "amended"])
def test_a_signed_report_has_no_draft_wording(texts: dict[str, list[str]], state: str) -> None:
    # The report's own words: the appendix at the end quotes the site-visit log, whose
    # documents may well be a client's "draft 0.9".
    text = " ".join(texts[state]).split("Appendix: the interviews held")[0]
    for words in DRAFT_WORDS:
        assert words not in text.lower(), words
    revision = 1 if state == "signed" else 2
    assert f"This report is final: revision {revision} of the assessment" in text
    assert f"Signed off · revision {revision} · SHA-256" in text


def test_an_amended_report_says_what_it_replaces(texts: dict[str, list[str]]) -> None:
    text = " ".join(texts["amended"])
    assert "It replaces the earlier signed revision" in text
    assert "(amended)" in text  # the cover's status
    assert "The client supplied the D2.6 journey audit" in text  # the revision history


def _warm_pixels(pdf: Path, page: int) -> int:
    """Pixels tinted by the orange DRAFT mark on a page rendered by poppler."""
    png = subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", str(page), "-l", str(page),
                          str(pdf)], capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(png)).convert("RGB")
    raw = image.tobytes()
    return sum(1 for i in range(0, len(raw), 3)
               if raw[i] >= 235 and raw[i] - raw[i + 2] >= 12 and raw[i] - raw[i + 1] >= 5)


def test_the_draft_mark_is_seen_but_not_in_the_text(states: dict[str, Path],
                                                    texts: dict[str, list[str]]) -> None:
    for page in texts["partial"]:
        assert "DRAFT" not in page.replace("THIS DRAFT WAS MADE FROM", "")
        assert not re.search(r"\bD\b.*\bRA\b.*\bFT\b", page)
    assert _warm_pixels(states["partial"], 3) > 200
    assert _warm_pixels(states["signed"], 3) < 20


def test_the_draft_mark_is_stored_once_for_all_its_pages(states: dict[str, Path]) -> None:
    """The outline of DRAFT is one form every body page shows, not forty copies of it."""
    reader = pypdf.PdfReader(states["partial"])
    marks = set()
    for page in reader.pages[1:]:  # the cover draws its own, over the cover's colours
        xobjects = page["/Resources"].get("/XObject", {})
        assert "/FormXob.WorkbenchDraftMark" in xobjects
        marks.add(next(v.idnum for k, v in xobjects.items() if "WorkbenchDraftMark" in k))
    assert len(marks) == 1
    signed = pypdf.PdfReader(states["signed"])
    assert not any("WorkbenchDraftMark" in str(p["/Resources"].get("/XObject", {}))
                   for p in signed.pages)


HEADINGS_H4 = ("Evidence notes", "Strengths", "Opportunities for improvement",
               "Planned improvement", "Photographs", "Statement of objective", "Revision history",
               "Largest gaps to target", "Scores by dimension")


def _body(page: str) -> str:
    """A page's text without the running header and the footer."""
    body = page.split("CEM maturity assessment 2026", 1)[-1]
    return body.split("Confidential: prepared for", 1)[0].strip()


@pytest.mark.parametrize("state", ["partial", "signed", "amended"])
def test_no_page_is_left_with_a_lone_heading_bullet_or_table(texts: dict[str, list[str]],
                                                            state: str) -> None:
    pages = texts[state]
    for number, page in enumerate(pages[1:-1], start=2):  # the cover and the last page aside
        body = _body(page)
        assert len(body.split()) >= 100, f"page {number} holds only: {body[:200]}"
        for title in HEADINGS_H4:
            assert not body.endswith(title), f"page {number} ends with the heading {title}"


def test_findings_that_continue_on_a_page_repeat_their_heading(
        texts: dict[str, list[str]]) -> None:
    pages = [_body(p) for p in texts["partial"]]
    continued = [p for p in pages if re.match(r"(D\d\.\d|E\d) [^()]+ \(continued\)", p)]
    assert len(continued) >= 10
    for page in continued:
        code = page.split(" ", 1)[0]
        # The page goes on with that element's own indicators or evidence, never another's.
        following = re.split(r" (SCORE )?PERCENT LEVEL", page.split("(continued)", 1)[1])[0]
        for found in re.findall(r"\b(D\d\.\d|E\d)\.\d+\b", following):
            assert found == code, page[:160]
    # A page that starts with a new element's heading is not marked as continued.
    fresh = [p for p in pages if re.match(r"D\d\.\d [^()]+ SCORE PERCENT", p)]
    assert fresh and not any("(continued)" in p.split("SCORE", 1)[0] for p in fresh)

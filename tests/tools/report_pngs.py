"""`python tests/tools/report_pngs.py OUTDIR [--states | --change]`: the demo report as PNGs.

Creates the demo engagement in a temporary database, attaches a few generated photos
(and one damaged file, to show its placeholder), exports the report with the default
brand, and renders every page with pdftoppm into OUTDIR (report.pdf beside them), so a
person can look at every page. `make report-pngs` runs it.

With `--states` it renders the report in each of its states into OUTDIR/<state>/:
partial (the demo as it is), draft (every element rated and judged), signed (revision 1)
and amended (revision 2, signed after an amendment).

With `--change` it renders the change section of a third-year re-assessment (the demo,
re-assessed in 2027 and 2028, each against the year before) into OUTDIR/change-*.png.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from workbench.core.bundled import resources_dir
from workbench.core.errors import WorkbenchError
from workbench.services import assessment, attachments, report
from workbench.services.demo import create_demo
from workbench.services.session import Session


def board_photo(title: str, lines: list[str], seed: int, size: tuple[int, int] = (2400, 1800)
                ) -> bytes:
    """A photo-like JPEG of a wall board with sticky notes (generated, no external files)."""
    import random

    rng = random.Random(seed)
    image = Image.new("RGB", size, (214, 208, 196))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle([w * 0.06, h * 0.08, w * 0.94, h * 0.9], fill=(246, 246, 242),
                   outline=(120, 120, 120), width=12)
    font_path = resources_dir() / "fonts" / "DejaVuSans-Bold.ttf"
    big = ImageFont.truetype(str(font_path), size[1] // 16)
    small = ImageFont.truetype(str(resources_dir() / "fonts" / "DejaVuSans.ttf"), size[1] // 34)
    draw.text((w * 0.1, h * 0.12), title, font=big, fill=(30, 50, 70))
    colours = [(255, 226, 120), (160, 214, 240), (250, 170, 160), (170, 225, 170)]
    for i, line in enumerate(lines):
        x = w * 0.1 + (i % 3) * w * 0.27
        y = h * 0.32 + (i // 3) * h * 0.27
        box = [x, y, x + w * 0.23, y + h * 0.2]
        draw.rectangle(box, fill=rng.choice(colours))
        draw.text((x + 20, y + 20), line, font=small, fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def add_demo_photos(session: Session, eid: str) -> None:
    """A few photos on two elements, plus notes with markup characters and accents."""
    attachments.attach_bytes(session, eid, "D2.6", "journey-wall.jpg", board_photo(
        "Journey map: home move", ["Order", "Install", "First bill", "Fault", "Upgrade"], 1),
        caption="Journey wall in the CX office, updated weekly by the design team")
    attachments.attach_bytes(session, eid, "D2.6", "pain-points.jpg", board_photo(
        "Pain points < 30 days", ["Billing & Co", "Missed visit", "Long hold"], 2),
        caption="Top pain points from the last quarter (R&D <draft> board)")
    attachments.attach_bytes(session, eid, "D5.3", "retention.jpg", board_photo(
        "Retention KPIs", ["Churn 1.4 %", "Saves 38 %", "NPS +21", "CES 2.1"], 3),
        caption="Retention dashboard printed for the weekly stand-up")
    assessment.set_notes(session, eid, "D2.6", (
        "Journey maps exist for the five most frequent journeys <b>and</b> the team uses "
        "them in design reviews; AT&T-style \"moments of truth\" are marked.\n\n"
        "Front-line input came from Zoë Lindqvist's workshop in Łódź with Müller's team; "
        "maps show x<y for digital journeys."))


STATES = ("partial", "draft", "signed", "amended")


def complete_everything(session: Session, eid: str) -> None:
    """Rate every unrated indicator and judge every unjudged objective (the lead's ratings)."""
    from workbench.services import scores

    framework = session.framework_of(eid)
    result = scores.score(session, eid)
    for element in framework.elements():
        es = result.elements[element.code]
        for code, value in es.indicators.items():
            if not value.na and value.fraction is None:
                assessment.rate(session, eid, code, 3)
        if not es.objective_judged:
            assessment.judge(session, eid, element.code, "partially")


def export_states(folder: Path, *, with_photos: bool = True) -> dict[str, Path]:
    """The demo report in each state, written to folder/<state>.pdf."""
    from workbench.services import signoff

    folder.mkdir(parents=True, exist_ok=True)
    lead = signoff.Signer("Amira Haddad", "Lead assessor", "Meridian Advisory")
    found: dict[str, Path] = {}
    with tempfile.TemporaryDirectory() as tmp:
        session = Session.open(Path(tmp) / "states.sqlite3")
        try:
            eid = create_demo(session)
            if with_photos:
                add_demo_photos(session, eid)
            found["partial"] = folder / "partial.pdf"
            report.export(session, eid, found["partial"], deterministic=True)
            complete_everything(session, eid)
            found["draft"] = folder / "draft.pdf"
            report.export(session, eid, found["draft"], deterministic=True)
            signoff.sign_off(session, eid, [lead], accept_warnings=True)
            found["signed"] = folder / "signed.pdf"
            report.export(session, eid, found["signed"], deterministic=True)
            signoff.amend(session, eid, "The client supplied the D2.6 journey audit")
            assessment.rate(session, eid, "D2.6.1", 4)
            signoff.sign_off(session, eid, [lead], accept_warnings=True)
            found["amended"] = folder / "amended.pdf"
            report.export(session, eid, found["amended"], deterministic=True)
        finally:
            session.close()
    return found


def reassess(session: Session, source: str, year: int, moves: dict[str, int | str]) -> str:
    """The source re-assessed in `year`: duplicated as its baseline, some values moved by
    the team's consensus, some of its actions moved on."""

    from workbench.services import actions, engagements

    details = engagements.details(session, source)
    eid = engagements.duplicate(session, source, details=details._replace(
        title=f"CEM maturity assessment {year}", start_date=f"{year}-11-02",
        end_date=f"{year}-11-04")).engagement_id
    for code, value in moves.items():
        assessment.rate_consensus(session, eid, code, value,  # type: ignore[arg-type]
                                  "Re-assessed a year on")
    for n, item in enumerate(actions.list_actions(session, eid)):
        status = ("done", "in_progress", "open")[n % 3]
        assert item.id is not None
        actions.update(session, eid, item.id, item._replace(status=status))  # type: ignore[arg-type]
    return eid


def export_change(folder: Path) -> Path:
    """The change section of a third-year report (demo 2026, 2027, 2028): folder/change.pdf."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        session = Session.open(Path(tmp) / "change.sqlite3")
        try:
            first = create_demo(session)
            moves: dict[str, int | str] = {f"D6.{e}.{i}": 3 for e in (3, 4) for i in (1, 2, 3)}
            moves.update({"D2.6.1": 5, "D2.6.2": 5, "D4.1.1": 4, "D4.1.2": 4, "D5.3.1": 1,
                          "D5.3.2": 1, "D1.2.1": 2, "D1.2.2": "na"})
            second = reassess(session, first, 2027, moves)
            third = reassess(session, second, 2028, {
                "D2.6.3": 5, "D4.1.3": 5, "D5.3.1": 3, "D6.1.1": 5, "D6.1.2": 4,
                "D3.1.1": 1, "D3.1.2": 1})
            pdf = folder / "change.pdf"
            report.export(session, third, pdf, deterministic=True,
                          sections=["summary", "change"])
        finally:
            session.close()
    return pdf


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[1] == "--change":
        pdf = export_change(Path(argv[0]))
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(pdf.parent / "change")],
                       check=True)
        print(pdf)
        return 0
    if len(argv) == 2 and argv[1] == "--states":
        if shutil.which("pdftoppm") is None:
            print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
            return 1
        try:
            pdfs = export_states(Path(argv[0]))
        except WorkbenchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        for state, pdf in pdfs.items():
            pages = pdf.parent / state
            pages.mkdir(exist_ok=True)
            for old in pages.glob("page-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(pages / "page")],
                           check=True)
            print(f"{pdf}: {len(list(pages.glob('page-*.png')))} pages in {pages}")
        return 0
    if len(argv) != 1:
        print("usage: python tests/tools/report_pngs.py OUTDIR [--states]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("page-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        session = Session.open(Path(tmp) / "demo.sqlite3")
        try:
            eid = create_demo(session)
            add_demo_photos(session, eid)
            pdf = out / "report.pdf"
            result = report.export_with_result(session, eid, pdf)
        except WorkbenchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        finally:
            session.close()
    for warning in result.warnings:
        print(f"warning: {warning}")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "page")], check=True)
    pages = sorted(out.glob("page-*.png"))
    print(f"{pdf}: {result.pages} pages; {len(pages)} PNG files in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

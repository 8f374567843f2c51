"""Render the main screens with the demo engagement to PNG, at 1366×768 and 1920×1080.

    python tests/tools/screenshots.py OUTDIR [--size WxH]...
        (`make screenshots` writes ./screenshots/1366x768 and ./screenshots/1920x1080)

Works offscreen (QT_QPA_PLATFORM=offscreen is set when no platform is given) on a
throw-away database and settings file, so the user's own data is never touched.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1366, 768)  # the size being rendered (`main` sets it for each --size)
SIZES = [(1366, 768), (1920, 1080)]


def _photo(text: str, colour: tuple[int, int, int]) -> bytes:
    """A stand-in photo of a whiteboard, drawn with Pillow."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 900), (236, 238, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 1140, 840), fill=(250, 250, 250), outline=(120, 120, 120), width=6)
    for n in range(5):
        x = 120 + n * 200
        draw.rectangle((x, 200, x + 160, 320), fill=colour)
        draw.line((x + 160, 260, x + 200, 260), fill=(60, 60, 60), width=6)
    draw.text((120, 120), text, fill=(30, 30, 30))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _settle(app: object, seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


OTHER_FRAMEWORKS = ("cx-implementation-4", "cx-maturity-layers", "cx-building-blocks")


def _rated_engagement(session: object, framework_id: str) -> str:
    """An engagement on `framework_id` with most of it rated and a target on each element."""
    import random

    from workbench.core.engagement import EngagementDetails
    from workbench.core.ratings import NA
    from workbench.services import assessment, engagements
    from workbench.services.session import Session

    assert isinstance(session, Session)
    details = EngagementDetails("Northwind Telecom", "Head office", f"{framework_id} review",
                                "Ana Ruiz", "2026-11-02", "2026-11-04")
    eid = engagements.create(session, details, framework_id=framework_id).engagement_id
    rnd = random.Random(framework_id)
    framework = session.framework_of(eid)
    for n, element in enumerate(framework.elements()):
        for indicator in element.indicators[: len(element.indicators) - (n % 2)]:
            assessment.rate(session, eid, indicator.code, rnd.choice([1, 2, 3, 3, 4, 4, 5, NA]))
        assessment.judge(session, eid, element.code, rnd.choice(["fully", "partially",
                                                                 "not_yet"]))
        assessment.set_target(session, eid, element.code, 4)
    return eid


def render(out: Path) -> list[Path]:
    from workbench.gui.app import application, build_main_window
    from workbench.services import attachments
    from workbench.services.demo import ensure_demo
    from workbench.services.session import Session

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="workbench-shots-"))
    app = application()
    session = Session.open(work / "workbench.sqlite3")
    demo = ensure_demo(session)
    assert demo is not None
    element = "D2.6"
    attachments.attach_bytes(session, demo, element, "journey-mapping-workshop.jpg",
                             _photo("Journey map, retail", (111, 181, 200)),
                             "Journey map on the CX office wall")
    attachments.attach_bytes(session, demo, element, "service-blueprint.jpg",
                             _photo("Service blueprint", (43, 122, 152)), "Blueprint draft")
    attachments.attach_bytes(session, demo, element, "journey-owners.pdf",
                             b"%PDF-1.4\n% stand-in\n", "Journey owners list")
    window = build_main_window(session, work / "settings.ini")
    window.showNormal()  # a first start maximises on the small offscreen screen
    window.resize(*SIZE)
    _settle(app)
    shots = []
    target = out / "engagement-list.png"
    window.grab().save(str(target))
    shots.append(target)

    window.open_engagement(demo)
    workspace = window.workspace
    assert workspace is not None
    workspace.select_element(element)
    _settle(app, 0.2)
    window.runner.wait(10_000)
    _settle(app, 0.3)
    rows = workspace.form.visible_rows()
    if len(rows) > 1:
        rows[1].selector.setFocus()  # shows the caption under the focused indicator
    _settle(app, 0.2)
    target = out / "scoring-form.png"
    window.grab().save(str(target))
    shots.append(target)

    workspace.form.verticalScrollBar().setValue(workspace.form.verticalScrollBar().maximum())
    _settle(app, 0.2)
    target = out / "scoring-form-evidence.png"
    window.grab().save(str(target))
    shots.append(target)

    # An element nobody assessed: "Not assessed" beside it, its objective "Not judged".
    workspace.select_element("D6.3")
    _settle(app, 0.3)
    target = out / "scoring-form-not-assessed.png"
    window.grab().save(str(target))
    shots.append(target)

    workspace.show_dashboard()
    _settle(app, 0.3)
    target = out / "dashboard.png"
    window.grab().save(str(target))
    shots.append(target)

    from workbench.gui.engagement_dialogs import ReassignDialog
    from workbench.services import engagements

    removal = engagements.assessor_work(session, demo, "Tomás Müller").describe()
    dialog = ReassignDialog("Tomás Müller", removal, ["Amira Haddad", "Zoë Lindqvist"], window)
    dialog.show()
    _settle(app, 0.2)
    target = out / "remove-assessor.png"
    dialog.grab().save(str(target))
    shots.append(target)
    dialog.close()
    from workbench.gui.verify_dialog import VerifyDialog

    unsigned = work / "unsigned-report.pdf"
    unsigned.write_bytes(b"%PDF-1.4\n% a report nobody signed\n")
    verify = VerifyDialog(session, demo, unsigned, window, runner=window.runner)
    verify.show()
    window.runner.wait(20_000)
    _settle(app, 0.3)
    target = out / "verify-dialog.png"
    verify.grab().save(str(target))
    shots.append(target)
    verify.close()
    for framework_id in OTHER_FRAMEWORKS:
        engagement = _rated_engagement(session, framework_id)
        window.open_engagement(engagement)
        workspace = window.workspace
        assert workspace is not None
        first = next(session.framework_of(engagement).elements()).code
        workspace.select_element(first)
        _settle(app, 0.2)
        window.runner.wait(10_000)
        _settle(app, 0.3)
        target = out / f"scoring-form-{framework_id}.png"
        window.grab().save(str(target))
        shots.append(target)
        workspace.show_dashboard()
        _settle(app, 0.3)
        target = out / f"dashboard-{framework_id}.png"
        window.grab().save(str(target))
        shots.append(target)
    from workbench.gui.frameworks_dialog import FrameworksDialog

    frameworks_dialog = FrameworksDialog(session, window)
    frameworks_dialog.refresh(("cx-implementation-4", "1.0"))
    frameworks_dialog.show()
    _settle(app, 0.3)
    target = out / "frameworks-dialog.png"
    frameworks_dialog.grab().save(str(target))
    shots.append(target)
    frameworks_dialog.close()
    from workbench.gui.engagement_dialogs import EngagementDialog
    from workbench.services.frameworks import for_new_engagements

    new = EngagementDialog(None, None, window, frameworks=for_new_engagements(session))
    new.framework.setCurrentIndex(1)
    new.show()
    _settle(app, 0.3)
    target = out / "new-engagement.png"
    new.grab().save(str(target))
    shots.append(target)
    from workbench.services.engagements import check_details

    new._check = check_details  # as ask_new makes it: Create checks before closing
    new.title.setText("CEM maturity assessment 2026")
    new.lead.setText("Ana Ruiz")
    new.accept()  # no client: the error shows beside it, the dialog stays
    _settle(app, 0.3)
    target = out / "new-engagement-missing-client.png"
    new.grab().save(str(target))
    shots.append(target)
    new.close()
    from workbench.gui.deliverables import ReportOptions
    from workbench.services.report import SECTIONS

    options = ReportOptions("default", tuple(SECTIONS), window, signed=True)
    options.pdfa.setChecked(True)
    options.working_papers.setChecked(True)
    options.show()
    _settle(app, 0.3)
    target = out / "report-options.png"
    options.grab().save(str(target))
    shots.append(target)
    options.close()
    word = ReportOptions("default", tuple(SECTIONS), window, word=True)
    word.show()
    _settle(app, 0.3)
    target = out / "word-report-options.png"
    word.grab().save(str(target))
    shots.append(target)
    word.close()
    shots += _team_shots(app, window, session, demo, out, work)
    shots += _signature_shots(app, window, out, work)
    shots += _baseline_shots(app, window, session, demo, out)
    shots += _brand_shots(app, window, out, work)
    from screenshots_assessor_day import assessor_day_shots

    shots += assessor_day_shots(app, window, session, demo, out, _settle, _over_window)
    window.close()
    session.close()
    return shots


def _over_window(window: object, dialog: object) -> object:
    """The window at 1366×768 with a dialog drawn over its centre, as the user sees them."""
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget) and isinstance(dialog, QWidget)
    shot = window.grab()
    inner = dialog.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 60))
    painter.drawPixmap((shot.width() - inner.width()) // 2,
                       (shot.height() - inner.height()) // 2, inner)
    painter.end()
    return shot


def _signature_shots(app: object, window: object, out: Path, work: Path) -> list[Path]:
    """Settings ▸ Trusted Certificates, and Engagement ▸ Verify… on a genuine signed report
    and on a forgery signed with a new certificate carrying the signer's name (issue 12)."""
    saved = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(work / "data")  # certificates: never the user's own
    try:
        return _signature_dialogs(app, window, out, work)
    finally:
        if saved is None:
            os.environ.pop("XDG_DATA_HOME", None)
        else:
            os.environ["XDG_DATA_HOME"] = saved


def _signature_dialogs(app: object, window: object, out: Path, work: Path) -> list[Path]:
    from workbench.exports import signing
    from workbench.gui.main_window import MainWindow
    from workbench.gui.trust_dialog import TrustDialog
    from workbench.gui.verify_dialog import VerifyDialog
    from workbench.services import signoff, trust
    from workbench.services.demo import ensure_demo
    from workbench.services.session import Session

    assert isinstance(window, MainWindow)
    shots = []
    signer = Session.open(work / "signer.sqlite3")
    demo = ensure_demo(signer)
    assert demo is not None
    lead = signoff.Signer("Amira Haddad", "Lead assessor", "Example Consulting")
    signoff.sign_off(signer, demo, [lead], accept_warnings=True)
    creds = signoff.signing_credentials(passphrase="screenshot words", signer=lead.name,
                                        organisation=lead.organisation)
    genuine = signoff.export_signed_report(signer, demo, work / "signed.pdf", creds).path
    unsigned = signoff.export_signed_report(signer, demo, work / "unsigned.pdf").path
    made = signing.create_self_signed(lead.name, "forger's words", folder=work / "forger")
    forger = signing.load_pkcs12(made.p12, "forger's words")
    found = signing.verify_pdf(genuine)
    assert found.embedded_json is not None and found.embedded_name is not None
    forged = work / "forged.pdf"
    forged.write_bytes(signing.sign_pdf(
        unsigned.read_bytes(), forger, reason=found.reason,
        attachments=[signing.Attachment(found.embedded_name, found.embedded_json)]))
    for name, firm in (("Tomás Müller", False), ("Example Consulting CA", True)):
        other = signing.create_self_signed(name, "another passphrase",
                                           folder=work / name.split()[0])
        trust.add(other.pem, firm=firm)

    dialog = TrustDialog(window)
    dialog.show()
    _settle(app, 0.3)
    target = out / "trusted-certificates.png"
    dialog.grab().save(str(target))
    shots.append(target)
    dialog.close()
    for name, path in (("verify-signed", genuine), ("verify-forged", forged)):
        verify = VerifyDialog(signer, demo, path, window, runner=window.runner)
        verify.show()
        window.runner.wait(30_000)
        _settle(app, 0.3)
        target = out / f"{name}.png"
        verify.grab().save(str(target))
        shots.append(target)
        verify.close()
    signer.close()
    return shots


def _team_shots(app: object, window: object, session: object, demo: str, out: Path,
                work: Path) -> list[Path]:
    """The consensus screen and the merge preview of a colleague's package (issue 10)."""
    from workbench.core.engagement import FindingKind
    from workbench.gui.main_window import MainWindow
    from workbench.gui.merge_dialog import MergePreviewDialog
    from workbench.services import assessment, consensus, engagements, package
    from workbench.services.session import Session

    assert isinstance(window, MainWindow) and isinstance(session, Session)
    shots = []
    colleague = "Tomás Müller"
    assessment.set_notes(session, demo, "D2.5", "Price list published online; the payment "
                         "options were explained well at the desk, less so on the phone.",
                         colleague)
    assessment.add_finding(session, demo, "D2.5", FindingKind.STRENGTH,
                           "Clear tariffs, compared yearly with competitors", colleague)
    assessment.add_finding(session, demo, "D2.5", FindingKind.OPPORTUNITY,
                           "Explain instalment plans in the contact centre", colleague)
    window.open_engagement(demo)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_consensus()
    _settle(app, 0.3)
    target = out / "consensus.png"
    window.grab().save(str(target))
    shots.append(target)

    # A colleague's laptop: a copy of the package, where Tomás rates and a consensus is set.
    sent = package.pack(session, demo, work / "from-amira.wbx")
    laptop = Session.open(work / "tomas.sqlite3")
    package.import_package(laptop, sent)
    assessment.rate(session, demo, "D2.6.1", 4, colleague)  # then later on the laptop too
    consensus.set_consensus(laptop, demo, "D2.7.4", 3)  # the team agreed on the laptop
    for code, level in (("D1.1.1", 4), ("D1.1.2", 2), ("D2.5.1", 3), ("D2.6.1", 2),
                        ("D3.2.1", 5)):
        assessment.rate(laptop, demo, code, level, colleague)
    assessment.set_notes(laptop, demo, "D1.1", "Saw the CX strategy on the intranet.",
                         colleague)
    back = package.pack(laptop, demo, work / "from-tomas.wbx")
    laptop.close()
    assessment.rate(session, demo, "D2.5.1", 2, colleague)  # edited here too: a conflict
    with package.preview_merge(session, back) as preview:
        details = engagements.details(session, demo)
        dialog = MergePreviewDialog(preview, f"{details.client} — {details.title}", window)
        dialog.show()
        _settle(app, 0.3)
        target = out / "merge-preview.png"
        _over_window(window, dialog).save(str(target))
        shots.append(target)
        dialog.close()
    return shots


def _reassess(session: object, source: str, year: str, moves: dict[str, object]) -> str:
    """A re-assessment a year on: the source duplicated as its baseline, some values moved."""

    from workbench.services import assessment, engagements
    from workbench.services.session import Session

    assert isinstance(session, Session)
    details = engagements.details(session, source)
    title = " ".join([*details.title.split()[:-1], year]) if details.title[-4:].isdigit() \
        else f"{details.title} {year}"
    eid = engagements.duplicate(session, source, details=details._replace(
        title=title, start_date=f"{year}-11-02", end_date=f"{year}-11-04")).engagement_id
    for code, value in moves.items():
        assessment.rate_consensus(session, eid, code, value,  # type: ignore[arg-type]
                                  "Re-assessed a year on")
    return eid


def _baseline_shots(app: object, window: object, session: object, demo: str,
                    out: Path) -> list[Path]:
    """The dashboard of a re-assessment against its baseline (issue 18): radar with both
    years, arrows on the element bars, largest changes; the bar variant; Edit Details."""
    from workbench.core.ratings import NA
    from workbench.gui.engagement_dialogs import EngagementDialog
    from workbench.gui.main_window import MainWindow
    from workbench.services import comparison, engagements
    from workbench.services.session import Session

    assert isinstance(window, MainWindow) and isinstance(session, Session)
    shots = []
    moves: dict[str, object] = {f"D6.{e}.{i}": 3 for e in (3, 4) for i in (1, 2, 3)}
    moves.update({"D2.6.1": 5, "D2.6.2": 5, "D2.6.3": 5, "D4.1.1": 4, "D4.1.2": 4,
                  "D5.3.1": 1, "D5.3.2": 1, "D1.2.1": 2, "D1.2.2": NA})
    current = _reassess(session, demo, "2027", moves)
    window.open_engagement(current)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_dashboard()
    _settle(app, 0.3)
    target = out / "dashboard-baseline.png"
    window.grab().save(str(target))
    shots.append(target)
    bar = workspace.dashboard.verticalScrollBar()
    workspace.dashboard.ensureWidgetVisible(workspace.dashboard.changes, 0, 0)
    bar.setValue(min(bar.maximum(), workspace.dashboard.changes.y() - 16))
    _settle(app, 0.3)
    target = out / "dashboard-baseline-changes.png"
    window.grab().save(str(target))
    shots.append(target)

    third = _reassess(session, current, "2028", {"D3.1.1": 1, "D6.1.1": 5, "D6.1.2": 5,
                                                 "D5.3.1": 3, "D5.3.2": 3})
    window.open_engagement(third)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_dashboard()
    _settle(app, 0.3)
    trend = workspace.dashboard.changes.trend
    bar = workspace.dashboard.verticalScrollBar()
    bar.setValue(min(bar.maximum(), trend.mapTo(workspace.dashboard.widget(), trend.rect()
                                                .topLeft()).y() - 300))
    _settle(app, 0.3)
    target = out / "dashboard-baseline-trend.png"
    window.grab().save(str(target))
    shots.append(target)

    source = _rated_engagement(session, "cx-implementation-4")
    assert isinstance(session, Session)
    codes = [i.code for e in session.framework_of(source).elements() for i in e.indicators]
    later = _reassess(session, source, "2027",
                      {code: 5 if n % 3 == 0 else 2 for n, code in enumerate(codes[:12])})
    window.open_engagement(later)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_dashboard()
    _settle(app, 0.3)
    target = out / "dashboard-baseline-cx-implementation-4.png"
    window.grab().save(str(target))
    shots.append(target)

    window.open_engagement(current)
    choices = [(r.id, f"{r.client} — {r.title}") for r in engagements.summaries(session)
               if r.id != current]
    dialog = EngagementDialog(engagements.details(session, current),
                              engagements.team(session, current), window, baselines=choices,
                              baseline=comparison.baseline_of(session, current))
    dialog.show()
    _settle(app, 0.3)
    target = out / "edit-details-baseline.png"
    _over_window(window, dialog).save(str(target))
    shots.append(target)
    dialog.close()
    return shots


LOGO_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="360" height="100"
 viewBox="0 0 360 100"><rect x="4" y="14" width="72" height="72" rx="14" fill="#1B5E4B"/>
<path d="M22 34 H58 L26 66 H60" stroke="#F2B33D" stroke-width="9" fill="none"
 stroke-linejoin="round"/><text x="92" y="62" font-family="Helvetica" font-size="38"
 font-weight="bold" fill="#1B5E4B">Zeta Partners</text></svg>"""


def client_logo_png() -> bytes:
    """A stand-in client logo (a wordmark), drawn with Pillow."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (480, 140), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 20, 110, 120), fill=(201, 68, 52, 255))
    draw.rectangle((130, 45, 460, 95), fill=(40, 40, 48, 255))
    draw.text((145, 58), "NORTHWIND TELECOM", fill=(255, 255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def use_scratch_brands(work: Path) -> None:
    """Brand profiles in the throw-away folder, never the user's own."""
    import workbench.exports.brand as brand_files
    import workbench.services.brands as brand_service

    folder = work / "brands"
    brand_files.user_brands_dir = lambda: folder  # type: ignore[assignment]
    brand_service.user_brands_dir = lambda: folder  # type: ignore[assignment]


def user_made_brand() -> str:
    """A firm's own profile, as a consultant makes it in the editor: SVG logo, co-branded."""
    from workbench.services import brands

    draft = brands.BrandDraft(
        name="zeta-partners", display_name="Zeta Partners", firm_name="Zeta Partners LLP",
        logo=LOGO_SVG, client_logo=client_logo_png(), primary="#1B5E4B", accent="#F2B33D",
        footer="{firm} · prepared for {client}",
        confidentiality="Confidential: prepared by {firm} for {client}.",
        cover_text="An independent assessment of customer experience management maturity.")
    brands.save(draft, replace_existing=True)
    brands.set_default("zeta-partners")
    return "zeta-partners"


def _brand_shots(app: object, window: object, out: Path, work: Path) -> list[Path]:
    from workbench.gui.brand_profiles_dialog import BrandProfilesDialog
    from workbench.gui.firm_prompt import FirmPrompt
    from workbench.gui.settings import Settings

    use_scratch_brands(work)
    shots = []
    prompt = FirmPrompt(Settings(work / "prompt.ini"), None)
    prompt.show()
    _settle(app, 0.3)
    target = out / "first-start-firm.png"
    _over_window(window, prompt).save(str(target))
    shots.append(target)
    prompt.close()
    user_made_brand()
    editor = BrandProfilesDialog(None)
    editor.resize(*SIZE)
    editor.show()
    _settle(app, 0.3)
    target = out / "brand-profiles.png"
    editor.grab().save(str(target))
    shots.append(target)
    # The firm's Word house template chosen in the editor (not yet saved).
    template = work / "Zeta house style.dotx"
    template.write_bytes(house_template())
    editor.form.template.load(template)
    _settle(app, 0.2)
    target = out / "brand-profiles-template.png"
    editor.grab().save(str(target))
    shots.append(target)
    editor.close()
    return shots


def house_template() -> bytes:
    """A small .dotx house template, made with python-docx as a firm's would be."""
    import docx

    from workbench.exports.word_template import DOCUMENT, TEMPLATE, retyped

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "ZETA PARTNERS"
    out = io.BytesIO()
    doc.save(out)
    return retyped(out.getvalue(), DOCUMENT, TEMPLATE)


def _sizes(args: list[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """(the other arguments, the sizes asked for with --size WxH; both sizes if none)."""
    rest, sizes = [], []
    it = iter(args)
    for arg in it:
        if arg == "--size" or arg.startswith("--size="):
            value = arg.partition("=")[2] if "=" in arg else next(it, "")
            width, _x, height = value.lower().partition("x")
            if not (width.isdigit() and height.isdigit()):
                raise ValueError(f"--size {value!r}: give it as WIDTHxHEIGHT, e.g. 1366x768")
            sizes.append((int(width), int(height)))
        else:
            rest.append(arg)
    return rest, sizes or list(SIZES)


def main(argv: list[str] | None = None) -> int:
    global SIZE
    try:
        args, sizes = _sizes(sys.argv[1:] if argv is None else argv)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    if len(args) != 1:
        print("usage: python tests/tools/screenshots.py OUTDIR [--size WxH]...", file=sys.stderr)
        return 2
    if len(sizes) > 1:  # one process per size: the report library keeps state per process
        import subprocess

        for width, height in sizes:
            code = subprocess.call([sys.executable, __file__, args[0],
                                    f"--size={width}x{height}"])
            if code:
                return code
        return 0
    SIZE = sizes[0]
    for path in render(Path(args[0]) / f"{SIZE[0]}x{SIZE[1]}"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

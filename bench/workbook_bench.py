"""Scoring workbook: export and import of a fully rated engagement with three assessors.

Targets (issue 4): export under 150 ms, import under 300 ms. Each figure is
printed beside LibreOffice's own time to open and re-save the same file,
measured in the same run (its start-up included, as a user would wait for it).
Issue 17: the demo engagement's workbook exported in process in under 100 ms.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import openpyxl

from bench.common import report, timings
from workbench.core.engagement import Assessor, EngagementDetails, FindingKind
from workbench.core.ratings import NA
from workbench.exports.workbook.layout import layout_for
from workbench.services import assessment, engagements, workbook
from workbench.services.demo import create_demo
from workbench.services.session import Session

TEAM = ("Amira Haddad", "Tomás Müller", "Zoë Lindqvist")


def _fully_rated(session: Session) -> str:
    """Every indicator and objective rated by three assessors, some consensus, evidence."""
    rng = random.Random(3)
    eid = engagements.create(
        session, EngagementDetails("Bench Telecom", "Head office", "Bench assessment", TEAM[0]),
        team=[Assessor(name) for name in TEAM]).engagement_id
    framework = session.framework_of(eid)
    with session.db.atomic():  # one transaction: the set-up is not what is measured
        for element in framework.elements():
            base = rng.randint(1, 5)
            for name in TEAM:
                for ind in element.indicators:
                    level = max(1, min(5, base + rng.choice((-1, 0, 0, 1))))
                    assessment.rate(session, eid, ind.code, NA if rng.random() < 0.03 else level,
                                    name)
                assessment.judge(session, eid, element.code,
                                 rng.choice(("fully", "partially", "not_yet")), name)
                assessment.set_notes(session, eid, element.code, f"Notes of {name}.", name)
                assessment.add_finding(session, eid, element.code, FindingKind.STRENGTH,
                                       "Clear ownership.", name)
            assessment.set_target(session, eid, element.code, min(5, base + 1))
        for enabler in framework.enablers:
            for name in TEAM:
                for ind in enabler.indicators:
                    assessment.rate(session, eid, ind.code, rng.randint(1, 5), name)
        for element in list(framework.elements())[:10]:
            for ind in element.indicators:
                assessment.rate_consensus(session, eid, ind.code, 3, "Agreed")
    return eid


def _edited(source: Path, target: Path, sheet: str, rows: list[int], level: int) -> Path:
    wb = openpyxl.load_workbook(source)
    for row in rows:
        wb[sheet][f"C{row}"].value = level
    wb.save(target)
    return target


def _libreoffice(path: Path, out: Path, runs: int) -> list[float]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return []
    profile = out / "lo-profile"
    values = []
    for n in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "xlsx", "--outdir", str(out / f"lo{n}"), str(path)],
                       capture_output=True, timeout=300, check=False)
        if n:  # the first run creates LibreOffice's profile; a user's already exists
            values.append(time.perf_counter() - start)
    return values


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        session = Session.open(tmp / "bench.sqlite3")
        try:
            demo = create_demo(session)
            demo_export = timings(lambda: workbook.export(session, demo, tmp / "demo.xlsx"),
                                  repeat=15)
            eid = _fully_rated(session)
            path = tmp / "bench.xlsx"
            export = timings(lambda: workbook.export(session, eid, path), repeat=15)
            framework = session.framework_of(eid)
            sheet = layout_for(framework).dimensions[1]
            rows = [s.row for s in sheet.rows if s.kind == "indicator"][:20]
            high = _edited(path, tmp / "high.xlsx", sheet.name, rows, 5)
            low = _edited(path, tmp / "low.xlsx", sheet.name, rows, 1)
            turn = [0]

            def import_once() -> None:
                turn[0] += 1
                preview = workbook.preview_import(session, high if turn[0] % 2 else low)
                assert preview.can_apply, preview.lines()[:8]
                workbook.apply_import(session, preview)

            preview_only = timings(lambda: workbook.preview_import(session, path), repeat=15)
            imports = timings(import_once, repeat=14)
            office = _libreoffice(path, tmp, runs=2)
            size = path.stat().st_size
        finally:
            session.close()
    print(f"workbook: {size / 1024:.0f} KB, 3 assessors, every indicator rated")
    report("export xlsx (the demo engagement)", demo_export, None, "< 100 ms (issue 17)")
    report("export xlsx (fully rated, 3 assessors)", export, office or None, "< 150 ms")
    report("import xlsx: preview, unchanged", preview_only, office or None, "< 300 ms")
    report("import xlsx: preview + apply 20 changes", imports, office or None, "< 300 ms")
    if office:
        report("LibreOffice: open and re-save the same file", office)
    else:
        print("LibreOffice is not installed: no baseline measured")


if __name__ == "__main__":
    main()

"""Report benchmarks (issue "Branded PDF assessment report"), each beside its baseline.

1. The full demo report without photos, against LibreOffice headless converting the
   exported workbook of the same engagement to PDF: in process after a warm-up (target:
   at most 0.1x LibreOffice's time, issue 17), and as a whole
   `workbench export pdf` process (issue 17: at most 0.35x).
   If the workbook exporter is not installed, the baseline converts a workbook of comparable
   size written with openpyxl, and says so.
2. The full report with 30 twelve-megapixel photos: time (first export, when each photo is
   downscaled, and a repeat export from the photo cache), peak memory of the exporting
   process, and file size (targets: under 5 s, under 500 MB, under 30 MB), beside the same
   report without photos.

Peak memory is the resident set of a fresh process that does only the export, so it counts
Pillow's and ReportLab's native memory too, not just Python objects.
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

PHOTOS = 30
PHOTO_SIZE = (4000, 3000)  # twelve megapixels


def _camera_photo(seed: int) -> bytes:
    """A 12-megapixel JPEG with the detail and noise of a real photo (about 2-5 MB)."""
    rng = random.Random(seed)
    small = Image.new("RGB", (400, 300), (rng.randrange(90, 200), rng.randrange(90, 200),
                                          rng.randrange(90, 200)))
    draw = ImageDraw.Draw(small)
    for _ in range(60):
        x, y = rng.randrange(400), rng.randrange(300)
        draw.rectangle([x, y, x + rng.randrange(10, 120), y + rng.randrange(10, 90)],
                       fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    image = small.resize(PHOTO_SIZE, Image.Resampling.BICUBIC).filter(
        ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(PHOTO_SIZE, 18).convert("RGB")
    image = Image.blend(image, noise, 0.12)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _workbook_baseline(session: object, eid: str, folder: Path) -> tuple[Path, str]:
    """The engagement's exported workbook, or a comparable openpyxl one if there is none."""
    target = folder / "demo.xlsx"
    try:
        from workbench.services import workbook

        workbook.export(session, eid, target)  # type: ignore[arg-type]
        return target, "the exported workbook of the same engagement"
    except ImportError:
        from openpyxl import Workbook

        book = Workbook()
        for sheet_no in range(8):
            sheet = book.active if sheet_no == 0 else book.create_sheet()
            for row in range(1, 60):
                for col in range(1, 12):
                    sheet.cell(row, col, f"cell {row}.{col}" if col < 4 else row * col)
        book.save(target)
        return target, ("a workbook of comparable size written with openpyxl (the workbook "
                        "exporter is not installed)")


def _libreoffice_to_pdf(xlsx: Path, folder: Path) -> float:
    """Seconds LibreOffice headless takes to convert the workbook to PDF (a fresh profile
    each run is not used: the profile is made once, as a user's would be)."""
    soffice = _soffice()
    assert soffice is not None
    profile = folder / "lo-profile"
    start = time.perf_counter()
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder / "lo-out"), str(xlsx)],
                   check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def _whole_process(db: Path, eid: str, folder: Path) -> float:
    """`workbench export pdf` of the demo as a user runs it: a whole process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "workbench", "--db", str(db), "export", "pdf", eid,
                    "-o", str(folder / "whole.pdf")], check=True, capture_output=True,
                   timeout=300)
    return time.perf_counter() - start


def _child_export(db: str, eid: str, out: str, sections: str) -> None:
    """Runs in a fresh process: one export, then its time and peak memory as JSON."""
    from workbench.services import report
    from workbench.services.session import Session

    session = Session.open(Path(db))
    start = time.perf_counter()
    result = report.export_with_result(
        session, eid, Path(out), sections=sections.split(",") if sections else None)
    seconds = time.perf_counter() - start
    session.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "pages": result.pages,
                      "warnings": len(result.warnings)}))


def _run_child(db: Path, eid: str, out: Path, cache: Path, sections: str = "") -> dict[str, float]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    done = subprocess.run([sys.executable, "-m", "bench.report_bench", "--child", str(db), eid,
                           str(out), sections], capture_output=True, text=True, check=True,
                          env=env, cwd=Path(__file__).resolve().parent.parent, timeout=600)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["size_mb"] = out.stat().st_size / 2**20
    return figures


def main() -> None:
    from workbench.services import attachments, report
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        db = folder / "bench.sqlite3"
        session = Session.open(db)
        eid = create_demo(session)

        # 1. Without photos, against LibreOffice converting the workbook.
        report.export(session, eid, folder / "warm.pdf")  # imports and fonts loaded once
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            result = report.export_with_result(session, eid, folder / "demo.pdf")
            runs.append(time.perf_counter() - start)
        ours = statistics.median(runs)
        print(f"{'full demo report, no photos':<44} median {ours * 1000:8.0f} ms  "
              f"({result.pages} pages, {(folder / 'demo.pdf').stat().st_size / 1024:.0f} KB)",
              flush=True)
        if _soffice() is None:
            print("  baseline skipped: LibreOffice (soffice) is not installed")
        else:
            xlsx, what = _workbook_baseline(session, eid, folder)
            _libreoffice_to_pdf(xlsx, folder)  # first start creates LibreOffice's profile
            lo = statistics.median(_libreoffice_to_pdf(xlsx, folder) for _ in range(2))
            print(f"{'  baseline: LibreOffice xlsx -> pdf':<44} median {lo * 1000:8.0f} ms  "
                  f"ratio {ours / lo:5.2f}x  | target <= 0.10x",
                  flush=True)
            print(f"  (baseline input: {what})")
            whole = statistics.median(_whole_process(db, eid, folder) for _ in range(3))
            print(f"{'workbench export pdf, whole process':<44} median {whole * 1000:8.0f} ms  "
                  f"| LibreOffice {lo * 1000:8.0f} ms  ratio {whole / lo:5.2f}x  "
                  f"| target <= 0.35x", flush=True)

        # 2. Thirty twelve-megapixel photos.
        codes = [e.code for e in session.framework_of(eid).elements()]
        total = 0
        for i in range(PHOTOS):
            data = _camera_photo(i)
            total += len(data)
            attachments.attach_bytes(session, eid, codes[i % len(codes)], f"site-{i:02}.jpg",
                                     data, caption=f"Site photo {i + 1}")
        session.close()
        print(f"  {PHOTOS} photos of {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} px attached "
              f"({total / 2**20:.0f} MB of JPEG)", flush=True)
        cache = folder / "child-cache"
        without = _run_child(db, eid, folder / "no-photos.pdf", cache,
                             "cover,contents,summary,profile,dimensions,actions,methodology,"
                             "signoff")
        cold = _run_child(db, eid, folder / "photos.pdf", cache)
        warm = _run_child(db, eid, folder / "photos-again.pdf", cache)
        for name, f in (("report, photos switched off (baseline)", without),
                        ("report with 30 photos, first export", cold),
                        ("report with 30 photos, from the cache", warm)):
            print(f"{name:<44} {f['seconds'] * 1000:8.0f} ms  peak {f['peak_mb']:6.0f} MB  "
                  f"file {f['size_mb']:5.1f} MB  {f['pages']:.0f} pages", flush=True)
        print(f"{'  targets':<44} < 5000 ms       < 500 MB       < 30 MB")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        _child_export(*sys.argv[2:6])
    else:
        main()

"""Word report benchmark (issue 16): the demo engagement's DOCX export beside its PDF export,
in the same run and the same process (target: the DOCX no slower than the PDF).

Both are timed end to end through the services, as `workbench export docx|pdf` runs them:
the database read, the sections, and for the DOCX the charts drawn to PNG and python-docx
writing the package.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench.common import report, timings


def main() -> None:
    from workbench.services import report as pdf_report
    from workbench.services import word_report
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        session = Session.open(folder / "bench.sqlite3")
        try:
            eid = create_demo(session)
            pdf = timings(lambda: pdf_report.export(session, eid, folder / "demo.pdf"),
                          repeat=5, warmup=1)
            docx = timings(lambda: word_report.export_docx(session, eid, folder / "demo.docx"),
                           repeat=5, warmup=1)
            report("PDF export of the demo (baseline)", pdf)
            report("DOCX export of the demo", docx, baseline=pdf,
                   target="ratio <= 1.00x (no slower than the PDF)")
            print(f"  sizes: PDF {(folder / 'demo.pdf').stat().st_size / 1024:.0f} KB, "
                  f"DOCX {(folder / 'demo.docx').stat().st_size / 1024:.0f} KB", flush=True)
        finally:
            session.close()


if __name__ == "__main__":
    main()

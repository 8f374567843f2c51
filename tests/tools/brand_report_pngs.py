"""`python tests/tools/brand_report_pngs.py OUTDIR`: the demo report in a user-made brand.

Makes the profile a consultant would make in Settings ▸ Brand Profiles (an SVG logo, the
client's logo for co-branding, their own colours, footer and disclaimer) in a throw-away
folder, makes it the default, exports the demo engagement's report and renders its first
pages with pdftoppm into OUTDIR, to look at them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshots import use_scratch_brands, user_made_brand

from workbench.services import report
from workbench.services.demo import create_demo
from workbench.services.session import Session


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/tools/brand_report_pngs.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="workbench-brand-"))
    use_scratch_brands(work)
    user_made_brand()
    session = Session.open(work / "workbench.sqlite3")
    try:
        eid = create_demo(session)
        pdf = report.export(session, eid, out / "branded-report.pdf", deterministic=True)
    finally:
        session.close()
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(pdf),
                    str(out / "branded-page")], check=True)
    for page in sorted(out.glob("branded-page*.png")):
        print(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

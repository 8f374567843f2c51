"""Engagement package benchmarks (issue 10): pack and merge a full three-assessor engagement.

The demo engagement (three assessors, every element rated) with 30 photos of about 3 MB
each (random-ish JPEGs made with Pillow), measured in one run beside a plain file copy of
the same database:
- pack the engagement into a `.wbx` file: target under 2x the file copy;
- import the package into an empty database (once);
- preview and apply the merge of an unchanged package (verify, compare, nothing to write):
  target under 0.5 s;
- merge a package with one changed rating (preview and apply).
"""

from __future__ import annotations

import io
import os
import random
import shutil
import statistics
import tempfile
from pathlib import Path

from PIL import Image

from bench.common import report, timings
from workbench.services import assessment, attachments, package
from workbench.services.demo import create_demo
from workbench.services.session import Session

PHOTOS = 30


def photo(seed: int) -> bytes:
    """A JPEG of about 3 MB: noisy blocks a camera's photo does not compress better than."""
    rng = random.Random(seed)
    width, height = 2048, 1536
    base = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    buffer = io.BytesIO()
    base.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def _merge(session: Session, path: Path) -> int:
    with package.preview_merge(session, path) as preview:
        if preview.has_changes:
            package.apply_merge(session, preview)
        return len(preview.changes)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a = Session.open(folder / "a.sqlite3")
        eid = create_demo(a)
        sizes = []
        elements = sorted(a.framework_of(eid).element_by_code)
        for n in range(PHOTOS):
            data = photo(n)
            sizes.append(len(data))
            attachments.attach_bytes(a, eid, elements[n % len(elements)], f"site-{n:02}.jpg",
                                     data, f"Photo {n}")
        a.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db_size = (folder / "a.sqlite3").stat().st_size
        print(f"{PHOTOS} photos, median {statistics.median(sizes) / 2**20:.1f} MB; database "
              f"{db_size / 2**20:.0f} MB", flush=True)
        copy = timings(lambda: shutil.copyfile(folder / "a.sqlite3", folder / "copy.sqlite3"),
                       repeat=5, warmup=1)
        wbx = folder / "a.wbx"
        pack = timings(lambda: package.pack(a, eid, wbx), repeat=5, warmup=1)
        report("plain file copy of the database", copy)
        report("pack the engagement (.wbx)", pack, copy, target="< 2x the file copy")
        print(f"{'  package size':<44} {wbx.stat().st_size / 2**20:8.1f} MB", flush=True)
        b = Session.open(folder / "b.sqlite3")
        report("import the package into an empty database",
               timings(lambda: _import_fresh(folder, wbx), repeat=3, warmup=0))
        package.import_package(b, wbx)
        unchanged = timings(lambda: _merge(b, wbx), repeat=5, warmup=1)
        report("merge an unchanged package (preview+apply)", unchanged, target="< 500 ms")
        changed_path = folder / "changed.wbx"

        def one_change() -> int:
            current = assessment.element_sheet(a, eid, "D1.1", None)
            del current
            assessment.rate(a, eid, "D1.1.1", random.choice([1, 2, 3, 4, 5]))
            package.pack(a, eid, changed_path)
            return _merge(b, changed_path)

        report("pack + merge one changed rating", timings(one_change, repeat=3, warmup=0))
        b.close()
        a.close()


def _import_fresh(folder: Path, wbx: Path) -> None:
    target = folder / "fresh.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        with_suffix = Path(str(target) + suffix)
        if with_suffix.exists():
            os.unlink(with_suffix)
    fresh = Session.open(target)
    package.import_package(fresh, wbx)
    fresh.close()

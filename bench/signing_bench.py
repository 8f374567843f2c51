"""Sign-off benchmarks (issue "Sign-off"): signing and verifying a full report.

Measured in one run, each beside its baseline:
- pyHanko's import, once (excluded from the targets: the app imports it lazily);
- the unsigned export of the demo's full report (the baseline of the signed export);
- the signed export (report + embedded canonical JSON + PAdES certification): its cost beyond
  the unsigned export is the signing, target under 1 s;
- signing the finished report's bytes alone, and verifying the signed report (signature, DER
  checks, embedded data), target under 1 s each;
- the sign-off itself (readiness, canonical JSON, hash, lock) on the database.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.common import report, timings
from workbench.services import report as report_service
from workbench.services import signoff
from workbench.services.demo import create_demo
from workbench.services.session import Session


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Signing remembers the certificate in the trust list: never the user's own.
        os.environ["XDG_DATA_HOME"] = str(folder / "data")
        start = time.perf_counter()
        import pyhanko.sign
        import pyhanko.sign.validation

        del pyhanko  # imported only to time the import

        print(f"{'pyHanko import (once, not in the targets)':<44} "
              f"{(time.perf_counter() - start) * 1000:8.1f} ms", flush=True)
        session = Session.open(folder / "bench.sqlite3")
        eid = create_demo(session)
        creds = signoff.signing_credentials(passphrase="bench passphrase", signer="A. Assessor",
                                            folder=folder / "certs")
        plain = timings(lambda: report_service.export(session, eid, folder / "plain.pdf"),
                        repeat=3, warmup=1)
        sign_timings = timings(lambda: _sign_off_and_amend(session, eid), repeat=5, warmup=1)
        report("sign-off (readiness, canonical JSON, lock)", sign_timings)
        signoff.sign_off(session, eid, [signoff.Signer("A. Assessor", "Lead assessor")],
                         accept_warnings=True)
        signed_path = folder / "signed.pdf"
        signed = timings(lambda: signoff.export_signed_report(session, eid, signed_path, creds),
                         repeat=3, warmup=1)
        report("export full report, unsigned", plain)
        report("export full report, signed", signed, plain)
        print(f"{'  signed export beyond the unsigned one':<44} "
              f"{(min(signed) - min(plain)) * 1000:8.1f} ms (best runs)  | target < 1000 ms",
              flush=True)
        from workbench.exports import signing

        unsigned_bytes = (folder / "plain.pdf").read_bytes()
        report("sign the report's bytes (PAdES, certify)",
               timings(lambda: signing.sign_pdf(unsigned_bytes, creds, reason="bench"),
                       repeat=10), target="< 1000 ms")
        report("verify the signed report",
               timings(lambda: signoff.verify_report(signed_path, session), repeat=10),
               target="< 1000 ms")
        size = signed_path.stat().st_size
        print(f"{'signed report size':<44} {size / 1024:8.1f} KiB, "
              f"{signoff.export_signed_report(session, eid, signed_path, creds).pages} pages",
              flush=True)
        session.close()


def _sign_off_and_amend(session: Session, eid: str) -> None:
    signoff.sign_off(session, eid, [signoff.Signer("A. Assessor", "Lead assessor")],
                     accept_warnings=True)
    signoff.amend(session, eid, "Benchmark amendment")


if __name__ == "__main__":
    main()

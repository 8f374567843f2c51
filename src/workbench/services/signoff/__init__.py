"""Sign-off: readiness check, draft → in review → signed off, amendments, signed reports.

- readiness: what is missing or inconsistent before sign-off;
- workflow: review, sign off (lock), amend, history (the lock banner: services.signoff_lock);
- signed_report: the signed report (hash, embedded JSON, PAdES certification);
- verification: a signed report checked for three facts: intact, signer trusted (the
  trust list, services.trust), content matching the signed revision in this database.

What the report's sign-off page shows lives in services.signoff_page, so the report
service needs none of this package. The names are re-exported here:
`from workbench.services import signoff` is enough.
"""

from typing import TYPE_CHECKING, Any

from workbench.services.signoff.readiness import (
    LOW_INDICATORS,
    CheckKind,
    NotReadyError,
    Readiness,
    ReadinessItem,
    Severity,
    readiness,
)
from workbench.services.signoff.workflow import (
    MAX_NAME,
    MAX_REASON,
    MAX_SIGNATURE_BYTES,
    MAX_SIGNERS,
    Signer,
    SignOffResult,
    amend,
    history,
    return_to_draft,
    sign_off,
    signature_image,
    submit_for_review,
)
from workbench.services.signoff_lock import lock_banner
from workbench.services.signoff_page import signoff_info
from workbench.storage.signoffs import RevisionRecord, SignoffRecord

# The signed report and its verification need the report builder, reportlab and pyHanko:
# imported when first named, so that the lock banner and the workflow open an engagement
# without them (issue 17: the GUI's start).
if TYPE_CHECKING:
    from workbench.exports.signing import Credentials  # the GUI names keys here
    from workbench.services.signoff.signed_report import (
        SignedReport,
        check_report_target,
        embedded_name,
        export_signed_report,
        sign_off_with_report,
        signing_credentials,
    )
    from workbench.services.signoff.verification import (
        Fact,
        FactKey,
        VerdictLine,
        Verification,
        verify_report,
        verify_with_database,
    )

_LAZY = {
    "Credentials": "workbench.exports.signing",
    **dict.fromkeys(("SignedReport", "check_report_target", "embedded_name",
                     "export_signed_report", "sign_off_with_report", "signing_credentials"),
                    "workbench.services.signoff.signed_report"),
    **dict.fromkeys(("Fact", "FactKey", "VerdictLine", "Verification", "verify_report",
                     "verify_with_database"), "workbench.services.signoff.verification"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

__all__ = [
    "LOW_INDICATORS",
    "MAX_NAME",
    "MAX_REASON",
    "MAX_SIGNATURE_BYTES",
    "MAX_SIGNERS",
    "CheckKind",
    "Credentials",
    "Fact",
    "FactKey",
    "NotReadyError",
    "Readiness",
    "ReadinessItem",
    "RevisionRecord",
    "Severity",
    "SignOffResult",
    "SignedReport",
    "Signer",
    "SignoffRecord",
    "VerdictLine",
    "Verification",
    "amend",
    "check_report_target",
    "embedded_name",
    "export_signed_report",
    "history",
    "lock_banner",
    "readiness",
    "return_to_draft",
    "sign_off",
    "sign_off_with_report",
    "signature_image",
    "signing_credentials",
    "signoff_info",
    "submit_for_review",
    "verify_report",
    "verify_with_database",
]

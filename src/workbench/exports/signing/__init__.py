"""Digital signatures of reports: certificates, the trust list, signing and verification.

- certificates: the user's own signing certificates and PKCS#12 files;
- trust_list: the certificates whose signatures this workbench trusts (per user);
- signer: certifying a report (PAdES B-B, DocMDP "no changes") with its JSON embedded;
- verification: intact? signer trusted? (pyHanko's validator over the trust list);
- reference: the small signed reference JSON a client's report carries;
- embedded, cms_checks: reading embedded files; checks of the signature blob itself.

The names are re-exported here, so `from workbench.exports import signing` is enough.
"""

from workbench.exports.signing.certificates import (
    MAX_CERTIFICATE_FILE_BYTES,
    MIN_PASSPHRASE,
    Credentials,
    SigningError,
    StoredCertificate,
    certificate_fingerprint,
    certificate_folder,
    certificate_name,
    create_self_signed,
    import_pkcs12,
    known_certificates,
    load_pkcs12,
    stored_certificates,
)
from workbench.exports.signing.embedded import embedded_file_names
from workbench.exports.signing.reference import (
    MAX_REFERENCE_BYTES,
    REFERENCE_FORMAT,
    ReferenceSigner,
    read_reference,
    reference_json,
)
from workbench.exports.signing.signer import (
    CANONICAL_MIME,
    FIELD_NAME,
    Attachment,
    sign_pdf,
    signing_reason,
)
from workbench.exports.signing.trust_list import (
    TrustedCertificate,
    TrustKind,
    parse_certificate,
    read_certificate_file,
    trust_folder,
    trust_roots,
    trusted_certificates,
)
from workbench.exports.signing.verification import (
    HASH_IN_REASON,
    MAX_SIGNED_PDF_BYTES,
    Problem,
    ProblemCode,
    VerifyResult,
    verify_pdf,
)

__all__ = [
    "CANONICAL_MIME", "FIELD_NAME", "HASH_IN_REASON", "MAX_CERTIFICATE_FILE_BYTES",
    "MAX_REFERENCE_BYTES", "MAX_SIGNED_PDF_BYTES", "MIN_PASSPHRASE", "REFERENCE_FORMAT",
    "Attachment", "Credentials",
    "Problem", "ProblemCode", "ReferenceSigner", "SigningError", "StoredCertificate",
    "TrustKind", "TrustedCertificate", "VerifyResult", "certificate_fingerprint",
    "certificate_folder", "certificate_name", "create_self_signed", "embedded_file_names",
    "import_pkcs12", "known_certificates", "load_pkcs12", "parse_certificate",
    "read_certificate_file", "read_reference", "reference_json", "sign_pdf", "signing_reason",
    "stored_certificates", "trust_folder", "trust_roots", "trusted_certificates", "verify_pdf",
]

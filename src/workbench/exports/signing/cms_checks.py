"""Checks of the CMS signature blob beyond what its digest and signature cover.

The digest and the signature cover the document and the signed attributes, but
not every byte of the CMS container around them (the outer digest list, the
certificates, the zero padding of /Contents). A flipped byte there leaves the
signature mathematically valid, yet the file is no longer the one that was
signed; `cms_untouched` catches it.
"""

from __future__ import annotations

from typing import Any


def _der_length(raw: bytes) -> int | None:
    """Length of the one DER value at the start of `raw`, header included."""
    if len(raw) < 2 or raw[0] != 0x30:
        return None
    first = raw[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(raw) < 2 + count:
        return None
    return 2 + count + int.from_bytes(raw[2:2 + count], "big")


def _der_tree_exact(data: bytes, depth: int = 0) -> bool:
    """Every constructed DER value holds exactly its children: no gap, no spare byte."""
    from asn1crypto import parser

    if depth > 40:
        return False
    pos = 0
    while pos < len(data):
        try:
            cls, method, tag, header, contents, trailer = parser.parse(data[pos:])
        except ValueError:
            return False
        if trailer or (cls == 0 and tag == 0):
            return False  # indefinite lengths and end-of-contents markers are not DER
        if method == 1 and not _der_tree_exact(contents, depth + 1):
            return False
        pos += len(header) + len(contents)
    return True


def cms_untouched(raw: bytes) -> str | None:
    """Why the signature blob is not exactly as a signer writes it, or None when it is.

    The digest and the signature cover the document and the signed attributes,
    but not every byte of the CMS container around them (the outer digest list,
    the certificates, the zero padding of /Contents). A flipped byte there
    leaves the signature mathematically valid, yet the file is no longer the one
    that was signed; these checks catch it.
    """
    from asn1crypto import cms

    end = _der_length(raw)
    if end is None or end > len(raw) or any(raw[end:]):
        return "the signature field was altered"
    if not _der_tree_exact(raw[:end]):
        return "the signature field was altered"
    try:
        info = cms.ContentInfo.load(raw[:end], strict=True)
        if info["content_type"].native != "signed_data":
            return "the signature field was altered"
        signed = info["content"]
        signer_infos = signed["signer_infos"]
        # The digest algorithm identifiers sit outside the signed attributes: compare them
        # whole (parameters included) with each other, and allow only absent or NULL
        # parameters, as every SHA-2 signer writes them.
        used = {si["digest_algorithm"].dump() for si in signer_infos}
        listed = [a.dump() for a in signed["digest_algorithms"]]
        if set(listed) != used or len(listed) != len(set(listed)):
            return "the signature's list of digest algorithms was altered"
        for algorithm in [*signed["digest_algorithms"],
                          *(si["digest_algorithm"] for si in signer_infos)]:
            params = algorithm["parameters"]
            if params.contents is not None and params.dump() != b"\x05\x00":
                return "the signature's digest algorithm was altered"
        expected = {"issuer_and_serial_number": "v1", "subject_key_identifier": "v3"}
        for si in signer_infos:
            if si["version"].native != expected.get(si["sid"].name):
                return "the signature's signer information was altered"
        if signed["version"].native not in ("v1", "v3"):
            return "the signature's version was altered"
        problem = _certificates_untouched(signed["certificates"])
    except Exception:
        return "the signature field was altered"
    return problem


def _certificates_untouched(certificates: Any) -> str | None:
    """Every certificate carried in the signature still verifies against its issuer there."""
    from cryptography import x509 as cx509

    certs = [cx509.load_der_x509_certificate(c.chosen.dump()) for c in certificates or []]
    by_subject = {c.subject.public_bytes(): c for c in certs}
    for cert in certs:
        issuer = by_subject.get(cert.issuer.public_bytes())
        if issuer is None:
            continue  # issued outside the blob: checked by path validation, if trusted
        try:
            cert.verify_directly_issued_by(issuer)
        except Exception:  # InvalidSignature, or a key type that cannot have issued it
            return "a certificate inside the signature was altered"
    return None

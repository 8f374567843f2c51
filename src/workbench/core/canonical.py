"""Canonical serialisation and content hash of an engagement.

The content hash signed off with a report is the SHA-256 of these bytes; a
verifier recomputes it from the JSON embedded in the signed PDF. The form is a
contract (`workbench.canonical/1`): change it only with a new version string.

The canonical form, exactly:

1. Start from the engagement's `workbench.engagement/1` data
   (`interchange.document_to_dict`): framework id and version, engagement
   details (client, site, title, lead assessor, dates, brand), assessors
   (name, role, initials, in team order), per-assessor ratings (indicator
   levels or "na", objective, notes, indicator notes, strengths and
   opportunities in their recorded order), consensus entries (indicator
   levels, objective, target level, reasons), improvement actions, and the
   attachments (element, file name, caption, media type, size, SHA-256), and,
   only when it is not empty, the site-visit log (`site_log`: interviews and
   documents reviewed, a document's attachment by its SHA-256).
   The engagement's `id` and `revision` are part of it, so a hash names one
   revision of one engagement.
2. Leave out what is not content: `status` (it changes by signing itself) and
   `exported_at`.
3. Add `"canonical": "workbench.canonical/1"` and, under `framework`,
   `"sha256"`: the SHA-256 of the framework definition text with line endings
   normalised to LF, so a signature also pins the scoring rules used.
4. Order every list whose order is not content: `ratings` by (assessor,
   element), `consensus` by element, `actions` by their own canonical JSON,
   `attachments` by (element, SHA-256, file name), the log's `interviews`
   and `documents` each by their own canonical JSON. Lists whose order is
   content (assessors, strengths, opportunities) keep it.
5. Normalise every string (keys and values) to Unicode NFC.
6. Serialise as JSON with object keys sorted by code point, no white space
   between tokens (`,` and `:` separators), non-ASCII characters written as
   themselves in UTF-8 (only `"`, `\\` and control characters are escaped, the
   latter as `\\n`, `\\t`, ... or `\\u00xx` in lower-case hex), integers in
   decimal, no floating-point numbers, no NaN, no trailing newline.

The same data therefore gives the same bytes, and the same SHA-256, on any
machine, whatever the order the data was entered or stored in; any change of
a rating, an objective, a target, a note, a finding, an action, an
attachment or a detail gives different bytes.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from workbench.core.engagement import EngagementDocument
from workbench.core.framework import Framework

CANONICAL_FORMAT = "workbench.canonical/1"
VOLATILE_KEYS = ("exported_at", "status")


def _sha256(data: bytes) -> str:
    import hashlib  # OpenSSL: loaded when something is hashed, not to open an engagement

    return hashlib.sha256(data).hexdigest()


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_normalise(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    if isinstance(value, float):
        # Floats print differently across languages; the canonical form has none.
        raise ValueError("the canonical form holds no floating-point numbers")
    return value


def framework_digest(framework: Framework) -> str:
    """SHA-256 of the framework definition text, line endings normalised to LF."""
    text = framework.source_text.replace("\r\n", "\n").replace("\r", "\n")
    return _sha256(text.encode("utf-8"))


def canonical_data(doc: EngagementDocument, framework: Framework) -> dict[str, Any]:
    """The canonical form as JSON data (before serialisation)."""
    from workbench.core.interchange_dict import document_to_dict

    data = document_to_dict(doc, framework)
    for key in VOLATILE_KEYS:
        data.pop(key, None)
    data["canonical"] = CANONICAL_FORMAT
    data["ratings"] = sorted(data["ratings"], key=lambda r: (r["assessor"], r["element"]))
    data["consensus"] = sorted(data["consensus"], key=lambda r: r["element"])
    data["actions"] = sorted(data["actions"], key=lambda a: json.dumps(a, sort_keys=True))
    if "attachments" in data:
        data["attachments"] = sorted(data["attachments"],
                                     key=lambda a: (a["element"], a["sha256"], a["filename"]))
    if "site_log" in data:  # present only when the log is not empty
        for key in ("interviews", "documents"):
            data["site_log"][key] = sorted(data["site_log"][key],
                                           key=lambda e: json.dumps(e, sort_keys=True))
    data["framework"]["sha256"] = framework_digest(framework)
    normalised: dict[str, Any] = _normalise(data)
    return normalised


def serialise(data: dict[str, Any]) -> bytes:
    """Canonical JSON bytes of already canonical data (step 6 of the module's description)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def canonical_bytes(doc: EngagementDocument, framework: Framework) -> bytes:
    """The engagement's canonical JSON, as UTF-8 bytes."""
    return serialise(canonical_data(doc, framework))


def content_hash(doc: EngagementDocument, framework: Framework) -> str:
    """SHA-256 (lower-case hex) of the engagement's canonical JSON."""
    return _sha256(canonical_bytes(doc, framework))


def hash_of(data: bytes) -> str:
    """SHA-256 (lower-case hex) of canonical bytes, e.g. as embedded in a signed report."""
    return _sha256(data)


def is_canonical(data: bytes) -> bool:
    """Whether `data` is canonical JSON exactly as `serialise` writes it."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    if not isinstance(parsed, dict) or parsed.get("canonical") != CANONICAL_FORMAT:
        return False
    try:
        return serialise(_normalise(parsed)) == data
    except ValueError:
        return False

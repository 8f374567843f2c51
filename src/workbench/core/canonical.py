"""Canonical serialisation and content hash of an engagement.

The canonical form is the engagement's `workbench.engagement/1` JSON (ratings,
consensus, targets, evidence, actions, attachment digests) with keys sorted,
no insignificant white space, UTF-8 with text in Unicode NFC, and volatile
fields (export time) left out. The same data gives the same bytes, and so the
same SHA-256, on any machine and whatever the order the data was entered in.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

from workbench.core.engagement import EngagementDocument
from workbench.core.framework import Framework
from workbench.core.interchange import document_to_dict

VOLATILE_KEYS = ("exported_at", "status")


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_normalise(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def canonical_bytes(doc: EngagementDocument, framework: Framework) -> bytes:
    data = document_to_dict(doc, framework)
    for key in VOLATILE_KEYS:
        data.pop(key, None)
    data["ratings"] = sorted(data["ratings"], key=lambda r: (r["assessor"], r["element"]))
    data["consensus"] = sorted(data["consensus"], key=lambda r: r["element"])
    data["actions"] = sorted(data["actions"], key=lambda a: json.dumps(a, sort_keys=True))
    data["attachments"] = sorted(data.get("attachments", []),
                                 key=lambda a: (a["element"], a["sha256"], a["filename"]))
    data["framework"]["sha256"] = hashlib.sha256(framework.source_text.encode()).hexdigest()
    return json.dumps(_normalise(data), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False).encode("utf-8")


def content_hash(doc: EngagementDocument, framework: Framework) -> str:
    return hashlib.sha256(canonical_bytes(doc, framework)).hexdigest()

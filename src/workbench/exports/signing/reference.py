"""The signed reference: the small JSON a client's signed report carries instead of the
full canonical content (every assessor's ratings stay in the workbench's database unless
the user attaches working papers).

It names the engagement, its revision, client and title, the signers, and the SHA-256 of
the canonical content the signature vouches for. Reports signed by the earlier release
carry the full canonical JSON instead; verification accepts both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

REFERENCE_FORMAT = "workbench.signed-reference/1"
MAX_REFERENCE_BYTES = 64 * 1024  # a larger "reference" is not one of ours


@dataclass(frozen=True)
class ReferenceSigner:
    name: str
    role: str
    organisation: str = ""


def reference_json(engagement_id: str, revision: int, client: str, title: str,
                   content_hash: str, signers: Sequence[ReferenceSigner]) -> bytes:
    """The reference's bytes: sorted keys, UTF-8, so the same facts give the same file."""
    data = {"format": REFERENCE_FORMAT, "id": engagement_id, "revision": revision,
            "client": client, "title": title, "content_hash": content_hash,
            "signers": [{"name": s.name, "role": s.role, "organisation": s.organisation}
                        for s in signers]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def read_reference(data: bytes) -> dict[str, Any] | None:
    """The reference's data when `data` is a signed reference, else None (the full
    canonical JSON of the earlier release, or anything else)."""
    if len(data) > MAX_REFERENCE_BYTES:
        return None
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(parsed, dict) or parsed.get("format") != REFERENCE_FORMAT:
        return None
    return parsed

"""The engagement interchange JSON (`workbench.engagement/1`): reading and writing.

Reading checks the structure first and then every code, level and name
against the framework the document names; every problem is reported with
its JSON path, and nothing is returned unless the whole document is valid.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from pydantic import ValidationError

from workbench.core.engagement import (
    EngagementDocument,
)
from workbench.core.errors import InterchangeError
from workbench.core.framework import Framework
from workbench.core.interchange_checks import check_against
from workbench.core.interchange_dict import FORMAT as FORMAT  # re-exported
from workbench.core.interchange_dict import SITE_LOG_FORMAT
from workbench.core.interchange_dict import document_to_dict as document_to_dict
from workbench.core.interchange_dict import site_log_dict as site_log_dict
from workbench.core.interchange_model import BRAND_NAME as BRAND_NAME  # re-exported
from workbench.core.interchange_model import DocumentModel
from workbench.core.strict_json import (
    StrictJSONError,
    control_problems,
    loads_strict,
)

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

def _loc(parts: tuple[int | str, ...] | list[int | str]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(document)"


def parse_document(text: str | bytes, source: str,
                   framework_for: Callable[[str, str], Framework]) -> EngagementDocument:
    """Parse and validate an engagement document; `framework_for(id, version)` finds it."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise InterchangeError(f"{source}: larger than {MAX_DOCUMENT_BYTES // 2**20} MB — not an "
                               "engagement document")
    try:
        data = loads_strict(text)
    except StrictJSONError as exc:
        raise InterchangeError(f"{source}: {exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f"line {exc.lineno}, column {exc.colno}: " if isinstance(
            exc, json.JSONDecodeError) else ""
        raise InterchangeError(f"{source}: {where}not valid JSON "
                               f"({getattr(exc, 'msg', None) or exc})") from None
    except RecursionError:
        raise InterchangeError(f"{source}: nested too deeply to be an engagement document") \
            from None
    if not isinstance(data, dict):
        raise InterchangeError(f"{source}: the document must be a JSON object")
    if data.get("format") != FORMAT:
        raise InterchangeError(f"{source}: format: {data.get('format')!r} is not {FORMAT!r}")
    log = data.get("site_log")
    if isinstance(log, dict) and log.get("format") != SITE_LOG_FORMAT:
        raise InterchangeError(f"{source}: site_log.format: {str(log.get('format'))[:60]!r} is "
                               f"not {SITE_LOG_FORMAT!r}; the site-visit log was written by "
                               "another release, which this workbench cannot read")
    controls = control_problems(data)
    if controls:
        raise InterchangeError(f"{source}: " + "; ".join(controls))
    try:
        model = DocumentModel.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:30]:
            msg = "is required" if err["type"] == "missing" else (
                "is not a known key" if err["type"] == "extra_forbidden" else err["msg"])
            problems.append(f"{_loc(list(err['loc']))}: {msg}")
        raise InterchangeError(f"{source}: " + "; ".join(problems)) from None
    try:
        framework = framework_for(model.framework.id, model.framework.version)
    except Exception as exc:  # the lookup raises a NotFoundError with its own message
        raise InterchangeError(f"{source}: framework: {exc}") from None
    return check_against(model, framework, source)

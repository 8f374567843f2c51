"""The error of a brand profile, apart so that exports/brand.py and the checks of its text
(exports/brand_model.py, imported only on a cache miss) both raise it without a cycle."""

from __future__ import annotations

from workbench.core.errors import WorkbenchError


class BrandError(WorkbenchError):
    """A brand profile that is missing or malformed."""

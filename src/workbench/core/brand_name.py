"""What a brand profile may be named: its folder's name, never a path (one pattern for the
engagement JSON, the profiles and the settings), in a module of its own so that loading a
profile needs none of the engagement interchange's models (issue 17)."""

from __future__ import annotations

import re

BRAND_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

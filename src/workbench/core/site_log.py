"""The site-visit log: the interviews held and the documents reviewed during an assessment.

Assessors keep both lists on site; the report's "Scope and evidence base" appendix, the
workbook and the engagement JSON read them from the engagement's one document
(`EngagementDocument.interviews` and `.documents`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from workbench.core.errors import NotFoundError
from workbench.core.framework import Framework


class Person(NamedTuple):
    """Someone interviewed; the report lists people by their role."""

    name: str
    role: str = ""  # e.g. "Head of CX"

    def label(self) -> str:
        """The name with the role in brackets, or just the name when no role is recorded."""
        return f"{self.name} ({self.role})" if self.role else self.name


class Interview(NamedTuple):
    """One interview or workshop held during the assessment."""

    held_on: str | None  # ISO date YYYY-MM-DD, or None
    people: tuple[Person, ...]
    topics: str
    elements: tuple[str, ...] = ()  # element or enabler codes it informed, in framework order
    id: int | None = None
    uuid: str | None = None


class ReviewedDocument(NamedTuple):
    """One document the client provided and the assessors reviewed."""

    title: str
    owner: str = ""
    version: str = ""  # the version label or date the client gives it, free text
    elements: tuple[str, ...] = ()
    attachment_id: int | None = None  # an attachment of this engagement, optional
    id: int | None = None
    uuid: str | None = None


def framework_codes(framework: Framework) -> dict[str, int]:
    """Every element and enabler code of `framework`, mapped to its place in the framework."""
    codes = [*framework.element_by_code, *framework.enabler_by_code]
    return {code: n for n, code in enumerate(codes)}


def in_framework_order(codes: Iterable[str], framework: Framework) -> tuple[str, ...]:
    """`codes` once each, in framework order; a NotFoundError names the first unknown one."""
    order = framework_codes(framework)
    wanted = set()
    for code in codes:
        if code not in order:
            raise NotFoundError(f"{str(code)[:40]!r} is not an element or enabler of "
                                f"{framework.id}")
        wanted.add(code)
    return tuple(sorted(wanted, key=order.__getitem__))


__all__ = ["Interview", "Person", "ReviewedDocument", "framework_codes", "in_framework_order"]

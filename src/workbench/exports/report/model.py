"""What the report builder is given: core types and plain data, never the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from workbench.core.comparison import ActionFollowUp, Comparison, TrendPoint
from workbench.core.engagement import EngagementDocument
from workbench.core.framework import Framework
from workbench.core.scoring import ScoreResult
from workbench.exports.pdf_files import EmbeddedFile as EmbeddedFile  # re-exported

# Ordered (id, title) of the sections the export dialog can switch on and off.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("cover", "Cover page"),
    ("contents", "Contents"),
    ("summary", "Executive summary"),
    ("profile", "Maturity profile"),
    ("change", "Change since the baseline"),
    ("dimensions", "Findings by dimension and element"),
    ("photos", "Photographs of evidence"),
    ("actions", "Improvement plan"),
    ("team", "How the team reached its ratings"),
    ("methodology", "Methodology"),
    ("signoff", "Sign-off"),
    ("evidence", "Scope and evidence base (appendix)"),
)
SECTION_IDS: tuple[str, ...] = tuple(s for s, _ in SECTIONS)


@dataclass(frozen=True)
class PhotoSource:
    """One image attachment; its bytes are read only when needed (and not at all if cached)."""

    element: str
    filename: str
    caption: str
    sha256: str
    load: Callable[[], bytes]


@dataclass(frozen=True)
class Signer:
    """One person signing the report."""

    name: str
    role: str
    organisation: str = ""
    signed_on: dt.date | None = None
    signature_png: bytes | None = None  # a drawn signature; PNG or JPEG bytes
    countersign_pending: bool = False  # a block left empty, "to be countersigned"


@dataclass(frozen=True)
class RevisionEntry:
    """One line of the revision history: a signed revision or an amendment."""

    revision: int
    date: dt.date
    description: str


@dataclass(frozen=True)
class SignOffInfo:
    """A signed-off report: no DRAFT watermark; revision and content hash in every footer."""

    signers: tuple[Signer, ...]
    revision: int
    content_hash: str  # SHA-256 hex of the canonical serialisation (core.canonical)
    signed_on: dt.date
    history: tuple[RevisionEntry, ...] = ()


@dataclass(frozen=True)
class ChangeInput:
    """The change since the baseline (the "change" section); None when there is none."""

    since: str  # the baseline's date (ISO), else its title
    baseline_title: str
    comparison: Comparison
    actions: tuple[ActionFollowUp, ...] = ()
    trend: tuple[TrendPoint, ...] = ()  # oldest first; drawn with three or more


@dataclass(frozen=True)
class ReportInput:
    """Everything one report shows."""

    document: EngagementDocument
    framework: Framework
    score: ScoreResult
    issued: dt.date
    photos: Sequence[PhotoSource] = ()
    signoff: SignOffInfo | None = None
    content_hash: str | None = None  # of the data this (draft) report was made from
    planned_signers: tuple[Signer, ...] = ()  # who will sign an unsigned report
    embedded_files: Sequence[EmbeddedFile] = field(default=())
    change: ChangeInput | None = None

    @property
    def signed(self) -> bool:
        return self.signoff is not None

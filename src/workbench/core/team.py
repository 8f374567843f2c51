"""What one assessor has recorded, and what moving it to a colleague kept or merged."""

from __future__ import annotations

from typing import NamedTuple


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class AssessorWork(NamedTuple):
    """Counts of one assessor's own records in an engagement."""

    ratings: int = 0  # indicator levels or N/A
    objectives: int = 0
    notes: int = 0  # element notes and indicator notes
    findings: int = 0  # strengths and opportunities
    attachments: int = 0

    @property
    def empty(self) -> bool:
        return not (self.ratings or self.objectives or self.notes or self.findings
                    or self.attachments)

    def describe(self) -> str:
        """'40 ratings, 2 objectives, 3 notes and 12 findings' (only what is there)."""
        parts = [_plural(n, noun) for n, noun in (
            (self.ratings, "rating"), (self.objectives, "objective judgement"),
            (self.notes, "note"), (self.findings, "finding"),
            (self.attachments, "attachment")) if n]
        if not parts:
            return "nothing"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class Reassignment(NamedTuple):
    """The outcome of moving one assessor's work to another."""

    source: str
    target: str
    moved: AssessorWork
    # Values the source had where the target had already rated otherwise: the target's
    # own value was kept. Each entry: (indicator or element code, source value, kept value).
    kept: tuple[tuple[str, str, str], ...] = ()

    def describe(self) -> str:
        text = f"moved {self.moved.describe()} from {self.source} to {self.target}"
        if self.kept:
            shown = "; ".join(f"{code}: kept {kept}, not {theirs}"
                              for code, theirs, kept in self.kept)
            text += f"; {self.target}'s own values kept where they differed ({shown})"
        return text

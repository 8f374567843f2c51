"""The report's state, and the words that depend on it.

A report is a draft (complete, not signed off), a partially assessed draft, signed off, or
an amended signed revision. A draft says that it is one; a signed report carries no draft
wording (nothing "will rise", nothing is shown "meanwhile" or "for now").
"""

from __future__ import annotations

from enum import StrEnum

from workbench.core.scoring import Status
from workbench.exports.report.context import format_date
from workbench.exports.report.model import ReportInput
from workbench.exports.report.text import fmt_percent, plural


class ReportState(StrEnum):
    DRAFT = "draft"
    PARTIAL = "partially assessed"
    SIGNED = "signed"
    AMENDED = "amended"


def report_state(data: ReportInput) -> ReportState:
    if data.signoff is not None:
        return ReportState.AMENDED if data.signoff.revision > 1 else ReportState.SIGNED
    if data.score.complete_elements < len(data.score.elements):
        return ReportState.PARTIAL
    return ReportState.DRAFT


def is_final(data: ReportInput) -> bool:
    return data.signoff is not None


def cover_status(data: ReportInput, in_review: bool) -> str:
    """The cover's one-line status."""
    state, sign = report_state(data), data.signoff
    if sign is not None:
        amended = " (amended)" if state is ReportState.AMENDED else ""
        return f"Signed off on {format_date(sign.signed_on)}, revision {sign.revision}{amended}"
    where = "In review" if in_review else "Draft"
    if state is ReportState.PARTIAL:
        return (f"{where}: partially assessed "
                f"({fmt_percent(data.score.completeness * 100)} complete), not signed off")
    return f"{where}: not yet signed off"


def status_paragraph(data: ReportInput) -> str:
    """The executive summary's sentence on what kind of document this is."""
    s, state, sign = data.score, report_state(data), data.signoff
    unfinished = len(s.elements) - s.complete_elements
    blank = [c for c, e in s.elements.items() if e.status is Status.NOT_ASSESSED]
    if sign is not None:
        text = (f"This report is final: revision {sign.revision} of the assessment, signed off "
                f"on {format_date(sign.signed_on)}.")
        if state is ReportState.AMENDED:
            text += (" It replaces the earlier signed revision; the revision history on the "
                     "sign-off page gives the reason for each amendment.")
        if unfinished:
            text += (f" At sign-off {plural(unfinished, 'element')} "
                     f"{'was' if unfinished == 1 else 'were'} not fully rated and judged"
                     + (f" ({len(blank)} not assessed at all)" if blank else "")
                     + "; as the method defines, what was not rated counts as zero.")
        return text
    if state is ReportState.PARTIAL:
        text = (f"This is a <b>draft</b> of a partially assessed engagement: "
                f"{s.complete_elements} of {plural(len(s.elements), 'element')} "
                f"({fmt_percent(s.completeness * 100)}) are fully rated and judged")
        if blank:
            text += (f", and {plural(len(blank), 'element')} "
                     f"{'has' if len(blank) == 1 else 'have'} not been assessed at all")
        return text + (". Unrated indicators and objectives not yet judged count as zero, "
                       "so the figures in this draft will rise as that work is finished.")
    return ("This is a <b>draft</b>: every element is rated and judged, but the report has not "
            "been signed off, and its figures may change until it is.")


def mean_clause(data: ReportInput) -> str:
    """How a disputed value is shown, worded for the state."""
    if is_final(data):
        return "their individual ratings differed and the mean of them is used"
    return "their individual ratings differ and the mean is shown meanwhile"

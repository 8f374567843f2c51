"""How long each kind of text may be: one table for every way in (GUI, CLI, JSON, workbook).

Every entry point checks texts with `check_text` (or a whole document with
`check_document`) before it writes, so what one entry point accepts another accepts too,
and an export always imports back. A text over its limit is refused with a `TooLongError`
naming it; nothing is ever cut short silently.
"""

from __future__ import annotations

from workbench.core.errors import TooLongError

# As typing.TYPE_CHECKING, without importing typing. The types below are only annotations
# here: a text limit needs none of the engagement document's classes built (issue 17).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from workbench.core.engagement import Action, Assessor, EngagementDetails, EngagementDocument
    from workbench.core.site_log import Interview, ReviewedDocument

NAME = 200  # client, site, title, people's names and roles, action owners, signers
INITIALS = 10
NOTE = 100_000  # evidence notes, indicator notes
FINDING = 5_000  # one strength or opportunity for improvement
ACTION = 5_000  # the text of one improvement action
CAPTION = 2_000  # an attachment's caption
REASON = 2_000  # why an engagement is amended, why the team chose a consensus value
FILENAME = 255  # an attachment's file name
TOPICS = 5_000  # what an interview covered
DOC_TITLE = 500  # the title of a reviewed document
VERSION = 100  # a reviewed document's version label or date
LOG_PEOPLE = 30  # people at one interview
LOG_ELEMENTS = 100  # elements and enablers one log entry links to
LOG_ENTRIES = 2_000  # interviews, and documents reviewed, in one engagement


def check_text(text: str, limit: int, what: str) -> str:
    """`text` itself, or a TooLongError when it is longer than `limit` characters."""
    if len(text) > limit:
        raise TooLongError(f"the {what} is longer than {limit:,} characters ({len(text):,})")
    return text


def check_details(details: EngagementDetails) -> EngagementDetails:
    for what, value in (("client", details.client), ("site", details.site),
                        ("title", details.title), ("lead assessor", details.lead_assessor),
                        ("brand profile", details.brand or "")):
        check_text(value, NAME, what)
    return details


def check_assessor(assessor: Assessor) -> Assessor:
    check_text(assessor.name, NAME, "assessor's name")
    check_text(assessor.role, NAME, f"role of {assessor.name[:40]}")
    check_text(assessor.initials, INITIALS, f"initials of {assessor.name[:40]}")
    return assessor


def check_action(action: Action) -> Action:
    check_text(action.action, ACTION, f"action on {action.element}")
    check_text(action.owner, NAME, f"owner of an action on {action.element}")
    return action


def _check_count(count: int, limit: int, what: str) -> None:
    if count > limit:
        raise TooLongError(f"{what}: {count:,} is more than the {limit:,} allowed")


def check_interview(item: Interview) -> Interview:
    """An interview's texts and counts within the limits (the first one over is refused)."""
    when = f" of {item.held_on}" if item.held_on else ""
    check_text(item.topics, TOPICS, f"topics of the interview{when}")
    _check_count(len(item.people), LOG_PEOPLE, f"people at the interview{when}")
    _check_count(len(item.elements), LOG_ELEMENTS, f"elements linked to the interview{when}")
    for person in item.people:
        check_text(person.name, NAME, f"name of a person at the interview{when}")
        check_text(person.role, NAME, f"role of {person.name[:40]}")
    return item


def check_reviewed_document(item: ReviewedDocument) -> ReviewedDocument:
    """A reviewed document's texts and counts within the limits."""
    check_text(item.title, DOC_TITLE, "title of a reviewed document")
    check_text(item.owner, NAME, f"owner of {item.title[:40]}")
    check_text(item.version, VERSION, f"version of {item.title[:40]}")
    _check_count(len(item.elements), LOG_ELEMENTS, f"elements linked to {item.title[:40]}")
    return item


def check_document(doc: EngagementDocument) -> None:
    """Every text of a whole engagement (an import); the first one too long is refused."""
    check_details(doc.details)
    for assessor in doc.assessors:
        check_assessor(assessor)
    for limit, what, text in _document_texts(doc):
        check_text(text, limit, what)
    for action in doc.actions:
        check_action(action)
    _check_count(len(doc.interviews), LOG_ENTRIES, "interviews in the site-visit log")
    _check_count(len(doc.documents), LOG_ENTRIES, "documents in the site-visit log")
    for interview in doc.interviews:
        check_interview(interview)
    for reviewed in doc.documents:
        check_reviewed_document(reviewed)


def _document_texts(doc: EngagementDocument) -> Iterator[tuple[int, str, str]]:
    for item in doc.evidence:
        where = f"{item.element} by {item.assessor[:40]}"
        yield NOTE, f"note on {where}", item.notes
        for code, note in item.indicator_notes:
            yield NOTE, f"note on {code} by {item.assessor[:40]}", note
        for text in item.strengths:
            yield FINDING, f"strength of {where}", text
        for text in item.opportunities:
            yield FINDING, f"opportunity for improvement of {where}", text
    for code, reason in doc.consensus_reasons:
        yield NOTE, f"consensus reason for {code}", reason


__all__ = ["ACTION", "CAPTION", "DOC_TITLE", "FILENAME", "FINDING", "INITIALS", "LOG_ELEMENTS",
           "LOG_ENTRIES", "LOG_PEOPLE", "NAME", "NOTE", "REASON", "TOPICS", "VERSION",
           "check_action", "check_assessor", "check_details", "check_document",
           "check_interview", "check_reviewed_document", "check_text"]

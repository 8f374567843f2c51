"""The demo engagement a new user sees on first start: a realistic, partly finished assessment."""

from __future__ import annotations

import random

from workbench.core.engagement import (
    Action,
    ActionStatus,
    Assessor,
    EngagementDetails,
    FindingKind,
    Priority,
)
from workbench.core.ratings import NA, IndicatorValue
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.services import actions, assessment, engagements, site_log
from workbench.services.session import Session

DEMO_CLIENT = "Northwind Telecom"

_NOTES = [
    "Interviewed the head of customer experience and two team leads; documents seen in the "
    "shared drive.",
    "Evidence is strong in the retail channel, thinner in the contact centre.",
    "Walked through the quarterly review pack with the CX manager; figures trace back to the "
    "survey platform.",
    "Practice exists but depends on two individuals; nothing is written down beyond slides.",
    "Saw the board in the operations room; it is updated weekly by the insight team.",
]
_STRENGTHS = [
    "Clear ownership at executive level, with a named sponsor.",
    "Customer feedback is reviewed in every monthly management meeting.",
    "Front-line staff could describe how their work affects the customer.",
    "Good use of journey analytics in the digital channels.",
    "Complaint data is linked to root causes and fixed at the source.",
]
_OPPORTUNITIES = [
    "Extend the approach from retail to the contact centre and field service.",
    "Write the method down so it survives changes in the team.",
    "Set measurable targets and review them against results each quarter.",
    "Close the loop with customers who gave feedback.",
    "Involve partners and suppliers in the review.",
]
_ACTIONS = [
    ("D1.3", "Commission a segment-level study of customer needs and emotions",
     "Head of Insight", Priority.HIGH, "2027-03-31"),
    ("D2.6", "Map the five most frequent journeys end to end, with front- and back-office steps",
     "CX Design Lead", Priority.HIGH, "2027-02-28"),
    ("D5.3", "Publish a monthly retention dashboard to the leadership team",
     "Retention Manager", Priority.MEDIUM, "2027-01-31"),
    ("D6.2", "Set up a fortnightly improvement forum with named action owners",
     "COO", Priority.MEDIUM, "2027-04-30"),
    ("E2", "Add customer-focus behaviours to the annual appraisal",
     "HR Director", Priority.LOW, "2027-06-30"),
]

# The site-visit log of the three days on site (the report's "Scope and evidence base").
_INTERVIEWS = [
    Interview("2026-11-02", (Person("Helen Okafor", "Chief Customer Officer"),),
              "Customer strategy, executive sponsorship and how CX priorities are set and "
              "funded", ("D1.3", "D2.1", "D2.2")),
    Interview("2026-11-02", (Person("Rajesh Menon", "Head of Insight"),
                             Person("Claire Dubois", "Research Manager")),
              "Customer research programme, segmentation and the use of survey results",
              ("D1.1", "D1.3", "D5.1")),
    Interview("2026-11-03", (Person("Owen Price", "Head of Contact Centre"),
                             Person("Sara Lindgren", "Team Leader, Complaints")),
              "Complaint handling, call reasons, first-contact resolution and the closed loop "
              "with customers", ("D3.1", "D5.2", "D6.2")),
    Interview("2026-11-03", (Person("Mei Tanaka", "CX Design Lead"),),
              "Journey mapping workshop: the five priority journeys and their pain points",
              ("D2.6", "D2.7", "D2.8")),
    Interview("2026-11-03", (Person("Daniel Novak", "Retention Manager"),),
              "Churn drivers, loyalty measures and the monthly retention review",
              ("D1.4", "D5.3", "D5.4")),
    Interview("2026-11-04", (Person("Fiona Walsh", "HR Director"),
                             Person("Marcus Hale", "Chief Operating Officer")),
              "Roles, recognition and appraisal; how improvement work is governed across "
              "departments", ("D3.4", "D6.2")),
]
_DOCUMENTS = [
    ReviewedDocument("Customer experience strategy 2026–2028", "Helen Okafor", "v2.1",
                     ("D2.1", "D2.2")),
    ReviewedDocument("Customer segmentation study", "Rajesh Menon", "2026-06",
                     ("D1.1", "D1.3")),
    ReviewedDocument("Quarterly CX performance pack, Q3 2026", "Insight team", "2026-10-15",
                     ("D5.5", "D6.1")),
    ReviewedDocument("Complaints handling procedure", "Owen Price", "v4.0",
                     ("D3.1", "D5.2")),
    ReviewedDocument("Customer journey maps: move home, new broadband, billing query",
                     "Mei Tanaka", "v1.3", ("D2.6",)),
    ReviewedDocument("Retention dashboard specification", "Daniel Novak", "draft 0.9",
                     ("D5.3",)),
    ReviewedDocument("Service standards for the contact centre", "Owen Price", "2025-12-01",
                     ("D3.6", "D4.1")),
]


def create_demo(session: Session, seed: int = 7) -> str:
    """Create the demo engagement and return its id."""
    rng = random.Random(seed)
    change = engagements.create(
        session,
        EngagementDetails(client=DEMO_CLIENT, site="Head office, Leeds",
                          title="CEM maturity assessment 2026", lead_assessor="Amira Haddad",
                          start_date="2026-11-02", end_date="2026-11-04"),
        team=[Assessor("Amira Haddad", "Lead assessor", "AH"),
              Assessor("Tomás Müller", "Assessor", "TM"),
              Assessor("Zoë Lindqvist", "Assessor", "ZL")])
    eid = change.engagement_id
    framework = session.framework_of(eid)
    # The organisation is stronger in Alignment than in Performance, as such clients often are.
    base = {"D1": 3.4, "D2": 3.2, "D3": 2.9, "D4": 3.0, "D5": 2.5, "D6": 2.2}
    elements = list(framework.elements())
    for n, element in enumerate(elements):
        if n >= len(elements) - 3:
            break  # the last elements are still to do on day three
        mean = base[element.dimension]
        for indicator in element.indicators:
            lead_level = 0
            for who, bias in (("Amira Haddad", 0.0), ("Tomás Müller", 0.4)):
                if who == "Tomás Müller" and element.dimension not in ("D2", "D5"):
                    continue
                draw = rng.gauss(mean + bias, 0.8)
                if who == "Tomás Müller":
                    # Both saw the same evidence: the second view leans on the first, a
                    # little more generous, so they agree often but not always.
                    draw = 0.7 * lead_level + 0.3 * draw + 0.1
                level = max(1, min(5, round(draw)))
                lead_level = level
                value: IndicatorValue = NA if rng.random() < 0.03 else level
                assessment.rate(session, eid, indicator.code, value, who)
        share = rng.random()
        key = "fully" if share > 0.75 else "partially" if share > 0.25 else "not_yet"
        assessment.judge(session, eid, element.code, key)
        if element.dimension in ("D2", "D5"):
            assessment.judge(session, eid, element.code, key, "Tomás Müller")
        assessment.set_target(session, eid, element.code, min(5, round(mean) + 1))
        assessment.set_notes(session, eid, element.code, rng.choice(_NOTES))
        assessment.add_finding(session, eid, element.code, FindingKind.STRENGTH,
                               rng.choice(_STRENGTHS))
        assessment.add_finding(session, eid, element.code, FindingKind.OPPORTUNITY,
                               rng.choice(_OPPORTUNITIES))
    for code in ("D2.1", "D5.1"):  # the team already agreed these two
        for indicator in framework.element_by_code[code].indicators:
            assessment.rate_consensus(session, eid, indicator.code, 3,
                                      "Agreed in the day-two review")
    for enabler in framework.enablers:
        for indicator in enabler.indicators:
            assessment.rate(session, eid, indicator.code,
                            max(1, min(5, round(rng.gauss(3.0, 0.9)))))
    for code, text, owner, priority, due in _ACTIONS:
        actions.add(session, eid, Action(code, text, owner, priority, due,
                                         ActionStatus.OPEN))
    for interview in _INTERVIEWS:
        site_log.add_interview(session, eid, interview)
    for reviewed in _DOCUMENTS:
        site_log.add_document(session, eid, reviewed)
    return eid


def ensure_demo(session: Session) -> str | None:
    """On a database with no engagement at all, create the demo; return its id if made."""
    if engagements.summaries(session, include_archived=True):
        return None
    return create_demo(session)

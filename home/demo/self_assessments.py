"""Demo data: the 2018 Minimum Standards and the service's self-assessments.

The framework is the tracker's built-in one; the August 2022 self-assessment is loaded from
files/, through the same importer the service manager uses, in Appendix 3's layout, exactly as
the 2021-22 annual report has it (11 Compliant, 9 Partially compliant). The 2023
draft starts from it, with a few ratings changed so that the comparison shows
something; those changes and the meeting's date are example data.
"""

import datetime
from pathlib import Path

from django.db import transaction

from wagtail_minimum_standards.compliance.builtin_frameworks import load_builtin
from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    EvidenceLink,
    Framework,
    SelfAssessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.assessments import import_assessment

DEMO_DIR = Path(__file__).parent / "files"
FRAMEWORK_CODE = "iass-2018"
AUGUST_2022 = "Self-Assessment Minimum Standards August 2022"
DRAFT_2023 = "Self-Assessment Minimum Standards 2023"

PUBLIC_SUMMARIES = {
    "1.3": "Our helpline is open all year, with a 24-hour answerphone and a call-back service.",
    "1.5": "Families tell us they see us as separate from the council and the NHS.",
    "3.3": "Our new website launched on 1 September 2022. We are still adding to it.",
    "4.2": "We ask for feedback and will publish what we changed as a result.",
}

# Evidence with a date to review it by (example data): the draft carries them over, and the
# January 2023 review lists them as falling due before the April meeting.
EVIDENCE = {
    "1.1": [
        (
            "Service level agreement with the council and the ICB (example)",
            "https://www.bathnes.gov.uk/",
            datetime.date(2023, 1, 31),
        )
    ],
    "3.3": [
        (
            "Website accessibility statement (example)",
            "https://www.sendiasbathnes.example/policies/accessibility/",
            datetime.date(2023, 3, 31),
        )
    ],
}

# Example changes in the 2023 draft: (standard, new rating, evidence notes, next steps).
CHANGES_2023 = [
    ("3.3", "C", "New website launched 1.9.22 with every item of 3.3; checked against the "
     "live site in this tracker.", "Keep the site checks green."),
    ("4.2", "C", "'You said, we did' page published on the website.", ""),
    ("3.1", "C", "Information and Advice Officer for children and young people appointed.", ""),
    ("1.6", "P/C", "Marketing programme paused while the team was below strength.",
     "Restart the briefings programme with the Volunteer Co-ordinator."),
]  # fmt: skip


@transaction.atomic
def load() -> Framework:
    framework, _ = load_builtin(FRAMEWORK_CODE)
    august = SelfAssessment.objects.filter(framework=framework, title=AUGUST_2022).first()
    if august is None:
        august = _august_2022(framework)
    if not SelfAssessment.objects.filter(framework=framework, title=DRAFT_2023).exists():
        _draft_2023(august)
    return framework


def _august_2022(framework) -> SelfAssessment:
    august = import_assessment(
        DEMO_DIR / "self-assessment-august-2022.xlsx",
        framework,
        assessed_on=datetime.date(2022, 8, 31),
    )
    for rating in august.ratings.select_related("standard"):
        if rating.standard.code in PUBLIC_SUMMARIES:
            rating.public_summary = PUBLIC_SUMMARIES[rating.standard.code]
            rating.save()
        for title, url, review_by in EVIDENCE.get(rating.standard.code, []):
            EvidenceLink.objects.create(rating=rating, title=title, url=url, review_by=review_by)
    meeting, _ = AdvisoryGroupMeeting.objects.get_or_create(
        date=datetime.date(2022, 10, 12),
        defaults={
            "title": "Advisory Group meeting",
            "notes": "Example date: the annual report does not give it. Ratified the "
            "August 2022 self-assessment.",
        },
    )
    august.ratify(meeting, meeting.date)
    return august


def _draft_2023(august) -> SelfAssessment:
    draft = august.start_next(DRAFT_2023, datetime.date(2023, 7, 31))
    levels = {level.code: level for level in draft.framework.levels.all()}
    ratings = {r.standard.code: r for r in draft.ratings.select_related("standard")}
    for code, level, notes, next_steps in CHANGES_2023:
        rating = ratings[code]
        rating.level, rating.evidence_notes, rating.next_steps = levels[level], notes, next_steps
        rating.carried_over = False
        rating.save()
    return draft

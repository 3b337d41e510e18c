"""Demo data: the move from the 2016 Quality Standards to the 2018 Minimum Standards.

Both are the tracker's built-in frameworks (the 2016 one an outline: its published wording was
not available, as its `source` says), with the built-in 2016 → 2018 mapping; the 2018 one
replaces the 2016 one. A ratified 2017-18 self-assessment on the 2016 framework, with a few
ratings, evidence notes and links (example data), lets the Service manager start the next
self-assessment on the 2018 framework through the mapping, from its report's "Start the next
self-assessment" form."""

import datetime

from django.db import transaction

from wagtail_minimum_standards.compliance.builtin_frameworks import (
    load_builtin,
    load_builtin_mapping,
)
from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    EvidenceLink,
    SelfAssessment,
)

OLD_CODE, NEW_CODE, MAPPING_CODE = "iass-2016", "iass-2018", "iass-2016-to-2018"
TITLE_2017_18 = "Self-Assessment Quality Standards 2017-18"

# Example ratings: (standard, level, evidence notes, public summary, [(link title, address)])
RATINGS_2017_18 = [
    ("1.1", "M", "Service level agreement signed by the council and the CCG.",
     "The council and the NHS fund us together.",
     [("Service level agreement 2017 (example)", "https://www.bathnes.gov.uk/")]),
    ("1.3", "PM", "Helpline closed for two weeks in August.", "", []),
    ("1.4", "M", "Budget held by the service; steering group independent of the council.", "",
     [("Budget statement 2017-18 (example)", "https://www.sendiasbathnes.example/budget/")]),
    ("2.1", "M", "Manager appointed in 2016, working only for the service.", "", []),
    ("2.2", "PM", "Manager's strategic time squeezed by casework.", "", []),
    ("3.2", "PM", "Leaflets updated; the website is a page on the council's site.", "",
     [("Leaflet (example)", "https://www.sendiasbathnes.example/leaflet/")]),
    ("3.6", "M", "Case records kept on a secure system.", "", []),
]  # fmt: skip


@transaction.atomic
def load() -> SelfAssessment:
    old, _ = load_builtin(OLD_CODE)
    new, _ = load_builtin(NEW_CODE)
    if new.replaces_id is None:
        new.replaces = old
        new.save()
    load_builtin_mapping(MAPPING_CODE)
    existing = SelfAssessment.objects.filter(framework=old, title=TITLE_2017_18).first()
    return existing or _assessment_2017_18(old)


def _assessment_2017_18(framework) -> SelfAssessment:
    assessment = SelfAssessment.objects.create(
        framework=framework, title=TITLE_2017_18, assessed_on=datetime.date(2018, 3, 31)
    )
    assessment.add_missing_ratings()
    levels = {level.code: level for level in framework.levels.all()}
    ratings = {r.standard.code: r for r in assessment.ratings.select_related("standard")}
    for code, level, notes, summary, links in RATINGS_2017_18:
        rating = ratings[code]
        rating.level, rating.evidence_notes, rating.public_summary = levels[level], notes, summary
        rating.save()
        for title, url in links:
            EvidenceLink.objects.create(rating=rating, title=title, url=url)
    meeting, _ = AdvisoryGroupMeeting.objects.get_or_create(
        date=datetime.date(2018, 4, 18),
        defaults={
            "title": "Advisory Group meeting",
            "notes": "Example data: ratified the 2017-18 self-assessment on the 2016 framework.",
        },
    )
    assessment.ratify(meeting, meeting.date)
    return assessment

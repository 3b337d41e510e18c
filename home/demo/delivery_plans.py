"""Demo data: Appendix 4's Operational Delivery Plan, the SEND strategy's work plan, and the
Advisory Group meetings around them, with changes between meetings for the review to show.

The plans are loaded through the same importer the service manager uses, from
spreadsheets in files/ that hold the seeds' rows exactly. Progress updates come from
Appendix 4's "Actual Completion" column, dated at the report (31 October 2022). What
happened between the October 2022 and January 2023 meetings, and the meetings' dates,
are example data, marked "(example)". Each step's change history is dated on that
timeline, so that "what changed since the last meeting" reads as it would have.
"""

import datetime
from contextlib import contextmanager
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    Framework,
    Rating,
    SelfAssessment,
)
from wagtail_minimum_standards.plans.models import (
    DeliveryPlan,
    PlanAction,
    PlanColumn,
    PlanItem,
    PlanOutcome,
    PlanStatus,
    ProgressUpdate,
)
from wagtail_minimum_standards.plans.spreadsheets import import_plan

from .self_assessments import AUGUST_2022

DEMO_DIR = Path(__file__).parent / "files"
OPERATIONAL = "SPS Operational Delivery Plan 1/4/2022 to 31/08/2023"
STRATEGY = "Bath and North East Somerset SEND Strategy: work plan"
REPORT_DATE = datetime.date(2022, 10, 31)
BETWEEN_MEETINGS = datetime.date(2023, 1, 10)
MEETINGS = [
    (datetime.date(2022, 10, 12), "Advisory Group meeting, October 2022"),
    (datetime.date(2023, 1, 18), "Advisory Group meeting, January 2023"),
    (datetime.date(2023, 4, 19), "Advisory Group meeting, April 2023"),
]
HISTORIES = [
    DeliveryPlan,
    PlanColumn,
    PlanStatus,
    PlanItem,
    PlanAction,
    PlanOutcome,
    ProgressUpdate,
]


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@contextmanager
def dated(day: datetime.date):
    """Date every history record made inside the block on `day`."""
    start = timezone.now()
    yield
    for model in HISTORIES:
        model.history.filter(history_date__gte=start).update(history_date=at(day))


def status_from(completion: str) -> str:
    """Appendix 4 has no status column: the demo's manager sets each item's status from what
    its "Actual Completion" says (the importer itself never invents one)."""
    text = completion.lower()
    if "on-going" in text or "ongoing" in text:
        return "Ongoing"
    return "On track" if text else "Not started"


@transaction.atomic
def load():
    for day, title in MEETINGS:
        _meeting(day, title)
    _meeting(datetime.date.today() + datetime.timedelta(days=21), "Next Advisory Group meeting")
    if not DeliveryPlan.objects.filter(title=STRATEGY).exists():
        with dated(datetime.date(2020, 9, 30)):
            plan = import_plan(DEMO_DIR / "send-strategy-work-plan.xlsx")
            plan.period_start, plan.period_end = (
                datetime.date(2019, 9, 1),
                datetime.date(2022, 8, 31),
            )
            plan.save()
    if not DeliveryPlan.objects.filter(title=OPERATIONAL).exists():
        _operational(Framework.objects.get(code="iass-2018"))


def _meeting(day, title):
    return AdvisoryGroupMeeting.objects.filter(
        date=day
    ).first() or AdvisoryGroupMeeting.objects.create(
        date=day, title=title, notes="Example meeting: the seeds do not give its date."
    )


def _operational(framework):
    with dated(datetime.date(2022, 4, 1)):
        plan = import_plan(DEMO_DIR / "operational-delivery-plan-2022-23.xlsx", framework)
        plan.period_start, plan.period_end = datetime.date(2022, 4, 1), datetime.date(2023, 8, 31)
        plan.save()
        for item in plan.items.all():
            item.status = status_from(item.completion_notes)
            item.save()
    with dated(REPORT_DATE):
        for item in plan.items.exclude(completion_notes=""):
            ProgressUpdate.objects.create(item=item, date=REPORT_DATE, text=item.completion_notes)
    with dated(BETWEEN_MEETINGS):
        _between_meetings(plan)
    _compliance_timeline()


def _between_meetings(plan):
    """Example changes between the October 2022 and January 2023 meetings."""
    serving = {
        s.code: item
        for item in plan.items.prefetch_related("standards")
        for s in item.standards.all()
    }
    for code, text, status in [
        (
            "1.1",
            "SLA for 1.4.22 to 31.3.25 signed off by the LA and ICB (example).",
            "Complete",
        ),
        (
            "4.1",
            "Two IPSEA courses cancelled; waiting for new dates (example).",
            "At risk",
        ),
    ]:
        ProgressUpdate.objects.create(
            item=serving[code], date=BETWEEN_MEETINGS, text=text, new_status=status
        )
    tested = serving["3.3"].actions.get(number=3)
    tested.done_on = datetime.date(2022, 11, 20)
    tested.save()
    new = PlanItem(
        plan=plan,
        position=plan.items.count() + 1,
        area_of_work="Operational functions",
        objective="Produce key information in easy read and audio formats (example).",
        owners="I&A Officer leading CYP offer",
        timescale="Summer 2023",
        status="On track",
    )
    new.standards.set(plan.framework.sections.get(number="3").standards.filter(code="3.2"))
    new.save()
    PlanAction.objects.create(
        item=new, number=1, lead="1. ", text="Agree formats with young people (example)."
    )


def _compliance_timeline():
    """The compliance demo on the same timeline: August 2022 rated before the October meeting
    and ratified at it; the 2023 draft's changes between the October and January meetings."""
    ratified = SelfAssessment.objects.filter(status="ratified", title=AUGUST_2022).first()
    if ratified is None:
        return
    Rating.history.filter(assessment_id=ratified.pk).update(
        history_date=at(datetime.date(2022, 9, 1))
    )
    SelfAssessment.history.filter(id=ratified.pk).update(history_date=at(MEETINGS[0][0]))
    for draft in SelfAssessment.objects.filter(started_from=ratified):
        Rating.history.filter(assessment_id=draft.pk).update(
            history_date=at(datetime.date(2023, 1, 5))
        )
        SelfAssessment.history.filter(id=draft.pk).update(
            history_date=at(datetime.date(2023, 1, 5))
        )

"""Demo data: one meeting cycle of the Advisory Group, as the tracker keeps it.

The October 2022 meeting's record: who came, its decisions (the August 2022 self-assessment
ratified; a new action agreed, which became a plan item; a change to an item). Before the
January 2023 meeting, the Advisory Group member asked three questions (two answered, one
open); in January, the October minutes were approved, which locked that record. People,
dates, questions and decisions are example data."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    Question,
    Reply,
    SelfAssessment,
)
from wagtail_minimum_standards.plans.meeting_record import NewAction, decide
from wagtail_minimum_standards.plans.models import Decision, DeliveryPlan, PlanItem

from .delivery_plans import OPERATIONAL
from .self_assessments import AUGUST_2022

AGREED_ACTION = (
    "Publish a “You said, we did” page, so that families see what changed after their "
    "feedback (example)"
)


def at(day: datetime.date, hour=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def load() -> None:
    october = AdvisoryGroupMeeting.objects.get(date=datetime.date(2022, 10, 12))
    january = AdvisoryGroupMeeting.objects.get(date=datetime.date(2023, 1, 18))
    if october.decisions.exists():
        return  # loaded already: a locked record is not written twice
    users = get_user_model().objects.in_bulk(["manager", "advisor"], field_name="username")
    manager, advisor = users["manager"], users["advisor"]
    _october(october, manager, advisor)
    _questions(january, manager, advisor)
    decide(
        january,
        Decision.Kind.APPROVE_MINUTES,
        "The minutes of the October 2022 meeting were approved as a true record.",
        manager,
        minutes_of=october,
    )
    Decision.objects.filter(meeting=january).update(recorded_at=at(january.date, 11))


def _october(october, manager, advisor):
    october.attendees.set([manager, advisor])
    october.guests = "A parent carer forum representative (example)"
    october.apologies = "The local authority's SEND lead (example)"
    october.notes = "Example record: the annual report gives no minutes."
    october.save()
    august = SelfAssessment.objects.get(title=AUGUST_2022)
    Decision.objects.create(
        meeting=october,
        kind=Decision.Kind.RATIFY,
        assessment=august,
        text="The Advisory Group ratified the August 2022 self-assessment as presented: "
        "11 standards compliant, 9 partially compliant.",
        recorded_by=manager,
    )  # ratified when the self-assessment was loaded; this is the meeting's record of it
    plan = DeliveryPlan.objects.get(title=OPERATIONAL)
    standard_4_2 = plan.framework.sections.get(number="4").standards.get(code="4.2")
    decide(
        october,
        Decision.Kind.NEW_ACTION,
        "Agreed: show families what changed after their feedback.",
        manager,
        new_action=NewAction(
            plan=plan,
            area_of_work="Quality assurance",
            standards=[standard_4_2],
            objective=AGREED_ACTION,
            owners="Manager",
            owner_users=[manager],
            timescale="December 2022",
        ),
    )
    sla = plan.items.filter(standards__code="1.1").first()
    decide(
        october,
        Decision.Kind.CHANGE_ITEM,
        "The SLA review is to include the parent carer forum's view (example).",
        manager,
        plan_item=sla,
    )
    Decision.objects.filter(meeting=october).update(recorded_at=at(october.date, 11))
    PlanItem.history.filter(objective=AGREED_ACTION).update(history_date=at(october.date, 11))


QUESTIONS = [
    # (day asked, about, question, answer and its day, or None)
    (
        datetime.date(2022, 11, 2),
        "rating 1.6",
        "Standard 1.6 is only partly met. What is stopping the briefings for schools?",
        ("The team was below strength until December; the briefings restart in January.",
         datetime.date(2022, 11, 4)),
    ),
    (
        datetime.date(2022, 12, 1),
        "the agreed action",
        "Will the “You said, we did” page be ready before the January meeting?",
        ("Yes: a draft is with the Advisory Group's parent member for comment.",
         datetime.date(2022, 12, 5)),
    ),
    (
        datetime.date(2023, 1, 9),
        "the review",
        "Could the review show how many families we helped this term?",
        None,
    ),
]  # fmt: skip


def _questions(january, manager, advisor):
    august = SelfAssessment.objects.get(title=AUGUST_2022)
    subjects = {
        "rating 1.6": august.ratings.get(standard__code="1.6"),
        "the agreed action": PlanItem.objects.get(objective=AGREED_ACTION),
        "the review": january,
    }
    for day, about, text, answer in QUESTIONS:
        question = Question.objects.create(
            subject=subjects[about], asked_by=advisor, asked_at=at(day), text=text
        )
        if answer:
            words, answered = answer
            Reply.objects.create(
                question=question,
                kind=Reply.Kind.ANSWER,
                written_by=manager,
                written_at=at(answered, 14),
                text=words,
            )
            Question.objects.filter(pk=question.pk).update(answered_at=at(answered, 14))
    for question in Question.objects.all():
        question.history.update(history_date=question.asked_at)
        for reply in question.replies.all():
            reply.history.update(history_date=reply.written_at)

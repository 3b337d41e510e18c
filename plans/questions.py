"""What the Advisory Group may ask about in plans: an item of a plan, and a meeting's review
as a whole (compliance.questions keeps the questions)."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance import questions


def item_url(item) -> str:
    return reverse("minimum_standards_plans_plan_view", args=[item.plan_id]) + f"#item-{item.pk}"


def register_subjects() -> None:
    questions.register_subject(
        "planitem",
        "minimum_standards_plans.PlanItem",
        describe=lambda item: f"“{Truncator(item.objective).words(12)}” ({item.plan})",
        url=item_url,
        related=("plan",),
    )
    questions.register_subject(
        "meeting",
        "minimum_standards.AdvisoryGroupMeeting",
        describe=lambda meeting: _("The review for %(meeting)s") % {"meeting": meeting},
        url=lambda meeting: reverse("minimum_standards_plans_meeting_review", args=[meeting.pk]),
    )

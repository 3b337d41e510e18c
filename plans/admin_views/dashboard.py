"""The admin home's panel: plan status counts, overdue items, open questions, the next
meeting. Each count it shows is the length of the list it stands for, read by the same
function (overdue_items, question_list.open_questions), and the next meeting is one recorded,
never a date worked out."""

import datetime

from django.db.models import Count
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting

from ..models import OPEN_MEANINGS, PlanItem, StatusMeaning
from ..question_list import open_questions
from .access import can_read, can_run


def overdue_items(today: datetime.date) -> list[PlanItem]:
    """Open items of active plans due before `today`, soonest first: every one of them."""
    return list(
        PlanItem.objects.filter(
            plan__status="active", due_date__lt=today, status_meaning__in=OPEN_MEANINGS
        )
        .select_related("plan")
        .order_by("due_date", "pk")
    )


def next_meeting(today: datetime.date) -> AdvisoryGroupMeeting | None:
    """The next meeting recorded, today or later; None when none is."""
    return AdvisoryGroupMeeting.objects.filter(date__gte=today).order_by("date", "pk").first()


class PlansPanel(Component):
    name = "delivery_plans"
    template_name = "minimum_standards_plans/admin/dashboard_panel.html"
    order = 50

    def render_html(self, parent_context=None):
        if not can_read(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        today = datetime.date.today()
        active = PlanItem.objects.filter(plan__status="active")
        counts = dict(
            active.values_list("status_meaning")
            .annotate(n=Count("pk"))
            .values_list("status_meaning", "n")
        )
        meanings = [*StatusMeaning.choices, ("", _("No status"))]
        return {
            "counts": [(label, counts.get(value, 0)) for value, label in meanings],
            "overdue": overdue_items(today),
            "open_questions": open_questions(),
            "next_meeting": next_meeting(today),
            "may_record": can_run(parent_context["request"].user),
        }

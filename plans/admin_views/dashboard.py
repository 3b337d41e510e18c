"""The admin home's panel: plan status counts, overdue items, the next meeting."""

import datetime

from django.db.models import Count
from wagtail.admin.ui.components import Component

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting

from ..models import PlanItem
from .access import can_read


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
            active.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
        )
        overdue = active.filter(due_date__lt=today, status__in=PlanItem.OPEN).select_related("plan")
        return {
            "counts": [(label, counts.get(value, 0)) for value, label in PlanItem.Status.choices],
            "overdue": list(overdue.order_by("due_date")[:5]),
            "overdue_count": overdue.count(),
            "next_meeting": AdvisoryGroupMeeting.objects.filter(date__gte=today)
            .order_by("date")
            .first(),
        }

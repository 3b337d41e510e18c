"""A delivery plan read as the annual report shows it, with filters and each standard's rating."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from compliance.models import Rating
from compliance.reports import latest_ratified

from ..models import DeliveryPlan, PlanItem, ProgressUpdate
from .access import can_read, can_run, requires


def current_ratings(framework_id, standard_ids) -> dict:
    """{standard id: rating} from the framework's latest ratified self-assessment."""
    assessment = latest_ratified(framework_id) if framework_id else None
    if assessment is None:
        return {}
    ratings = Rating.objects.filter(assessment=assessment, standard_id__in=standard_ids)
    return {r.standard_id: r for r in ratings.select_related("level")}


@requires(can_read)
def plan_view(request, pk):
    plan = get_object_or_404(DeliveryPlan.objects.select_related("framework"), pk=pk)
    items = plan.items.prefetch_related(
        "standards",
        "actions",
        "outcomes",
        "owner_users",
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("by")),
    )
    filters = {
        key: request.GET.get(key, "") for key in ("standard", "owner", "status", "overdue", "mine")
    }
    if filters["standard"]:
        items = items.filter(standards__code=filters["standard"])
    if filters["owner"]:
        items = items.filter(owners__icontains=filters["owner"])
    if filters["status"]:
        items = items.filter(status=filters["status"])
    today = datetime.date.today()
    if filters["overdue"]:
        items = items.filter(due_date__lt=today, status__in=PlanItem.OPEN)
    if filters["mine"]:
        items = items.filter(owner_users=request.user)
    items = list(items.distinct())
    standard_ids = {s.pk for item in items for s in item.standards.all()}
    ratings = current_ratings(plan.framework_id, standard_ids)
    for item in items:
        item.current_ratings = [(s, ratings.get(s.pk)) for s in item.standards.all()]
        item.overdue, item.due_soon = item.is_overdue(today), item.is_due_soon(today)
    return TemplateResponse(
        request,
        "plans/admin/plan.html",
        {
            "plan": plan,
            "items": items,
            "filters": filters,
            "statuses": PlanItem.Status.choices,
            "standards": sorted(
                {
                    s.code
                    for item in plan.items.prefetch_related("standards")
                    for s in item.standards.all()
                }
            ),
            "can_run": can_run(request.user),
        },
    )

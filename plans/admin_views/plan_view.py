"""A delivery plan read as the annual report shows it, with filters and each standard's rating."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from wagtail_minimum_standards.compliance import questions
from wagtail_minimum_standards.compliance.models import Rating, SelfAssessment
from wagtail_minimum_standards.compliance.reports import latest_ratified

from ..models import OPEN_MEANINGS, DeliveryPlan, Meaning, ProgressUpdate
from .access import can_read, can_run, requires


def ratings_of_standards(framework_id, standard_ids) -> dict:
    """Where each standard's rating comes from: the framework's latest ratified
    self-assessment, and the draft being worked on now (if any), in three queries.

    {"ratified": assessment or None, "draft": assessment or None,
     "ratings": {standard id: (ratified rating or None, draft rating if it differs)}}
    """
    ratified = latest_ratified(framework_id) if framework_id else None
    drafts = SelfAssessment.objects.filter(framework_id=framework_id).exclude(
        status=SelfAssessment.Status.RATIFIED
    )
    if ratified:
        drafts = drafts.filter(assessed_on__gte=ratified.assessed_on)
    draft = drafts.order_by("-assessed_on", "-pk").first() if framework_id else None
    found = {
        (r.assessment_id, r.standard_id): r
        for r in Rating.objects.filter(
            assessment__in=[a for a in (ratified, draft) if a], standard_id__in=standard_ids
        ).select_related("level")
    }
    ratings = {}
    for standard_id in standard_ids:
        official = found.get((ratified.pk, standard_id)) if ratified else None
        current = found.get((draft.pk, standard_id)) if draft else None
        changed = (
            current if current and (not official or current.level_id != official.level_id) else None
        )
        ratings[standard_id] = (official, changed)
    return {"ratified": ratified, "draft": draft, "ratings": ratings}


@requires(can_read)
@require_safe
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
        items = items.filter(due_date__lt=today, status_meaning__in=OPEN_MEANINGS)
    if filters["mine"]:
        items = items.filter(owner_users=request.user)
    items = list(items.distinct())
    columns = list(plan.columns.all())
    meanings = {column.meaning for column in columns}
    standard_ids = {s.pk for item in items for s in item.standards.all()}
    sources = ratings_of_standards(plan.framework_id, standard_ids)
    open_questions = questions.about(items)
    for item in items:
        item.open_questions = open_questions.get(item.pk, [])
        item.current_ratings = [
            (s, *sources["ratings"].get(s.pk, (None, None))) for s in item.standards.all()
        ]
        item.overdue, item.due_soon = item.is_overdue(today), item.is_due_soon(today)
        item.row = [(column, item.text_in(column)) for column in columns]
    return TemplateResponse(
        request,
        "minimum_standards_plans/admin/plan.html",
        {
            "plan": plan,
            "items": items,
            "filters": filters,
            "statuses": [status.label for status in plan.statuses.all()],
            "columns": columns,
            "has_status_column": Meaning.STATUS in meanings,
            "has_standards_column": Meaning.STANDARDS in meanings,
            # The latest progress shows under the plan's completion notes, else its progress.
            "latest_updates_in": Meaning.COMPLETION
            if Meaning.COMPLETION in meanings
            else Meaning.PROGRESS,
            "standards": sorted(
                {
                    s.code
                    for item in plan.items.prefetch_related("standards")
                    for s in item.standards.all()
                }
            ),
            "can_run": can_run(request.user),
            "may_ask": questions.may_ask(request.user),
            "ratified": sources["ratified"],
            "draft": sources["draft"],
        },
    )

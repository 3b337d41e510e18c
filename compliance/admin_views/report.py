"""A self-assessment read like the annual report's table: counts, filters, 3.3's site checks."""

import datetime

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import questions
from ..assessment_actions import actions_for
from ..models import AdvisoryGroupMeeting, SelfAssessment
from ..quality_checks import findings_for
from ..reports import by_section, level_counts, ratings_of, with_evidence_lines
from ..site_checks import check_items, registered_checks
from ..standard_links import links_for
from .access import can_read, can_run, requires


@requires(can_read)
@require_safe
def assessment_report(request, pk):
    assessment = get_object_or_404(
        SelfAssessment.objects.select_related("framework", "ratified_at"), pk=pk
    )
    levels = list(assessment.framework.levels.order_by("-position"))
    sections = list(assessment.framework.sections.order_by("position"))
    ratings = ratings_of(assessment, with_evidence=True)
    counts = level_counts(ratings, levels)
    with_evidence_lines(ratings, assessment.framework)
    findings = findings_for(assessment, ratings, user=request.user)
    found = findings.by_rating()

    section_filter = request.GET.get("section", "")
    level_filter = request.GET.get("level", "")
    shown = [
        r
        for r in ratings
        if (not section_filter or r.standard.section.number == section_filter)
        and (not level_filter or (r.is_counted and r.level.code == level_filter))
    ]
    links = links_for([r.standard_id for r in shown])
    open_questions = questions.about(shown)
    today = timezone.localdate()
    next_meeting = AdvisoryGroupMeeting.objects.filter(date__gte=today).order_by("date").first()
    due_by = next_meeting.date if next_meeting else today + datetime.timedelta(days=91)
    checks = registered_checks()
    for rating in shown:
        items = list(rating.standard.checklist.all())
        ticked = set(rating.ticked_items)
        rating.checklist = [
            (item, result.for_user(request.user) if result else None, item.pk in ticked)
            for item, result in (check_items(items, checks) if items else [])
        ]
        rating.links = links.get(rating.standard_id, [])
        rating.open_questions = open_questions.get(rating.pk, [])
        rating.findings = found.get(rating.pk, [])
        for link in rating.evidence_links.all():
            link.overdue = bool(link.review_by and link.review_by < today)
            link.due_soon = bool(link.review_by and today <= link.review_by <= due_by)
    return TemplateResponse(
        request,
        "minimum_standards/admin/assessment_report.html",
        {
            "assessment": assessment,
            "sections": sections,
            "levels": levels,
            "counts": counts,
            "met": sum(n for level, n in counts if level.counts_as_met),
            "total": sum(1 for r in ratings if r.is_counted),
            "not_adopted": sum(1 for r in ratings if not r.is_counted),
            "grouped": by_section(shown),
            "section_filter": section_filter,
            "level_filter": level_filter,
            "can_run": can_run(request.user),
            "actions": actions_for(assessment, request.user),
            "findings": findings,
            "may_fix": can_run(request.user) and not assessment.is_locked,
            "may_ask": questions.may_ask(request.user),
            "next_meeting": next_meeting,
            "columns": 5 if can_run(request.user) and not assessment.is_locked else 4,
            "others": assessment.framework.assessments.exclude(pk=assessment.pk),
        },
    )

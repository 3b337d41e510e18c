"""The delivery plans' quality check: a standard rated not met (or partly met) that no item of
an active delivery plan serves. Its fix is to draft one (admin_views/drafts.py)."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail_minimum_standards.compliance.quality_checks import WARNING, QualityCheck

GAP_WITHOUT_PLAN_ITEM = "gap-without-plan-item"


def is_gap(rating) -> bool:
    """Rated (not the unrated level), counted, and its level does not count as met."""
    return rating.is_counted and not rating.level.is_unrated and not rating.level.counts_as_met


def planned_standards(standard_ids) -> set[int]:
    """The standards that an item of an active delivery plan serves: one query."""
    from .models import PlanItem

    return set(
        PlanItem.standards.through.objects.filter(
            standard_id__in=standard_ids, planitem__plan__status="active"
        ).values_list("standard_id", flat=True)
    )


def drafting_url(assessment, rating=None) -> str:
    url = reverse("minimum_standards_plans_assessment_drafts", args=[assessment.pk])
    return f"{url}#draft-{rating.standard_id}" if rating else url


def gap_without_plan_item(assessed):
    gaps = [rating for rating in assessed.ratings if is_gap(rating)]
    if not gaps:
        return
    planned = planned_standards([rating.standard_id for rating in gaps])
    for rating in gaps:
        if rating.standard_id not in planned:
            yield (
                rating,
                gettext("Rated %(level)s, and no item in an active delivery plan serves it.")
                % {"level": rating.level.code},
                drafting_url(assessed.assessment, rating),
                gettext("Draft a plan item for %(code)s") % {"code": rating.standard.code},
            )


QUALITY_CHECKS = [
    QualityCheck(
        GAP_WITHOUT_PLAN_ITEM,
        WARNING,
        _("Not met, and no delivery-plan item"),
        gap_without_plan_item,
    ),
]

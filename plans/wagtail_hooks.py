from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from wagtail_minimum_standards.compliance.assessment_actions import HOOK as ASSESSMENT_ACTIONS
from wagtail_minimum_standards.compliance.assessment_actions import AssessmentAction
from wagtail_minimum_standards.compliance.quality_checks import HOOK as QUALITY_CHECKS
from wagtail_minimum_standards.compliance.standard_links import HOOK, StandardLink

from .admin_views.dashboard import PlansPanel
from .admin_views.modeladmins import DeliveryPlansGroup

modeladmin_register(DeliveryPlansGroup)


@hooks.register("construct_homepage_panels")
def add_plans_panel(request, panels):
    panels.append(PlansPanel())


@hooks.register(HOOK)
def plan_items_serving(standard_ids) -> dict:
    """Each standard's items in the active delivery plans, for its rating: one query."""
    from .models import PlanItem

    through = PlanItem.standards.through.objects.filter(
        standard_id__in=standard_ids, planitem__plan__status="active"
    ).select_related("planitem")
    links = {}
    for link in through:
        item = link.planitem
        links.setdefault(link.standard_id, []).append(
            StandardLink(
                heading=_("In the delivery plan"),
                url=reverse("minimum_standards_plans_plan_view", args=[item.plan_id])
                + f"#item-{item.pk}",
                text=Truncator(item.objective).words(10),
                note=item.status_or_none,
            )
        )
    return links


@hooks.register(ASSESSMENT_ACTIONS)
def ratify_at_a_meeting(assessment, user) -> list:
    """Ratifying is a decision of a meeting: the report's button goes to the meeting's record."""
    from .admin_views.access import can_run

    if assessment.is_locked or not can_run(user):
        return []
    url = reverse("minimum_standards_plans_assessment_ratify", args=[assessment.pk])
    return [AssessmentAction(_("Ratify at an Advisory Group meeting…"), url)]


@hooks.register(ASSESSMENT_ACTIONS)
def draft_plan_items(assessment, user) -> list:
    """Plan items drafted from the assessment's gaps, for the Service manager to accept."""
    from .admin_views.access import can_run
    from .quality_checks import drafting_url

    if not can_run(user):
        return []
    return [AssessmentAction(_("Draft plan items from gaps…"), drafting_url(assessment))]


@hooks.register(QUALITY_CHECKS)
def quality_checks() -> list:
    """Not met, and no item in an active delivery plan (quality_checks.py)."""
    from .quality_checks import QUALITY_CHECKS

    return QUALITY_CHECKS

"""Delivery-plan items drafted from a self-assessment's gaps: a standard rated not met or
partly met, or with a blocker or a warning among its quality checks (but an open Advisory Group
question, which is answered, not planned). Nothing is written until the Service manager accepts
a draft (`accept`); a standard the plan already serves is not drafted twice.

A draft is in the plan's own words: its fields are headed as the plan's columns are, and a new
item takes the plan's status word that means open, after its last item.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.quality_checks import BLOCKER, WARNING, findings_for
from wagtail_minimum_standards.compliance.reports import ratings_of

from .models import DeliveryPlan, Meaning, PlanItem, StatusMeaning
from .quality_checks import is_gap


@dataclass
class Draft:
    rating: object
    reasons: list[str] = field(default_factory=list)
    in_plan: object = None  # the plan's item that already serves the standard, if any

    @property
    def standard(self):
        return self.rating.standard

    def initial(self, plan_columns) -> dict:
        """The draft's fields as first offered: owner and timescale left blank."""
        standard = self.standard
        has_standards_column = any(c.meaning == Meaning.STANDARDS for c in plan_columns)
        return {
            # The code in the plan's own column of standards if it has one, else in the area,
            # as Appendix 4 writes it: "Operational Functions (3.3)".
            "area_of_work": standard.section.title
            if has_standards_column
            else f"{standard.section.title} ({standard.code})",
            "standards_text": standard.code if has_standards_column else "",
            "objective": _("Meet standard %(code)s: %(wording)s")
            % {"code": standard.code, "wording": standard.text},
            "owners": "",
            "timescale": "",
        }


def active_plans():
    return DeliveryPlan.objects.filter(status=DeliveryPlan.Status.ACTIVE)


def default_plan(assessment, plans) -> DeliveryPlan | None:
    """The active plan of the assessment's framework, else the latest active plan."""
    plans = list(plans)
    same = [plan for plan in plans if plan.framework_id == assessment.framework_id]
    return (same or plans or [None])[0]


def rating_reason(rating) -> str:
    return _("Rated %(code)s: %(label)s.") % {
        "code": rating.level.code,
        "label": rating.level.label,
    }


def drafts_for(assessment, plan, user=None, today=None) -> list[Draft]:
    """A draft for each standard with a gap, in framework order, in a fixed number of queries
    however many standards; `in_plan` is the plan's item that already serves it, if any."""
    ratings = ratings_of(assessment, with_evidence=True)
    found = findings_for(assessment, ratings=ratings, user=user, today=today).by_rating()
    drafts = []
    for rating in ratings:
        findings = [
            finding
            for finding in found.get(rating.pk, [])
            if finding.severity in (BLOCKER, WARNING) and finding.check.plan_action
        ]
        if is_gap(rating) or findings:
            reasons = [rating_reason(rating)] if is_gap(rating) else []
            reasons += [f"{finding.severity_words}: {finding.message}" for finding in findings]
            drafts.append(Draft(rating, reasons))
    serving = items_serving(plan, [draft.standard.pk for draft in drafts]) if plan else {}
    for draft in drafts:
        draft.in_plan = serving.get(draft.standard.pk)
    return drafts


def items_serving(plan, standard_ids) -> dict:
    """{standard id: the plan's first item linked to it}: one query."""
    links = (
        PlanItem.standards.through.objects.filter(planitem__plan=plan, standard_id__in=standard_ids)
        .select_related("planitem")
        .order_by("planitem__position", "planitem_id")
    )
    serving = {}
    for link in links:
        serving.setdefault(link.standard_id, link.planitem)
    return serving


def accept(plan, assessment, accepted: list[tuple[object, dict]]) -> tuple[list, list]:
    """Add an item to `plan` for each (standard, its fields) accepted, linked to the standard,
    unless the plan already serves it: decided with the plan's row locked, so that two accepts
    of the same draft (a double click, two tabs) add one item. ([items added], [(standard,
    its item) for those the plan had already])."""
    with transaction.atomic():
        plan = DeliveryPlan.objects.select_for_update().get(pk=plan.pk)
        serving = items_serving(plan, [standard.pk for standard, _values in accepted])
        last = plan.items.aggregate(last=Max("position"))["last"] or 0
        added, there = [], []
        for standard, values in accepted:
            if standard.pk in serving:
                there.append((standard, serving[standard.pk]))
                continue
            last += 1
            item = PlanItem(
                plan=plan, position=last, status=plan.word_for(StatusMeaning.OPEN), **values
            )
            item.standards.set([standard])
            item._change_reason = _("Drafted from the self-assessment “%(assessment)s”") % {
                "assessment": assessment
            }
            item.save()
            serving[standard.pk] = item
            added.append(item)
    return added, there

"""Plan items drafted from a self-assessment's gaps (plans/drafting.py), for the Service manager
to edit and accept one by one or together. A GET only shows the drafts; an item is added only by
an accept, which the plan's lock makes safe to send twice."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_minimum_standards.compliance.models import SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.cells import CELL_LIMIT

from ..drafting import accept, active_plans, default_plan, drafts_for
from ..models import Meaning, PlanItem
from ..timescales import impossible_date, not_a_date
from .access import can_run, requires

TICKED = "ticked"
# Each draft's fields, and the plan's column whose heading labels it if the plan has one.
FIELD_MEANINGS = {
    "area_of_work": Meaning.AREA,
    "standards_text": Meaning.STANDARDS,
    "objective": Meaning.OBJECTIVE,
    "owners": Meaning.OWNERS,
    "timescale": Meaning.TIMESCALE,
}


class DraftForm(forms.Form):
    tick = forms.BooleanField(required=False)
    area_of_work = forms.CharField(
        required=False, max_length=CELL_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )
    standards_text = forms.CharField(required=False, max_length=CELL_LIMIT)
    objective = forms.CharField(max_length=CELL_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))
    owners = forms.CharField(required=False, max_length=CELL_LIMIT)
    timescale = forms.CharField(required=False, max_length=CELL_LIMIT)

    def __init__(self, *args, draft, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.fields["tick"].label = _("Add %(code)s with the other ticked drafts") % {
            "code": draft.standard.code
        }
        headings = {column.meaning: column.heading for column in columns if column.heading}
        for name, meaning in FIELD_MEANINGS.items():
            label = headings.get(meaning) or PlanItem._meta.get_field(name).verbose_name
            self.fields[name].label = label[:1].upper() + label[1:]
        if Meaning.STANDARDS not in {column.meaning for column in columns}:
            del self.fields["standards_text"]
        self.fields["timescale"].help_text = _('As written, e.g. "Summer 2027".')

    def clean_timescale(self):
        timescale = self.cleaned_data["timescale"]
        wrong = impossible_date(timescale)
        if wrong:
            raise forms.ValidationError(not_a_date(wrong))
        return timescale

    def item_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELD_MEANINGS if name in self.fields}


def chosen_plan(request, plans, assessment):
    wanted = request.POST.get("plan") or request.GET.get("plan") or ""
    found = [plan for plan in plans if str(plan.pk) == wanted]
    return found[0] if found else default_plan(assessment, plans)


@requires(can_run)
def drafts(request, pk):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("framework"), pk=pk)
    plans = list(active_plans().select_related("framework").prefetch_related("columns"))
    plan = chosen_plan(request, plans, assessment)
    found = drafts_for(assessment, plan, user=request.user) if plan else []
    columns = list(plan.columns.all()) if plan else []
    posted = request.POST if request.method == "POST" and plan else None
    forms_ = [
        DraftForm(
            posted,
            prefix=f"draft-{draft.standard.pk}",
            initial=draft.initial(columns),
            draft=draft,
            columns=columns,
        )
        for draft in found
        if not draft.in_plan
    ]
    problem, chosen = "", []
    if posted is not None:
        wanted = posted.get("accept", "")
        chosen = [
            form
            for form in forms_
            if (wanted == TICKED and form["tick"].value()) or wanted == str(form.draft.standard.pk)
        ]
        if not chosen:
            problem = _("Tick the drafts to add first, or add one with its own button.")
        elif all([form.is_valid() for form in chosen]):  # noqa: C419 (each form is checked)
            added, there = accept(
                plan, assessment, [(form.draft.standard, form.item_values()) for form in chosen]
            )
            report(request, plan, added, there)
            url = reverse("minimum_standards_plans_assessment_drafts", args=[assessment.pk])
            return redirect(f"{url}?plan={plan.pk}")
        else:
            problem = _("Some drafts could not be added: see below.")
    by_standard = {form.draft.standard.pk: form for form in forms_}
    context = {
        "title": _("Draft plan items from “%(assessment)s”") % {"assessment": assessment},
        "assessment": assessment,
        "plans": plans,
        "plan": plan,
        "drafts": [(draft, by_standard.get(draft.standard.pk)) for draft in found],
        "to_add": len(forms_),
        "problem": problem,
        "errors": [form for form in chosen if form.errors],
        "ticked": TICKED,
    }
    return TemplateResponse(request, "minimum_standards_plans/admin/drafts.html", context)


def report(request, plan, added, there) -> None:
    if added:
        messages.success(
            request,
            ngettext(
                "Added %(count)s item to “%(plan)s”: %(codes)s.",
                "Added %(count)s items to “%(plan)s”: %(codes)s.",
                len(added),
            )
            % {
                "count": len(added),
                "plan": plan,
                "codes": ", ".join(s.code for item in added for s in item.standards.all()),
            },
        )
    for standard, item in there:
        messages.warning(
            request,
            _("%(code)s not added: “%(plan)s” already has item %(position)s for it.")
            % {"code": standard.code, "plan": plan, "position": item.position},
        )

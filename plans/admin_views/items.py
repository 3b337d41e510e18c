"""Editing a plan item (optimistic locking), adding progress, the item's history, downloads."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail_modeladmin.views import CreateView, EditView

from wagtail_minimum_standards.compliance.admin_views.history import entries, history_page
from wagtail_minimum_standards.compliance.admin_views.responses import xlsx_response
from wagtail_minimum_standards.compliance.concurrency import (
    DrawnVersionsMixin,
    OptimisticLockFormMixin,
    StaleEdit,
    locked,
)
from wagtail_minimum_standards.compliance.people import name_people

from ..models import (
    DeliveryPlan,
    PlanAction,
    PlanColumn,
    PlanItem,
    PlanOutcome,
    PlanStatus,
    ProgressUpdate,
)
from ..spreadsheets import export_plan
from ..timescales import impossible_date, not_a_date
from .access import can_read, can_run, requires
from .text_columns import text_columns_field

ITEM_FIELDS = [
    "area_of_work",
    "standards_text",
    "objective",
    "owners",
    "timescale",
    "due_date",
    "progress",
    "completion_notes",
    "status",
]


def status_choices(plan: DeliveryPlan | None, blank: str):
    """The plan's status words (every plan's, before one is chosen) after `blank`."""
    statuses = PlanStatus.objects.filter(plan=plan) if plan else PlanStatus.objects.all()
    words = dict.fromkeys(statuses.order_by("plan", "position").values_list("label", flat=True))
    return [("", blank), *((word, word) for word in words)]


class PlanItemForm(OptimisticLockFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner_users" in self.fields:
            name_people(self, "owner_users")  # people by name, not username
        if "extra" in self.fields:
            self.fields["extra"] = text_columns_field(self.instance, self.fields["extra"].label)
        if "status" in self.fields:
            plan = self.instance.plan if self.instance.plan_id else None
            self.fields["status"] = forms.ChoiceField(
                label=self.fields["status"].label,
                choices=status_choices(plan, _("No status")),
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        plan = cleaned.get("plan") or (self.instance.plan if self.instance.plan_id else None)
        status = cleaned.get("status")
        if plan and status and status not in plan.status_meanings:
            self.add_error(
                "status",
                _("“%(status)s” is not one of this plan's status words.") % {"status": status},
            )
        return cleaned

    def clean_timescale(self):
        timescale = self.cleaned_data["timescale"]
        wrong = impossible_date(timescale)
        if wrong:
            raise forms.ValidationError(not_a_date(wrong))
        return timescale


def _plan_url(item):
    return reverse("minimum_standards_plans_plan_view", args=[item.plan_id]) + f"#item-{item.pk}"


class PlanCreateView(CreateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        self.instance.add_defaults()  # Appendix 4's columns and the 2018 words, unless given
        return response


class PlanEditView(EditView):
    def form_valid(self, form):
        before = dict(self.instance.statuses.values_list("pk", "label"))
        with transaction.atomic():
            response = super().form_valid(form)
            after = dict(self.instance.statuses.values_list("pk", "label"))
            renamed = {
                before[pk]: word for pk, word in after.items() if before.get(pk, word) != word
            }
            self.instance.apply_status_words(renamed)
        return response


class PlanItemCreateView(CreateView):
    def get_instance(self):
        instance = super().get_instance()
        plan = self.request.GET.get("plan", "")
        if plan.isdigit() and not instance.plan_id:
            instance.plan = DeliveryPlan.objects.filter(pk=plan).first()
        return instance

    def get_success_url(self):
        return _plan_url(self.instance)


class PlanItemEditView(EditView):
    def get_success_url(self):
        return _plan_url(self.instance)

    def form_valid(self, form):
        try:
            self.instance = form.save()
        except StaleEdit as stale:
            form.add_error(None, str(stale))
            return self.form_invalid(form)
        messages.success(self.request, _("Saved the plan item."))
        return redirect(self.get_success_url())


class ProgressUpdateForm(DrawnVersionsMixin, forms.ModelForm):
    """Carries the item's version as drawn: an update that moves the item to a new status is
    refused if the item changed since (a note alone writes nothing of the item)."""

    class Meta:
        model = ProgressUpdate
        fields = ["date", "text", "new_status"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"] = forms.ChoiceField(
            label=self.fields["new_status"].label,
            choices=status_choices(self.record and self.record.plan, _("As it is")),
            required=False,
        )

    def record_decided(self):
        return self.record if self.cleaned_data.get("new_status") else None


@requires(can_run)
def add_update(request, pk):
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    form = ProgressUpdateForm(request.POST or None, record=item)
    if request.method == "POST" and form.is_valid():
        update = form.save(commit=False)
        update.item, update.by = item, request.user
        drawn = form.drawn_version(item) if form.record_decided() else None
        try:
            with transaction.atomic():
                locked(item, drawn)  # the item's status is written with the update
                update.save()
        except StaleEdit as stale:  # changed after the form was drawn: nothing was recorded
            form.add_error(None, str(stale))
        else:
            messages.success(request, _("Progress recorded."))
            return redirect(_plan_url(item))
    return TemplateResponse(
        request,
        "minimum_standards/admin/form_page.html",
        {"title": _("Record progress"), "form": form, "intro": item.objective},
    )


@requires(can_read)
@require_safe
def item_history(request, pk):
    item = get_object_or_404(PlanItem, pk=pk)

    all_entries = [
        *entries(
            PlanItem.history.filter(id=pk).select_related("history_user"),
            ITEM_FIELDS,
            lambda r: _("Item"),
        ),
        *entries(
            PlanAction.history.filter(item_id=pk).select_related("history_user"),
            ["text", "done_on"],
            lambda r: _("Action %(number)s") % {"number": r.number},
        ),
        *entries(
            PlanOutcome.history.filter(item_id=pk).select_related("history_user"),
            ["text"],
            lambda r: _("Outcome %(number)s") % {"number": r.number},
        ),
        *entries(
            ProgressUpdate.history.filter(item_id=pk).select_related("history_user"),
            ["text", "new_status"],
            lambda r: _("Progress on %(date)s") % {"date": r.date},
        ),
    ]
    title = _("History of “%(item)s”") % {"item": item}
    return history_page(request, title, _plan_url(item), all_entries)


@requires(can_read)
@require_safe
def plan_export(request, pk):
    """The plan in its own shape; ?full=1 a full copy (progress updates, actions done, due
    dates and owners), which imports back to an identical plan."""
    plan = get_object_or_404(DeliveryPlan, pk=pk)
    full = request.GET.get("full") == "1"
    name = _("%(plan)s (full copy)") % {"plan": plan.title} if full else plan.title
    return xlsx_response(export_plan(plan, full=full), name)


PLAN_FIELDS = ["title", "period_start", "period_end", "status", "framework_id"]


@requires(can_read)
@require_safe
def plan_history(request, pk):
    """The plan's own changes, and items added to or removed from it."""
    plan = get_object_or_404(DeliveryPlan, pk=pk)

    added_or_removed = PlanItem.history.filter(plan_id=pk).exclude(history_type="~")
    all_entries = [
        *entries(
            DeliveryPlan.history.filter(id=pk).select_related("history_user"),
            PLAN_FIELDS,
            lambda r: _("Plan"),
        ),
        *entries(
            PlanColumn.history.filter(plan_id=pk).select_related("history_user"),
            ["position", "heading", "meaning"],
            lambda r: _("Column “%(heading)s”") % {"heading": r.heading},
        ),
        *entries(
            PlanStatus.history.filter(plan_id=pk).select_related("history_user"),
            ["position", "label", "meaning"],
            lambda r: _("Status word “%(word)s”") % {"word": r.label},
        ),
        *entries(
            added_or_removed.select_related("history_user"),
            [],
            lambda r: _("Item “%(objective)s”") % {"objective": r.objective},
        ),
    ]
    return history_page(
        request,
        _("History of “%(plan)s”") % {"plan": plan},
        reverse("minimum_standards_plans_plan_view", args=[pk]),
        all_entries,
    )

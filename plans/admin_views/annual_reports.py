"""The annual reports: a screen per reporting year (its narrative, appendices and status), the
Word document in one click, and its approval at an Advisory Group meeting, which locks the
year's figures and narrative. The Service manager writes and approves; the Advisory Group reads
and downloads."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import EditView

from wagtail_minimum_standards.compliance.concurrency import (
    DrawnVersionsMixin,
    OptimisticLockFormMixin,
    StaleEdit,
)
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.figures.models import ReportingYear

from ..annual_report import annual_report_docx
from ..models import AnnualReport
from .access import can_read, can_run, requires

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(pk) -> ReportingYear:
    return get_object_or_404(ReportingYear.objects.select_related("approved_at"), pk=pk)


def locked_message(year) -> str:
    return _(
        "The annual report for %(year)s was approved: its narrative and figures are locked. "
        "Unlock the year (the unlock is recorded) before changing them."
    ) % {"year": year}


@requires(can_read)
@require_safe
def report_list(request):
    years = ReportingYear.objects.select_related("annual_report", "approved_at")
    context = {"years": years, "can_run": can_run(request.user)}
    return TemplateResponse(request, "minimum_standards_plans/admin/annual_reports.html", context)


@requires(can_read)
@require_safe
def report_view(request, pk):
    year = _year(pk)
    report = AnnualReport.of_year(year)
    context = {
        "year": year,
        "report": report,
        "sections": report.sections_in_order(),
        "written": report.pk is not None,
        "can_run": can_run(request.user),
    }
    return TemplateResponse(request, "minimum_standards_plans/admin/annual_report.html", context)


@requires(can_run)
@require_POST
def report_write(request, pk):
    """The year's report made (with the default title and headings) if need be, then edited."""
    year = _year(pk)
    if year.is_locked:
        messages.error(request, locked_message(year))
        return redirect("minimum_standards_plans_annual_report", year.pk)
    report = AnnualReport.start(year)
    return redirect("minimum_standards_plans_annualreport_modeladmin_edit", report.pk)


@requires(can_read)
@require_safe
def report_word(request, pk):
    year = _year(pk)
    report = AnnualReport.of_year(year)
    if report.pk:
        report = (
            AnnualReport.objects.select_related(
                "year__approved_at", "assessment__framework", "assessment__ratified_at", "plan"
            )
            .prefetch_related("sections", "charts")
            .get(pk=report.pk)
        )
    response = HttpResponse(annual_report_docx(report), content_type=DOCX)
    name = slugify(report.title) or slugify(_("annual report %(year)s") % {"year": year})
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


class ApproveForm(DrawnVersionsMixin, forms.Form):
    """Carries the year's version as drawn: refused if it changed (approved, unlocked) since."""

    meeting = forms.ModelChoiceField(
        AdvisoryGroupMeeting.objects.order_by("-date"),
        label=gettext_lazy("The Advisory Group meeting that approved it"),
        help_text=gettext_lazy("The report is approved on the meeting's date."),
    )


@requires(can_run)
def report_approve(request, pk):
    year = _year(pk)
    if year.is_locked:
        messages.error(request, locked_message(year))
        return redirect("minimum_standards_plans_annual_report", year.pk)
    form = ApproveForm(request.POST or None, record=year)
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        try:
            year.approve(meeting.date, meeting, drawn_version=form.drawn_version(year))
        except (ValidationError, StaleEdit) as refused:
            form.add_error(None, getattr(refused, "messages", [str(refused)])[0])
        else:
            messages.success(
                request,
                _(
                    "The annual report for %(year)s is approved at %(meeting)s: its narrative "
                    "and figures are locked."
                )
                % {"year": year, "meeting": meeting},
            )
            return redirect("minimum_standards_plans_annual_report", year.pk)
    context = {
        "title": _("Approve the annual report for %(year)s") % {"year": year},
        "form": form,
        "intro": _(
            "Approving the report is a decision of an Advisory Group meeting: choose the "
            "meeting. The year's figures and the report's narrative are then locked."
        ),
    }
    return TemplateResponse(request, "minimum_standards/admin/form_page.html", context)


class AnnualReportPermissionHelper(PermissionHelper):
    """Made from the year's screen (one a year) and never deleted: its history is the year's."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class AnnualReportForm(OptimisticLockFormMixin, WagtailAdminModelForm):
    """Refused if the report changed since the form was opened; saving bumps its version."""

    version_required = False  # sent without it (by a script): as it was when the request came


class AnnualReportEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            raise PermissionDenied
        year = self.instance.year
        if year.is_locked:
            messages.error(request, locked_message(year))
            return redirect("minimum_standards_plans_annual_report", year.pk)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (StaleEdit, ValidationError) as refused:  # nothing was saved
            form.add_error(None, getattr(refused, "messages", [str(refused)])[0])
            return self.form_invalid(form)

    def get_success_url(self):
        return reverse("minimum_standards_plans_annual_report", args=[self.instance.year_id])

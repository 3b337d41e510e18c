"""Unlock, start the next self-assessment, download and upload spreadsheets. (Ratifying is a
decision of an Advisory Group meeting: plans records it.)"""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from .. import dates
from ..carry_across import frameworks_mapped_from, start_across
from ..concurrency import DrawnVersionsMixin, StaleEdit
from ..models import Framework, SelfAssessment
from ..spreadsheets.assessments import export_assessment, import_assessment
from ..spreadsheets.errors import SheetErrors
from ..spreadsheets.framework_export import export_framework
from ..spreadsheets.frameworks import import_framework
from ..spreadsheets.workbooks import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS
from .access import can_import_framework, can_read, can_run, requires
from .responses import xlsx_response


def _report(assessment):
    return redirect("minimum_standards_assessment_report", assessment.pk)


def _form_page(request, title, form, assessment=None, intro=""):
    context = {"title": title, "form": form, "assessment": assessment, "intro": intro}
    return TemplateResponse(request, "minimum_standards/admin/form_page.html", context)


class UnlockForm(DrawnVersionsMixin, forms.Form):
    """Carries the self-assessment's version as drawn: the unlock is refused if it changed."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=gettext_lazy("Recorded in the change history."),
    )


@requires(can_run)
def unlock(request, pk):
    assessment = get_object_or_404(SelfAssessment, pk=pk)
    form = UnlockForm(request.POST or None, record=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            assessment.unlock(
                form.cleaned_data["reason"],
                request.user,
                drawn_version=form.drawn_version(assessment),
            )
        except ValidationError as refused:
            form.add_error(None, refused.messages[0])
        except StaleEdit as stale:  # changed after the form was drawn: not unlocked
            form.add_error(None, str(stale))
        else:
            messages.warning(
                request,
                _("“%(assessment)s” is unlocked and back in review.") % {"assessment": assessment},
            )
            return _report(assessment)
    return _form_page(
        request,
        _("Unlock “%(assessment)s”") % {"assessment": assessment},
        form,
        assessment,
        _("Say why it must change after ratification."),
    )


class StartNextForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    assessed_on = dates.DateField(label=gettext_lazy("Date"), initial=datetime.date.today)
    framework = forms.ModelChoiceField(
        Framework.objects.none(),
        label=gettext_lazy("Framework"),
        required=False,
        help_text=gettext_lazy(
            "Leave it as it is to stay on the same framework, or start on one this framework has "
            "a complete mapping to (“same” standards carry over; split and merged ones copy "
            "their evidence and start unrated; new ones start unrated)."
        ),
    )

    def __init__(self, *args, previous=None, **kwargs):
        """The framework is offered only for a `previous` self-assessment whose framework has
        a complete mapping to another."""
        super().__init__(*args, **kwargs)
        mapped = frameworks_mapped_from(previous.framework) if previous else None
        if mapped is not None and mapped.exists():
            self.fields["framework"].queryset = mapped
            self.fields["framework"].empty_label = _("%(framework)s (the same)") % {
                "framework": previous.framework
            }
        else:
            del self.fields["framework"]


@requires(can_run)
def start_next(request, pk):
    previous = get_object_or_404(SelfAssessment, pk=pk)
    form = StartNextForm(request.POST or None, previous=previous)
    if request.method == "POST" and form.is_valid():
        framework = form.cleaned_data.get("framework")
        try:
            title, assessed_on = form.cleaned_data["title"], form.cleaned_data["assessed_on"]
            if framework is None or framework == previous.framework:
                draft = previous.start_next(title, assessed_on)
            else:
                draft = start_across(previous, title, assessed_on, framework)
        except ValidationError as refused:
            form.add_error("framework", refused.messages[0])
        else:
            if framework is not None:
                messages.success(
                    request,
                    _(
                        "Started on %(framework)s: each rating says where it came from and "
                        "what to re-check."
                    )
                    % {"framework": framework},
                )
            else:
                messages.success(
                    request,
                    _("Started: every rating and note is carried over until someone re-checks it."),
                )
            return _report(draft)
    intro = _(
        "The new draft starts with the ratings, notes and evidence of “%(assessment)s”, "
        "each marked as carried over."
    ) % {"assessment": previous}
    return _form_page(request, _("Start the next self-assessment"), form, previous, intro)


@requires(can_read)
@require_safe
def export(request, pk):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("framework"), pk=pk)
    return xlsx_response(export_assessment(assessment), assessment.title)


@requires(can_read)
@require_safe
def framework_export(request, pk):
    """The framework in its import template: import it elsewhere, or here under a new code."""
    framework = get_object_or_404(Framework, pk=pk)
    return xlsx_response(export_framework(framework), framework.code)


def _validated_upload(form):
    upload = form.cleaned_data["file"]
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError(_("Upload an Excel workbook (.xlsx)."))
    return upload


class AssessmentUploadForm(forms.Form):
    framework = forms.ModelChoiceField(Framework.objects.all(), label=gettext_lazy("Framework"))
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Defaults to the sheet's title row."),
    )
    assessed_on = dates.DateField(label=gettext_lazy("Date"), initial=datetime.date.today)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("The annual report's layout: Standard | rating | Notes."),
    )


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"), help_text=gettext_lazy("The template in docs/spreadsheets.md.")
    )


def _upload(request, form_class, title, importer, described):
    """The upload form; on success, a message (described(created)) and the created object."""
    form = form_class(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        try:
            created = importer(_validated_upload(form), form.cleaned_data)
        except ValidationError as error:
            form.add_error("file", error)
        except SheetErrors as errors:
            problems = errors
            form.add_error("file", _("Nothing was imported: see the problems listed above."))
        else:
            messages.success(request, described(created))
            for notice in getattr(created, "import_notices", []):
                messages.warning(request, notice)
            return created
    return TemplateResponse(
        request,
        "minimum_standards/admin/upload.html",
        {"title": title, "form": form, "problems": problems, "intro": upload_limits()},
    )


def upload_limits() -> str:
    return _(
        "An .xlsx file of up to %(megabytes)s MB, with at most %(rows)s rows and %(columns)s "
        "columns in a sheet. All or nothing: if any row is wrong, nothing is saved."
    ) % {
        "megabytes": MAX_FILE_BYTES // (1024 * 1024),
        "rows": f"{MAX_ROWS:,}",
        "columns": MAX_COLUMNS,
    }


@requires(can_run)
def upload_assessment(request):
    result = _upload(
        request,
        AssessmentUploadForm,
        _("Import a self-assessment"),
        lambda file, data: import_assessment(
            file, data["framework"], data["title"], data["assessed_on"]
        ),
        lambda assessment: (
            _("Imported “%(assessment)s” as a draft: %(summary)s.")
            % {"assessment": assessment, "summary": assessment.rated_summary()}
        ),
    )
    return _report(result) if isinstance(result, SelfAssessment) else result


@requires(can_import_framework)
def upload_framework(request):
    result = _upload(
        request,
        FrameworkUploadForm,
        _("Import a framework"),
        lambda file, data: import_framework(file),
        lambda framework: (
            _("Imported %(framework)s as “%(code)s”.")
            % {"framework": framework, "code": framework.code}
        ),
    )
    if isinstance(result, Framework):
        return redirect(reverse("minimum_standards_framework_modeladmin_index"))
    return result

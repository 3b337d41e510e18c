"""Ratifying a self-assessment is one of a meeting's decisions: choose the meeting, then record
the decision in its record (meeting_record.decision). Both pages show the self-assessment's
quality checks: what blocks ratifying it, and the warnings the meeting must give a reason to
ratify past."""

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, SelfAssessment
from wagtail_minimum_standards.compliance.quality_checks import findings_for

from ..models import Decision
from .access import can_run, requires


class MeetingForm(forms.Form):
    meeting = forms.ModelChoiceField(
        AdvisoryGroupMeeting.objects.filter(minutes_approved_at__isnull=True),
        label=gettext_lazy("The Advisory Group meeting that ratified it"),
    )


@requires(can_run)
def ratify(request, pk):
    assessment = get_object_or_404(SelfAssessment, pk=pk)
    form = MeetingForm(request.GET if "meeting" in request.GET else None)
    if form.is_bound and form.is_valid():
        url = reverse(
            "minimum_standards_plans_meeting_decision",
            args=[form.cleaned_data["meeting"].pk, Decision.Kind.RATIFY],
        )
        return redirect(f"{url}?assessment={assessment.pk}")
    context = {
        "title": _("Ratify “%(assessment)s”") % {"assessment": assessment},
        "form": form,
        "assessment": assessment,
        "intro": _(
            "Ratifying is a decision of an Advisory Group meeting, recorded with it: "
            "choose the meeting. The self-assessment is then locked."
        ),
        "method": "get",
        "findings": None if assessment.is_locked else findings_for(assessment, user=request.user),
    }
    return TemplateResponse(request, "minimum_standards_plans/admin/ratify_start.html", context)

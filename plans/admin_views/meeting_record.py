"""A meeting's record in the admin: who came, apologies, notes (edited by the Service manager,
stale edits refused), its decisions (each recorded in one step), and its minutes, printable and
as a Word document. The Advisory Group reads it all."""

import re

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.admin.forms import WagtailAdminModelForm

from wagtail_minimum_standards.compliance.admin_views.history import entries, history_page
from wagtail_minimum_standards.compliance.concurrency import (
    OptimisticLockFormMixin,
    StaleEdit,
)
from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
)
from wagtail_minimum_standards.compliance.people import name_of, name_people

from ..meeting_record import decide, previous_meeting
from ..minutes import minutes_docx, minutes_for
from ..models import Decision
from ..ratify_checks import ACKNOWLEDGEMENT
from .access import can_read, can_run, requires
from .decision_forms import FORMS, carried_over_codes, checks_before_ratifying, tracker_people
from .upload_forms import DescribedFieldsMixin

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class AttendanceForm(OptimisticLockFormMixin, WagtailAdminModelForm):
    class Meta:
        model = AdvisoryGroupMeeting
        fields = ["attendees", "guests", "apologies", "notes"]
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Those who may come now, and whoever the record already says came (someone who has
        # since left keeps their place in it).
        people = Q(pk__in=tracker_people().values("pk"))
        if self.instance.pk:
            people |= Q(pk__in=self.instance.attendees.values("pk"))
        self.fields["attendees"].queryset = (
            get_user_model().objects.filter(people).order_by("first_name", "last_name", "username")
        )
        name_people(self, "attendees")


@requires(can_read)
def record(request, pk):
    meeting = get_object_or_404(AdvisoryGroupMeeting, pk=pk)
    if request.method == "POST":
        if not can_run(request.user):
            raise PermissionDenied  # the Advisory Group reads the record; it does not keep it
        if meeting.is_locked:
            messages.error(request, _("This meeting's minutes are approved: its record is locked."))
            return redirect("minimum_standards_plans_meeting_record", meeting.pk)
    form = None
    if can_run(request.user) and not meeting.is_locked:
        form = AttendanceForm(request.POST or None, instance=meeting)
        if request.method == "POST" and form.is_valid():
            try:
                form.save()
            except StaleEdit as stale:
                form.add_error(None, str(stale))
            else:
                messages.success(request, _("Saved the meeting's record."))
                return redirect("minimum_standards_plans_meeting_record", meeting.pk)
    decisions = meeting.decisions.select_related("assessment", "plan_item__plan", "minutes_of")
    context = {
        "meeting": meeting,
        "form": form,
        "decisions": decisions,
        "kinds": Decision.Kind.choices,
        "can_run": can_run(request.user),
        "previous": previous_meeting(meeting),
    }
    return TemplateResponse(request, "minimum_standards_plans/admin/meeting_record.html", context)


@requires(can_run)
def decision(request, pk, kind):
    meeting = get_object_or_404(AdvisoryGroupMeeting, pk=pk)
    if kind not in FORMS:
        raise Http404(_("There is no such kind of decision."))
    if meeting.is_locked:
        messages.error(request, _("This meeting's minutes are approved: its record is locked."))
        return redirect("minimum_standards_plans_meeting_record", meeting.pk)
    form_class, carried, findings = FORMS[kind], [], None
    extra = {}
    initial = {}
    if kind == Decision.Kind.RATIFY:
        wanted = request.POST.get("assessment") or request.GET.get("assessment", "")
        if re.fullmatch("[0-9]{1,18}", wanted):  # as the report links it; the form validates
            initial["assessment"] = int(wanted)
            carried = carried_over_codes(int(wanted))
            extra["carried_over"] = len(carried)
            findings = checks_before_ratifying(int(wanted), request.user)
        extra["findings"] = findings
    form = form_class(request.POST or None, meeting=meeting, initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            decide(meeting, kind, form.cleaned_data["text"], request.user, **form.targets())
        except ValidationError as refused:
            for error in refused.error_list:
                on_field = error.code == ACKNOWLEDGEMENT and ACKNOWLEDGEMENT in form.fields
                form.add_error(ACKNOWLEDGEMENT if on_field else None, error.messages[0])
            if isinstance(form, DescribedFieldsMixin):
                form.describe()
        except StaleEdit as stale:  # changed after the form was drawn: nothing was decided
            form.add_error(None, str(stale))
        else:
            messages.success(request, _("The decision is in the meeting's record."))
            return redirect("minimum_standards_plans_meeting_record", meeting.pk)
    context = {
        "title": f"{dict(Decision.Kind.choices)[kind]}: {meeting}",
        "form": form,
        "meeting": meeting,
        "carried_over": carried,
        "findings": findings,
        "is_ratify": kind == Decision.Kind.RATIFY,
    }
    return TemplateResponse(request, "minimum_standards_plans/admin/decision_form.html", context)


@requires(can_read)
@require_safe
def minutes(request, pk):
    meeting = get_object_or_404(AdvisoryGroupMeeting, pk=pk)
    return TemplateResponse(
        request, "minimum_standards_plans/admin/minutes.html", {"minutes": minutes_for(meeting)}
    )


@requires(can_read)
@require_safe
def minutes_word(request, pk):
    meeting = get_object_or_404(AdvisoryGroupMeeting, pk=pk)
    response = HttpResponse(minutes_docx(minutes_for(meeting)), content_type=DOCX)
    name = slugify(_("minutes %(title)s %(date)s") % {"title": meeting.title, "date": meeting.date})
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


MEETING_FIELDS = [
    "date",
    "title",
    "attended",
    "guests",
    "apologies",
    "notes",
    "minutes_approved_at_id",
]
DECISION_FIELDS = [
    "kind",
    "text",
    "assessment_id",
    "plan_item_id",
    "minutes_of_id",
    "acknowledged_checks",
    "acknowledgement",
]


def _with_attendance(rows):
    """Each history row of a meeting with `attended`: who attended as that row recorded it
    (simple-history's many-to-many history), in one query for all the rows."""
    rows = list(rows)
    attendance = apps.get_model("minimum_standards", "HistoricalAdvisoryGroupMeeting_attendees")
    names = {}
    found = attendance.objects.filter(history_id__in=[row.history_id for row in rows])
    for entry in found.select_related("user").order_by("user__first_name", "user__username"):
        if entry.user is not None:
            names.setdefault(entry.history_id, []).append(name_of(entry.user))
    for row in rows:
        row.attended = "; ".join(names.get(row.history_id, []))
    return rows


@requires(can_read)
@require_safe
def meeting_history(request, pk):
    """The record's changes (who attended, apologies, notes, when its minutes were approved)
    and its decisions, each with who recorded it and when."""
    meeting = get_object_or_404(AdvisoryGroupMeeting, pk=pk)
    own = AdvisoryGroupMeeting.history.filter(id=pk).select_related("history_user")
    all_entries = [
        *entries(_with_attendance(own), MEETING_FIELDS, lambda r: _("Record")),
        *entries(
            Decision.history.filter(meeting_id=pk).select_related("history_user"),
            DECISION_FIELDS,
            lambda r: _("Decision: %(kind)s") % {"kind": r.get_kind_display()},
        ),
    ]
    return history_page(
        request,
        _("History of the record of “%(meeting)s”") % {"meeting": meeting},
        reverse("minimum_standards_plans_meeting_record", args=[pk]),
        all_entries,
    )

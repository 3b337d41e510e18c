"""The list of the Advisory Group's questions in the tracker's admin, filtered by status,
meeting and standard; each links to its thread."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_safe

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, Standard

from ..question_list import ANSWERED, OPEN, question_list
from .access import can_read, requires


class Filters(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Open and answered")),
            (OPEN, pgettext_lazy("a question's state", "Open")),
            (ANSWERED, gettext_lazy("Answered")),
        ],
    )
    meeting = forms.ModelChoiceField(
        AdvisoryGroupMeeting.objects.order_by("-date"),
        label=gettext_lazy("Raised for the meeting"),
        required=False,
        empty_label=gettext_lazy("Any meeting"),
    )
    standard = forms.ModelChoiceField(
        Standard.objects.select_related("section__framework").order_by(
            "section__framework__name", "section__position", "position"
        ),
        label=gettext_lazy("About the standard"),
        required=False,
        empty_label=gettext_lazy("Any standard"),
    )


@requires(can_read)
@require_safe
def question_list_view(request):
    filters = Filters(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    standard = chosen.get("standard")
    listed = question_list(
        chosen.get("status", ""), chosen.get("meeting"), standard.pk if standard else None
    )
    context = {
        "title": _("Advisory Group questions"),
        "filters": filters,
        "questions": listed,
        "open_count": sum(1 for q in listed if q.is_open),
    }
    return TemplateResponse(request, "minimum_standards_plans/admin/question_list.html", context)

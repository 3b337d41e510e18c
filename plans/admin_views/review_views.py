"""The Advisory Group review for a meeting, printable, and its Excel meeting pack."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wagtail_minimum_standards.compliance import questions
from wagtail_minimum_standards.compliance.admin_views.responses import xlsx_response
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.figures.admin_views.screen import can_read as can_read_figures

from ..pack import meeting_pack
from ..question_list import open_questions
from ..review import review_for
from .access import can_read, can_run, requires


@requires(can_read)
@require_safe
def review(request, pk):
    meeting = get_object_or_404(AdvisoryGroupMeeting, pk=pk)
    context = {
        "review": review_for(meeting, request.user),
        "may_ask": questions.may_ask(request.user),
        "may_record": can_run(request.user),
        "open_questions": open_questions(),
        "may_read_figures": can_read_figures(request.user),
    }
    return TemplateResponse(request, "minimum_standards_plans/admin/review.html", context)


@requires(can_read)
@require_safe
def pack(request, pk):
    meeting = get_object_or_404(AdvisoryGroupMeeting, pk=pk)
    name = _("meeting pack %(date)s") % {"date": meeting.date}  # a file name: slugified
    return xlsx_response(meeting_pack(review_for(meeting, request.user)), name)

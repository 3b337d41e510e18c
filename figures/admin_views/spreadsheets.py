"""The figures' spreadsheets in the admin: the measures template and a year's figures (or
every year's) to download, for the Advisory Group as for the Service manager; and, for the
manager, the upload of figures (upload.py)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from wagtail_minimum_standards.compliance.admin_views.responses import xlsx_response

from ..builtin_measures import load_builtin
from ..models import Measure, ReportingYear
from ..spreadsheets.figures_export import export_figures
from ..spreadsheets.measures_export import export_measures
from .access import can_read, can_run, requires


@requires(can_read)
@require_safe
def spreadsheets(request):
    context = {
        "title": _("Figures spreadsheets"),
        "years": ReportingYear.objects.order_by("-starts_on"),
        "can_upload": can_run(request.user),
        "no_measures": not Measure.objects.exists(),
    }
    return TemplateResponse(request, "minimum_standards_figures/admin/spreadsheets.html", context)


@requires(can_read)
@require_safe
def measures_export(request):
    """The service's measures and breakdown lists, in the template they import from."""
    return xlsx_response(export_measures(), "measures")


@requires(can_read)
@require_safe
def figures_export(request, year=None):
    """A year's figures, a row each, blank where there is none yet; or every year's."""
    if year is None:
        return xlsx_response(export_figures(), _("figures"))
    found = ReportingYear.objects.filter(pk=year).first()
    if found is None:
        raise Http404
    return xlsx_response(export_figures(found), _("figures %(year)s") % {"year": found.label})


BUILTIN = "sendiass-2021-22"


@requires(can_run)
@require_POST
def load_builtin_measures(request):
    """The built-in measures in one click, while the service has none (loading them again
    would bring any it changed back to their shipped wording: that is the command's, said)."""
    if Measure.objects.exists():
        messages.error(request, _("The service has measures already: nothing was loaded."))
    else:
        load_builtin(BUILTIN, user=request.user)
        count = Measure.objects.count()
        messages.success(
            request,
            ngettext(
                "Loaded %(count)d measure, the 2021-22 annual report’s, with its lists.",
                "Loaded %(count)d measures, the 2021-22 annual report’s, with their lists.",
                count,
            )
            % {"count": count},
        )
    return redirect("minimum_standards_figures_spreadsheets")

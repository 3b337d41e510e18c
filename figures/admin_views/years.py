"""Unlocking a reporting year whose annual report was approved: the manager says why, and
the unlock and its reason go into the year's history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance import dates
from wagtail_minimum_standards.compliance.admin_views.actions import UnlockForm
from wagtail_minimum_standards.compliance.concurrency import StaleEdit

from ..models import ReportingYear
from .access import can_run, requires

YEARS = "minimum_standards_figures_reportingyear_modeladmin_index"


@requires(can_run)
def unlock(request, pk):
    year = get_object_or_404(ReportingYear, pk=pk)
    if not year.is_locked and request.method != "POST":
        messages.error(
            request,
            _("The figures for %(year)s are not locked: there is nothing to unlock.")
            % {"year": year},
        )
        return redirect(YEARS)
    form = UnlockForm(request.POST or None, record=year)
    if request.method == "POST" and form.is_valid():
        try:
            year.unlock(form.cleaned_data["reason"], drawn_version=form.drawn_version(year))
        except ValidationError as refused:  # not locked (any more): nothing to unlock
            form.add_error(None, refused.messages[0])
        except StaleEdit as stale:  # changed after the form was drawn: not unlocked
            form.add_error(None, str(stale))
        else:
            messages.warning(
                request,
                _("The figures for %(year)s are unlocked: they may be changed again.")
                % {"year": year},
            )
            return redirect(YEARS)
    if year.approved_on:
        intro = _(
            "Its annual report was approved on %(day)s. Say why its figures must change: the "
            "reason is kept in the year's history."
        ) % {"day": dates.in_words(year.approved_on)}
    else:
        intro = _(
            "Its annual report was approved. Say why its figures must change: the reason is "
            "kept in the year's history."
        )
    context = {
        "title": _("Unlock the figures for %(year)s") % {"year": year},
        "form": form,
        "intro": intro,
    }
    return TemplateResponse(request, "minimum_standards/admin/form_page.html", context)

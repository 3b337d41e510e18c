"""Who changed what, when: a measure (and every figure of it), a breakdown list and its
values, a reporting year (approved, unlocked and why)."""

from django.apps import apps
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wagtail_minimum_standards.compliance.admin_views.history import entries, history_page
from wagtail_minimum_standards.compliance.lookups import by_pk

from .. import periods
from ..models import BreakdownList, BreakdownValue, Figure, Measure, ReportingYear
from .access import can_read, requires

MEASURE_FIELDS = [
    "key",
    "name",
    "definition",
    "unit",
    "period",
    "yearly",
    "breakdown_id",
    "target",
    "decimal_places",
    "group",
    "public",
    "counted_from_enquiries",
    "counted_from_feedback",
    "position",
    "standards_codes",
]
FIGURE_FIELDS = ["value"]
LIST_FIELDS = ["key", "name"]
VALUE_FIELDS = ["label", "sort_order"]
YEAR_FIELDS = ["starts_on", "status", "approved_on", "approved_at_id"]


def _with_standards(rows):
    """Each history row of a measure with `standards_codes`: the standards it evidenced as
    that row recorded them (simple-history's many-to-many history), in one query."""
    rows = list(rows)
    through = apps.get_model("minimum_standards_figures", "HistoricalMeasure_standards")
    codes = {}
    found = through.objects.filter(history_id__in=[row.history_id for row in rows])
    for link in found.select_related("standard").order_by("standard__code"):
        if link.standard is not None:
            codes.setdefault(link.history_id, []).append(link.standard.code)
    for row in rows:
        row.standards_codes = ", ".join(codes.get(row.history_id, []))
    return rows


def _figure_entries(rows, measure_names=None):
    """A figure's changes, each named by its measure (if several), period and breakdown value."""
    rows = list(rows.select_related("history_user"))
    years = by_pk(ReportingYear.objects, {r.year_id for r in rows})
    values = by_pk(BreakdownValue.objects, {r.breakdown_value_id for r in rows} - {None})
    kinds = dict(Measure.objects.filter(pk__in={r.measure_id for r in rows}).values_list(
        "pk", "period"))  # fmt: skip

    def subject(row):
        year = years.get(row.year_id)
        where = periods.label(kinds.get(row.measure_id, periods.YEAR), year.starts_on, row.period)
        if row.period != periods.WHOLE_YEAR:
            where = f"{year.label}, {where}"
        name = _("Figure for %(period)s") % {"period": where}
        if measure_names:
            name = f"{measure_names.get(row.measure_id, '?')}: {name}"
        if row.breakdown_value_id:
            name = f"{name} ({values.get(row.breakdown_value_id, '?')})"
        return name

    return entries(rows, FIGURE_FIELDS, subject)


@requires(can_read)
@require_safe
def measure_history(request, pk):
    measure = get_object_or_404(Measure, pk=pk)
    own = Measure.history.filter(id=pk).select_related("history_user")
    all_entries = [
        *entries(
            _with_standards(own),
            MEASURE_FIELDS,
            lambda r: _("Measure"),
            labels={"standards_codes": _("standards it evidences")},
        ),
        *_figure_entries(Figure.history.filter(measure_id=pk)),
    ]
    return history_page(
        request,
        _("History of “%(measure)s” and its figures") % {"measure": measure},
        reverse("minimum_standards_figures_measure_modeladmin_index"),
        all_entries,
    )


@requires(can_read)
@require_safe
def list_history(request, pk):
    breakdown = get_object_or_404(BreakdownList, pk=pk)
    own = BreakdownList.history.filter(id=pk).select_related("history_user")
    values = BreakdownValue.history.filter(breakdown_id=pk).select_related("history_user")
    all_entries = [
        *entries(own, LIST_FIELDS, lambda r: _("List")),
        *entries(values, VALUE_FIELDS, lambda r: _("Value “%(label)s”") % {"label": r.label}),
    ]
    return history_page(
        request,
        _("History of the list “%(list)s”") % {"list": breakdown},
        reverse("minimum_standards_figures_breakdownlist_modeladmin_index"),
        all_entries,
    )


@requires(can_read)
@require_safe
def year_history(request, pk):
    year = get_object_or_404(ReportingYear, pk=pk)
    own = ReportingYear.history.filter(id=pk).select_related("history_user")
    names = dict(Measure.objects.values_list("pk", "name"))
    all_entries = [
        *entries(own, YEAR_FIELDS, lambda r: _("Reporting year")),
        *_figure_entries(Figure.history.filter(year_id=pk), names),
    ]
    return history_page(
        request,
        _("History of %(year)s: its status and its figures") % {"year": year},
        reverse("minimum_standards_figures_reportingyear_modeladmin_index"),
        all_entries,
    )

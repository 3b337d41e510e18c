"""A year's figures, or every year's, as a workbook in long form: a row a figure (measure key,
measure name, year, period, breakdown value, value), which figures_import.py reads back.

A year's export lists every figure the year can have, a blank value where there is none yet:
the form to fill in. The export of every year lists the figures there are. Period and year
labels are written in English ("Term 1", "September 2021", "2021-22"): they are the file
format, read back in any of the site's languages."""

from django.utils import translation
from openpyxl import Workbook

from wagtail_minimum_standards.compliance.spreadsheets.cells import append_row

from .. import periods
from ..models import Figure, Measure, ReportingYear
from .template import BOLD, FIGURE_COLUMNS, FIGURES, cell_number


def export_figures(year: ReportingYear | None = None) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = FIGURES
    append_row(sheet, FIGURE_COLUMNS, font=BOLD)
    measures = list(
        Measure.objects.select_related("breakdown").prefetch_related("breakdown__values")
    )
    figures = Figure.objects.select_related("year", "breakdown_value")
    if year is not None:
        figures = figures.filter(year=year)
    stored = {(f.measure_id, f.year_id, f.period, f.breakdown_value_id): f for f in figures}
    with translation.override("en"):
        if year is not None:
            for measure in measures:
                for row in _grid(measure, year, stored):
                    append_row(sheet, row)
        else:
            ordered = sorted(
                stored.values(),
                key=lambda f: (
                    f.year.starts_on,
                    f.measure.position,
                    f.measure_id,
                    f.period,
                    f.breakdown_value.sort_order if f.breakdown_value else 0,
                    f.breakdown_value_id or 0,
                ),
            )
            by_id = {m.pk: m for m in measures}
            for figure in ordered:
                measure = by_id[figure.measure_id]
                append_row(
                    sheet, _row(measure, figure.year, figure.period, figure.breakdown_value, figure)
                )
    return book


def _values(measure):
    if measure.breakdown is None:
        return [None]
    return sorted(measure.breakdown.values.all(), key=lambda v: (v.sort_order or 0, v.pk))


def _grid(measure, year, stored):
    for period in measure.period_numbers():
        for value in _values(measure):
            figure = stored.get((measure.pk, year.pk, period, value.pk if value else None))
            yield _row(measure, year, period, value, figure)


def _row(measure, year, period, value, figure) -> list:
    return [
        measure.key,
        measure.name,
        year.label,
        periods.label(measure.period, year.starts_on, period),
        value.label if value else "",
        cell_number(figure.value) if figure else "",
    ]

"""The service's measures and breakdown lists written in the template they are imported from
(measures.py): importing the file gives the same measures, and exporting again the same file."""

from openpyxl import Workbook

from wagtail_minimum_standards.compliance.spreadsheets.cells import append_row

from ..models import BreakdownList, Measure
from .template import BOLD, LIST_COLUMNS, LISTS, MEASURE_COLUMNS, MEASURES, cell_number, yes_no


def export_measures() -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = MEASURES
    append_row(sheet, MEASURE_COLUMNS, font=BOLD)
    measures = Measure.objects.select_related("breakdown").prefetch_related("standards__section")
    for measure in measures.order_by("position", "pk"):
        codes = [s.code for s in sorted(measure.standards.all(), key=_standard_order)]
        append_row(
            sheet,
            [
                measure.key,
                measure.name,
                measure.definition,
                measure.unit,
                measure.period,
                measure.yearly,
                measure.breakdown.key if measure.breakdown else "",
                cell_number(measure.target) if measure.target is not None else "",
                measure.decimal_places,
                ", ".join(codes),
                measure.group,
                yes_no(measure.public),
                yes_no(measure.counted_from_enquiries),
                yes_no(measure.counted_from_feedback),
            ],
        )
    lists = book.create_sheet(LISTS)
    append_row(lists, LIST_COLUMNS, font=BOLD)
    for breakdown in BreakdownList.objects.prefetch_related("values").order_by("key"):
        values = sorted(breakdown.values.all(), key=lambda v: (v.sort_order or 0, v.pk))
        for value in values or [None]:  # a list with no values yet: its row, no label
            append_row(lists, [breakdown.key, breakdown.name, value.label if value else ""])
    return book


def _standard_order(standard):
    return (standard.section.position, standard.position, standard.pk)

"""Property test: a service's measures and breakdown lists, with any text a workbook can hold,
survive import → export → import → export unchanged: the two exports hold the same cells, and
every name, definition, unit, table heading and label is stored as written."""

import io
from decimal import Decimal

import pytest

pytest.importorskip("hypothesis")  # a bare project has none: the project's suite runs this

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from wagtail_minimum_standards.compliance.spreadsheets.cells import append_row  # noqa: E402
from wagtail_minimum_standards.figures.models import BreakdownList, Measure  # noqa: E402
from wagtail_minimum_standards.figures.spreadsheets.measures import import_measures  # noqa: E402
from wagtail_minimum_standards.figures.spreadsheets.measures_export import (  # noqa: E402
    export_measures,
)
from wagtail_minimum_standards.figures.spreadsheets.template import (  # noqa: E402
    LIST_COLUMNS,
    MEASURE_COLUMNS,
)

from .test_round_trips import ROUND_TRIPS, texts  # noqa: E402

KEYS = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)
TARGETS = st.one_of(
    st.just(""),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False).map(
        lambda d: d.normalize()
    ),
)


@st.composite
def measure_sets(draw):
    lists = []
    for key in draw(st.lists(KEYS, max_size=3, unique=True)):
        name = draw(texts(100, blank=False))
        labels = draw(st.lists(texts(100, blank=False), max_size=4, unique=True))
        lists += [[key, name, label] for label in labels] or [[key, name, ""]]
    list_keys = sorted({row[0] for row in lists})
    measures = []
    for key in draw(st.lists(KEYS, min_size=1, max_size=4, unique=True)):
        target = draw(TARGETS)
        measures.append(
            [
                key,
                draw(texts(200, blank=False)),
                draw(texts(300)),
                draw(texts(50, blank=False)),
                draw(st.sampled_from(["month", "term", "year"])),
                draw(st.sampled_from(["total", "average"])),
                draw(st.sampled_from(["", *list_keys])),
                int(target) if target != "" and target == int(target) else
                (float(target) if target != "" else ""),
                draw(st.integers(0, 2)),
                "",
                draw(texts(200)),
                draw(st.sampled_from(["yes", "no"])),
                draw(st.sampled_from(["yes", "no"])),
            ]
        )  # fmt: skip
    return measures, lists


def workbook(measures, lists) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = "Measures"
    for row in [MEASURE_COLUMNS, *measures]:
        append_row(sheet, row)
    listed = book.create_sheet("Breakdown lists")
    for row in [LIST_COLUMNS, *lists]:
        append_row(listed, row)
    return saved(book)


def saved(book) -> io.BytesIO:
    file = io.BytesIO()
    book.save(file)
    file.seek(0)
    return file


def cells(book) -> dict:
    read = load_workbook(saved(book))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in read.worksheets}


@ROUND_TRIPS
@given(measure_sets())
def test_measures_round_trip_to_a_fixed_point_keeping_every_string(db, drawn):
    measures, lists = drawn
    try:
        import_measures(workbook(measures, lists))
        stored = {m.key: m for m in Measure.objects.select_related("breakdown")}
        for row in measures:
            measure = stored[row[0]]
            assert (measure.name, measure.definition, measure.unit, measure.group) == (
                row[1],
                row[2],
                row[3],
                row[10],
            )
            assert measure.target == (Decimal(str(row[7])) if row[7] != "" else None)
        for key, name, label in lists:
            listed = BreakdownList.objects.get(key=key)
            assert listed.name == name
            assert not label or listed.values.filter(label=label).exists()
        first = export_measures()
        Measure.objects.all().delete()
        BreakdownList.objects.all().delete()
        import_measures(saved(first))
        assert cells(export_measures()) == cells(first)
    finally:
        Measure.objects.all().delete()
        BreakdownList.objects.all().delete()

"""Property tests: plans of any shape, with any text, go in and come out unchanged.

Hypothesis makes 200 plans: 1 to 7 columns, each with a heading of any text (or none) and any
meaning (each but "keep as text" at most once), up to 6 rows of any text (line breaks, brackets,
leading numbers, bullets, spaces at either end, any Unicode a workbook can hold), status words
of any spelling. For each: the upload's cells come out of the export exactly, and a full copy
imported and exported again gives the same workbook, every sheet, cell for cell.
"""

import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from wagtail_minimum_standards.compliance.spreadsheets.cells import UNWRITABLE, write_text
from wagtail_minimum_standards.plans.models import Meaning, StatusMeaning
from wagtail_minimum_standards.plans.spreadsheets import export_plan, import_plan
from wagtail_minimum_standards.plans.timescales import impossible_date

# Any text a workbook can hold; with the characters plans are written in weighted in.
WRITTEN = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.text(st.sampled_from(list("1234. ()·•-*\n\t\r Aé✓ﬁ😀")), max_size=40),
).map(lambda text: UNWRITABLE.sub("", text))
MEANINGS = [m for m in Meaning.values if m != Meaning.TEXT]


@st.composite
def plans(draw):
    width = draw(st.integers(1, 7))
    meanings = draw(
        st.lists(st.sampled_from([*MEANINGS, "text", "text"]), min_size=width, max_size=width)
    )
    seen = set()
    for n, meaning in enumerate(meanings):  # each but "text" at most once
        if meaning in seen:
            meanings[n] = "text"
        seen.add(meanings[n])
    # The last heading is written: a column with no heading and nothing in it is no column.
    headings = draw(st.lists(WRITTEN, min_size=width - 1, max_size=width - 1))
    headings.append(draw(WRITTEN.filter(bool)))
    words = draw(st.lists(WRITTEN.filter(lambda w: w and len(w) <= 255), max_size=4, unique=True))
    rows = []
    for _row in range(draw(st.integers(0, 6))):
        cells = []
        for meaning in meanings:
            if meaning == "status":
                cells.append(draw(st.sampled_from(["", *words])))
            elif meaning == "timescale":
                cells.append(draw(WRITTEN.filter(lambda t: not impossible_date(t))))
            else:
                cells.append(draw(WRITTEN))
        if any(cells):
            rows.append(cells)
    status_meanings = {w: draw(st.sampled_from(StatusMeaning.values)) for w in words}
    title = draw(WRITTEN.filter(lambda t: 0 < len(t) <= 200))
    return title, headings, meanings, rows, status_meanings


def workbook(title, headings, rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for r, row in enumerate([[title], headings, *rows], start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                write_text(sheet.cell(row=r, column=c), value)
    return saved(book)


def saved(book) -> io.BytesIO:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def every_cell(file) -> dict:
    book = load_workbook(file)
    return {
        sheet.title: [
            ["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in book.worksheets
    }


def padded(rows, width) -> list:
    return [(list(row) + [""] * width)[:width] for row in rows]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_any_plan_comes_out_as_it_went_in_and_a_full_copy_is_a_fixed_point(db, plan):
    title, headings, meanings, rows, status_meanings = plan
    uploaded = workbook(title, headings, rows)

    saved_plan = import_plan(
        uploaded, meanings=meanings, status_meanings=status_meanings, heading_row=2
    )
    first = every_cell(saved(export_plan(saved_plan, full=True)))
    again = import_plan(saved(export_plan(saved_plan, full=True)))
    second = every_cell(saved(export_plan(again, full=True)))

    width = len(headings)
    plan_sheet = next(iter(first.values()))
    assert plan_sheet[0][0] == title
    assert padded(plan_sheet[1:], width) == padded([headings, *rows], width)
    assert first == second
    assert [(c.heading, c.meaning) for c in again.columns.all()] == list(
        zip(headings, meanings, strict=True)
    )
    assert not re.search(r"[\ud800-\udfff]", str(first))  # nothing half-written

"""A delivery plan's workbook read as text, every character of every cell kept.

The plan is its first sheet: perhaps a title above (one cell), then a row of headings (any
number, in any order, some perhaps empty), then a row per item. An export of ours adds sheets
that say what it holds, so that it imports back exactly (docs/spreadsheets.md):

- "Columns": each column's letter, heading and what it holds; "Status words": each word and
  what it means. With them, the headings' row is the one that matches and nothing is guessed.
- A text longer than a cell holds carries on in cells at the end of its row, each saying where
  (compliance/spreadsheets/cells.py): it is joined again.
- A full copy also has "Item details" (due dates, owners who are users, linked standards),
  "Progress updates" and "Actions done" (each action ticked off, with its date), each row
  naming its item by its row on the plan's sheet.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.spreadsheets.cells import rejoined
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors, kept_text
from wagtail_minimum_standards.compliance.spreadsheets.workbooks import (
    first_sheet,
    open_workbook,
    sheet_rows,
)

# Sheet names and their columns: a file format, in English in every language.
COLUMNS_SHEET = "Columns"
COLUMNS = ["column", "heading", "holds"]
STATUSES_SHEET = "Status words"
STATUSES = ["word", "means"]
DETAILS_SHEET = "Item details"
DETAILS = ["row", "due date", "owners (users)", "standards", "status"]
UPDATES_SHEET = "Progress updates"
UPDATES = ["row", "date", "what happened", "new status", "by"]
DONE_SHEET = "Actions done"
DONE = ["row", "action", "done on"]
FULL_COPY_SHEETS = {DETAILS_SHEET: DETAILS, UPDATES_SHEET: UPDATES, DONE_SHEET: DONE}


@dataclass
class Table:
    """One of our own sheets: (row number, {column: text}) under its heading row."""

    name: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


@dataclass
class PlanSheet:
    name: str
    title: str
    heading_row: int
    headings: list[str]
    rows: list[tuple[int, list[str]]]  # each item's row number and cells, one per heading
    tables: dict[str, Table]  # our own sheets, by name


def read_workbook(file, errors: SheetErrors, heading_row: int | None = None) -> PlanSheet:
    """The plan's sheet and our own sheets; what cannot be read is added to `errors`."""
    book = open_workbook(file)
    sheet = first_sheet(book)
    rows = [
        (number, rejoined([kept_text(value) for value in values]))
        for number, values in enumerate(sheet_rows(sheet), start=1)
    ]
    tables = {
        name: _table(book[name], columns, errors)
        for name, columns in {
            COLUMNS_SHEET: COLUMNS,
            STATUSES_SHEET: STATUSES,
            **FULL_COPY_SHEETS,
        }.items()
        if name in book.sheetnames and book[name] is not sheet
    }
    listed = [cells.get("heading", "") for _, cells in tables.get(COLUMNS_SHEET, Table("")).rows]
    heading_row = heading_row or _heading_row(rows, listed)
    # As many columns as have anything in them, or as our export listed (the last may be empty).
    width = max([len(listed), *(_width(cells) for _, cells in rows)])
    cells_at = dict(rows)
    headings = _padded(cells_at.get(heading_row, []), width)
    title = _title(sheet.title, rows, heading_row, errors)
    items = [
        (number, _padded(cells, width))
        for number, cells in rows
        if number > heading_row and any(cells)
    ]
    return PlanSheet(sheet.title, title, heading_row, headings, items, tables)


def _width(cells: list[str]) -> int:
    return max((n for n, cell in enumerate(cells, start=1) if cell), default=0)


def _padded(cells: list[str], width: int) -> list[str]:
    return (cells + [""] * width)[:width]


def _heading_row(rows, listed: list[str]) -> int:
    """The row of the headings our own export listed; else the first row with two cells or
    more written in; else (a plan of one column) the first row with anything in it."""
    if listed:  # our export puts them in row 2, under the title; else where they match
        for number, cells in sorted(rows, key=lambda row: row[0] != 2):
            if _padded(cells, len(listed)) == listed and _width(cells) <= len(listed):
                return number
    counted = [(number, sum(1 for cell in cells if cell)) for number, cells in rows]
    return next(
        (number for number, count in counted if count >= 2),
        next((number for number, count in counted if count), 1),
    )


def _title(sheet: str, rows, heading_row: int, errors: SheetErrors) -> str:
    """The one cell above the headings, if any: the plan's title. Anything more there would be
    lost, so it is refused."""
    above = [
        (number, column, cell)
        for number, cells in rows
        if number < heading_row
        for column, cell in enumerate(cells, start=1)
        if cell
    ]
    for number, column, _cell in above[1:]:
        errors.add(
            sheet,
            number,
            column,
            _(
                "only the plan's title may be above the headings (row %(row)s), and this cell "
                "would be lost: move it into the plan or delete it"
            )
            % {"row": heading_row},
        )
    return above[0][2] if above else ""


def _table(sheet, columns: list[str], errors: SheetErrors) -> Table:
    """One of our own sheets, whose first row must name `columns` in order."""
    table = Table(sheet.title)
    rows = enumerate(sheet_rows(sheet, max_col=len(columns)), start=1)
    _first, heading = next(rows, (1, ()))
    found = [kept_text(value).strip().casefold() for value in heading]
    if found[: len(columns)] != columns:
        errors.add(
            sheet.title,
            1,
            None,
            _("its first row must name the columns %(columns)s") % {"columns": ", ".join(columns)},
        )
        return table
    for number, values in rows:
        cells = [kept_text(value) for value in values]
        if any(cells):
            table.rows.append(
                (number, dict(zip(columns, _padded(cells, len(columns)), strict=True)))
            )
    return table

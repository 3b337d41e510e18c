"""Framework and self-assessment workbooks built in memory for the tracker's import tests,
every cell written as given (text that starts with "=" stays text)."""

import io

from openpyxl import Workbook, load_workbook

SCALE_HEADING = ["position", "code", "label", "meaning", "colour", "counts as met", "not yet rated"]
STANDARDS_HEADING = ["section", "section title", "code", "wording", "public wording"]
CHECKLIST_HEADING = ["standard", "item", "site check"]

MET_PARTLY_NOT = [
    [3, "M", "Met", "", "#00703c", "yes", "no"],
    [2, "PM", "Partly met", "", "#8a4c00", "no", "no"],
    [1, "NM", "Not met", "", "#b10e1e", "no", "no"],
    [0, "?", "Not yet rated", "", "#505a5f", "no", "yes"],
]


def put(sheet, rows) -> None:
    """Append rows, each value as written: text never becomes a formula."""
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"


def saved(book) -> io.BytesIO:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def framework_book(
    standards,
    scale=MET_PARTLY_NOT,
    checklist=(),
    details=None,
    sheets=None,
    standards_heading=STANDARDS_HEADING,
):
    """A framework template (docs/spreadsheets.md) as an in-memory .xlsx; `sheets` adds or
    replaces sheets ({title: rows, heading first})."""
    book = Workbook()
    book.active.title = "Framework"
    settings = {"code": "test-framework", "name": "Test framework", "version": "1"}
    put(book["Framework"], (details or settings).items())
    put(book.create_sheet("Scale"), [SCALE_HEADING, *scale])
    put(book.create_sheet("Standards"), [standards_heading, *standards])
    if checklist:
        put(book.create_sheet("Checklist"), [CHECKLIST_HEADING, *checklist])
    for title, rows in (sheets or {}).items():
        if title in book.sheetnames:
            del book[title]
        put(book.create_sheet(title), rows)
    return saved(book)


def cell_values(workbook) -> dict:
    """Every sheet's cell values, by sheet title, as a file read back gives them."""
    book = load_workbook(saved(workbook), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}

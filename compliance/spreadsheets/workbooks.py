"""Opening an uploaded workbook: its size and shape are checked before anything parses it.

An .xlsx file is a zip of XML parts. A few kilobytes can declare a million rows,
or unpack to gigabytes; a stray byte can make a part unreadable. So before
openpyxl reads a file, `open_workbook`:

1. refuses a file over MAX_FILE_BYTES, or one that is not a zip;
2. reads the zip's directory: too many parts, a part that would unpack to more
   than MAX_PART_BYTES, or all parts to more than MAX_TOTAL_BYTES, are refused;
3. streams every XML part through expat once (no DTDs, so no entity tricks):
   a part that is not well-formed is refused, and so is a sheet that declares or
   holds a cell beyond MAX_ROWS rows or MAX_COLUMNS columns.

Each refusal is a SheetErrors naming the limit. The limits are documented in
docs/spreadsheets.md.
"""

import io
import re
import zipfile
import zlib
from xml.parsers import expat

from openpyxl.utils import column_index_from_string, get_column_letter

from .errors import SheetErrors

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PARTS = 500
MAX_PART_BYTES = 25 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 50
CHUNK = 64 * 1024

CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def _refuse(message: str):
    raise SheetErrors([message])


def open_workbook(file):
    """An .xlsx upload, file or path, checked and opened read-only; else SheetErrors."""
    from openpyxl import load_workbook

    data = _read_bounded(file)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # BadZipFile, and others for odder damage ("zip file version 6.4")
        _refuse("The file is not an Excel workbook (.xlsx). Save it from Excel as .xlsx.")
    with archive:
        _check_parts(archive)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors alike
        _refuse(f"The file is not an Excel workbook (.xlsx) that can be read ({error}).")


def first_sheet(book):
    """The workbook's first sheet; a workbook without one is SheetErrors."""
    if not book.worksheets:
        _refuse("The workbook has no sheets.")
    return book.worksheets[0]


def sheet_rows(sheet, max_col=None):
    """A sheet's rows as tuples of values, at most MAX_ROWS; a damaged sheet is SheetErrors."""
    try:
        rows = sheet.iter_rows(max_row=MAX_ROWS, max_col=max_col, values_only=True)
        yield from rows
    except SheetErrors:
        raise
    except Exception as error:  # openpyxl parses the sheet lazily, while it is read
        _refuse(f"Sheet “{sheet.title}” is damaged and cannot be read ({error}).")


def _read_bounded(file) -> bytes:
    if isinstance(file, str | bytes) or hasattr(file, "__fspath__"):
        try:
            with open(file, "rb") as opened:
                return _read_bounded(opened)
        except OSError as error:
            _refuse(f"The file cannot be opened: {error.strerror or error}.")
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        _refuse(f"The file is larger than {_megabytes(MAX_FILE_BYTES)}.")
    return data


def _check_parts(archive) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        _refuse(f"The workbook has {len(parts):,} parts; the most a workbook may have is "
                f"{MAX_PARTS:,}.")  # fmt: skip
    total = 0
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            _refuse(
                f"The workbook's part “{part.filename}” unpacks to "
                f"{_megabytes(part.file_size)}; the most one part may hold is "
                f"{_megabytes(MAX_PART_BYTES)}."
            )
        total += part.file_size
    if total > MAX_TOTAL_BYTES:
        _refuse(
            f"The workbook unpacks to {_megabytes(total)}; the most a workbook may hold is "
            f"{_megabytes(MAX_TOTAL_BYTES)}."
        )
    # The workbook's own parts first: they say which part is which sheet.
    names = sorted(
        (part.filename for part in parts if part.filename.endswith((".xml", ".rels"))),
        key=lambda name: name not in (WORKBOOK, WORKBOOK_RELS),
    )
    titles = _SheetTitles()
    for name in names:
        _scan(archive, name, titles)


WORKBOOK, WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"


class _SheetTitles:
    """Which part holds which sheet, from the workbook's list of sheets and its relations."""

    def __init__(self):
        self.ids, self.targets = {}, {}

    def title(self, name: str) -> str:
        by_target = {"xl/" + t.lstrip("/").removeprefix("xl/"): i for i, t in self.targets.items()}
        return self.ids.get(by_target.get(name), name)

    def describe(self, name: str) -> str:
        title = self.title(name)
        return f"its part “{name}”" if title == name else f"sheet “{title}”"


def _scan(archive, name: str, titles: _SheetTitles) -> None:
    """Stream one XML part through expat: well-formed, no DTD, cells within the limits."""
    shape = _SheetShape(name, titles)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = shape.refuse_doctype
    parser.StartElementHandler = shape.start
    try:
        with archive.open(name) as source:
            while chunk := source.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as error:
        _refuse(
            f"The workbook is damaged: {titles.describe(name)} cannot be read "
            f"({expat.ErrorString(error.code)}, line {error.lineno}, column {error.offset + 1}). "
            "Open it in Excel and save it again."
        )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError) as error:
        _refuse(f"The workbook is damaged: {titles.describe(name)} cannot be unpacked ({error}).")


class _SheetShape:
    """Follows a worksheet part's rows and cells; refuses what lies beyond the limits."""

    def __init__(self, name: str, titles: _SheetTitles):
        self.name, self.titles = name, titles
        self.row = 0
        self.column = 0

    def refuse_doctype(self, *args):
        _refuse(
            f"The workbook is damaged: {self.titles.describe(self.name)} declares a document "
            "type, which workbooks never do."
        )

    def start(self, tag: str, attributes: dict) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if local == "sheet" and self.name == WORKBOOK:
            relation = next((v for k, v in attributes.items() if k.endswith(" id")), None)
            self.titles.ids[relation] = attributes.get("name", "")
        elif local == "Relationship" and self.name == WORKBOOK_RELS:
            self.titles.targets[attributes.get("Id")] = attributes.get("Target", "")
        elif local == "dimension":
            self._dimension(attributes.get("ref", ""))
        elif local == "row":
            self.row = self._number(attributes.get("r"), self.row + 1)
            self.column = 0
            if self.row > MAX_ROWS:
                self._too_big(f"has a row {self.row:,}")
        elif local == "c":
            row, column = self._cell(attributes.get("r"))
            if row > MAX_ROWS or column > MAX_COLUMNS:
                self._too_big(f"has a cell at {get_column_letter(min(column, 18278))}{row}")

    def _cell(self, ref):
        found = CELL_REF.match(ref or "")
        if found:
            self.column = column_index_from_string(found.group(1).upper())
            return int(found.group(2)), self.column
        self.column += 1
        return max(self.row, 1), self.column

    def _dimension(self, ref: str) -> None:
        last = ref.split(":")[-1]
        found = CELL_REF.match(last)
        if not found:
            return
        rows, columns = int(found.group(2)), column_index_from_string(found.group(1).upper())
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            self._too_big(
                f"declares cells up to {last.upper()} ({rows:,} rows, {columns:,} columns)"
            )

    @staticmethod
    def _number(text, default: int) -> int:
        return int(text) if text and text.isdigit() else default

    def _too_big(self, what: str) -> None:
        _refuse(
            f"The workbook is too big to import: sheet “{self.titles.title(self.name)}” {what}. "
            f"A sheet may "
            f"have at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns (up to "
            f"{get_column_letter(MAX_COLUMNS)}{MAX_ROWS})."
        )

"""Opening an uploaded workbook: its size and shape are checked before anything parses it.

An .xlsx file is a zip of XML parts. A few kilobytes can declare a million rows,
or unpack to gigabytes; a stray byte can make a part unreadable. So before
openpyxl reads a file, `open_workbook`:

1. refuses a file over MAX_FILE_BYTES, or one that is not a zip;
2. reads the zip's directory: too many parts, a part that would unpack to more
   than MAX_PART_BYTES, or all parts to more than MAX_TOTAL_BYTES, are refused;
3. streams every part but pictures through expat once (no DTDs, so no entity tricks):
   a part that is not well-formed or nests too deep is refused; so is a workbook of more
   than MAX_ELEMENTS elements in all (what openpyxl's parsing costs grows with them), and a
   sheet whose rows or cells are out of order, or that declares or holds a cell beyond
   MAX_ROWS rows or MAX_COLUMNS columns.

Each refusal is a SheetErrors naming the limit. The limits are documented in
docs/spreadsheets.md.
"""

import io
import zipfile

from django.utils.translation import gettext as _

from .errors import SheetErrors
from .workbook_parts import (  # the limits, here too for those who read them from here
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    check_parts,
    megabytes,
    refuse,
)

__all__ = [
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "first_sheet",
    "open_workbook",
    "sheet_rows",
]


def open_workbook(file):
    """An .xlsx upload, file or path, checked and opened read-only; else SheetErrors."""
    from openpyxl import load_workbook

    data = _read_bounded(file)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # BadZipFile, and others for odder damage ("zip file version 6.4")
        refuse(_("The file is not an Excel workbook (.xlsx). Save it from Excel as .xlsx."))
    with archive:
        check_parts(archive)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors alike
        refuse(
            _("The file is not an Excel workbook (.xlsx) that can be read (%(error)s).")
            % {"error": error}
        )


def first_sheet(book):
    """The workbook's first sheet; a workbook without one is SheetErrors."""
    if not book.worksheets:
        refuse(_("The workbook has no sheets."))
    return book.worksheets[0]


def sheet_rows(sheet, max_col=None):
    """A sheet's rows as tuples of values, at most MAX_ROWS; a damaged sheet is SheetErrors."""
    try:
        rows = sheet.iter_rows(max_row=MAX_ROWS, max_col=max_col, values_only=True)
        yield from rows
    except SheetErrors:
        raise
    except Exception as error:  # openpyxl parses the sheet lazily, while it is read
        refuse(
            _("Sheet “%(sheet)s” is damaged and cannot be read (%(error)s).")
            % {"sheet": sheet.title, "error": error}
        )


def _read_bounded(file) -> bytes:
    if isinstance(file, str | bytes) or hasattr(file, "__fspath__"):
        try:
            with open(file, "rb") as opened:
                return _read_bounded(opened)
        except OSError as error:
            refuse(_("The file cannot be opened: %(error)s.") % {"error": error.strerror or error})
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        refuse(_("The file is larger than %(size)s.") % {"size": megabytes(MAX_FILE_BYTES)})
    return data

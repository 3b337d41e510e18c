"""Making values safe to put in a spreadsheet that someone will open in Excel."""

from openpyxl.cell import Cell
from openpyxl.styles import Alignment

WRAP = Alignment(wrap_text=True, vertical="top")  # one shared style: openpyxl dedupes slowly

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text value that Excel would run as a formula, made plain text by a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_text(cell, value) -> None:
    """Put a value in an openpyxl cell; text that looks like a formula stays text."""
    cell.value = value
    if cell.data_type == "f":
        cell.data_type = "s"


def append_row(sheet, values, font=None) -> list:
    """Add a row of wrapped, top-aligned cells, formula-safe; optionally in a font."""
    cells = []
    for value in values:
        cell = Cell(sheet)
        write_text(cell, value)
        cell.alignment = WRAP
        if font:
            cell.font = font
        cells.append(cell)
    sheet.append(cells)  # placed by append; no per-row search for the last row
    return cells

"""Errors found in an uploaded spreadsheet, each naming its sheet, row and column."""

from openpyxl.utils import get_column_letter


class SheetErrors(Exception):
    """Everything wrong with a workbook, collected so that one report lists it all."""

    def __init__(self, errors=None):
        self.errors: list[str] = list(errors or [])
        super().__init__("\n".join(self.errors))

    def add(self, sheet: str, row: int, column: int | None, message: str) -> None:
        where = f"Sheet “{sheet}”, row {row}"
        if column is not None:
            where += f", column {get_column_letter(column)}"
        self.errors.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.errors:
            raise SheetErrors(self.errors)

    def __str__(self):
        return "\n".join(self.errors)


def cell_text(value) -> str:
    """A cell's value as stripped text ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def open_workbook(file):
    """Open an .xlsx upload or path read-only; a file that is not one is a clear error."""
    from openpyxl import load_workbook

    try:
        return load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors alike
        message = f"The file is not an Excel workbook (.xlsx) that can be read: {error}"
        raise SheetErrors([message]) from error


def check_length(errors, sheet: str, row: int, column: int | None, value: str, model, field: str):
    """Report a cell longer than the model field it fills, instead of a database error."""
    limit = model._meta.get_field(field).max_length
    if limit and len(value) > limit:
        errors.add(sheet, row, column, f"“{value[:30]}…” is longer than {limit} characters")

"""Making values safe to put in a spreadsheet that someone will open in Excel."""

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

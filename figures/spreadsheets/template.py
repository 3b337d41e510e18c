"""The words of the figures' workbooks: sheet names, column headings and the words cells hold.
They are a file format, so they stay English in every language; only the problems an import
reports are in the reader's language."""

import re
from decimal import Decimal, InvalidOperation

from openpyxl.styles import Font

from .. import periods

MEASURES = "Measures"
LISTS = "Breakdown lists"
FIGURES = "Figures"

MEASURE_COLUMNS = [
    "key",
    "name",
    "definition",
    "unit",
    "counted by",
    "the year's figure",
    "broken down by",
    "target",
    "decimal places",
    "standards",
    "table",
    "public",
    "counted from enquiries",
    "counted from feedback",
]
# Columns a workbook may leave out (one written before they were added): "no" where it does.
OPTIONAL_MEASURE_COLUMNS = ["counted from feedback"]
LIST_COLUMNS = ["list key", "list name", "value label"]
FIGURE_COLUMNS = ["measure key", "measure name", "year", "period", "breakdown value", "value"]

PERIOD_WORDS = [periods.MONTH, periods.TERM, periods.YEAR]
YEARLY_WORDS = ["total", "average"]
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}

KEY = re.compile(r"[-a-zA-Z0-9_]+")
PLAIN_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")
GROUPED_NUMBER = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
STANDARD_SEPARATORS = re.compile(r"[,;\n]+")
BOLD = Font(bold=True)


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def number(text) -> Decimal | None:
    """A cell's number ("12", "1,234", "0.5", or a number cell), or None if it is none: a
    minus sign, words or a blank are not numbers here (a blank is for the caller to mean)."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float | Decimal):
        try:
            found = Decimal(str(text))
        except InvalidOperation:
            return None
        return found if found.is_finite() else None
    text = str(text).strip()
    if PLAIN_NUMBER.fullmatch(text) or GROUPED_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", ""))
    return None


def places(value: Decimal) -> int:
    """How many decimal places a number is written with, trailing zeros aside: 2.50 has 1."""
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def cell_number(value: Decimal):
    """A number as a workbook cell holds it: a whole number without ".0", else a decimal."""
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def is_negative(text) -> bool:
    return number(str(text).strip().lstrip("-−")) is not None and str(text).strip()[:1] in "-−"

"""Errors found in an uploaded spreadsheet, each naming its sheet, row and column."""

import datetime

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.utils import get_column_letter

from .cells import writable

SHOWN = 50  # problems listed in full; the rest are counted


class SheetErrors(Exception):
    """Everything wrong with a workbook, collected so that one report lists it all."""

    def __init__(self, errors=None):
        self.errors: list[str] = list(errors or [])
        super().__init__("\n".join(self.errors))

    def add(self, sheet: str, row: int, column: int | None, message: str) -> None:
        """A problem, `message` already in the active language, at a cell or a row."""
        place = {"sheet": sheet, "row": row, "message": message}
        if column is None:
            self.errors.append(_("Sheet “%(sheet)s”, row %(row)s: %(message)s") % place)
        else:
            place["column"] = get_column_letter(column)
            self.errors.append(
                _("Sheet “%(sheet)s”, row %(row)s, column %(column)s: %(message)s") % place
            )

    def raise_if_any(self) -> None:
        if self.errors:
            raise SheetErrors(self.errors)

    @property
    def shown(self) -> list[str]:
        """The first problems, to list in full."""
        return self.errors[:SHOWN]

    @property
    def more(self) -> int:
        """How many problems there are beyond those shown."""
        return max(len(self.errors) - SHOWN, 0)

    def __str__(self):
        lines = list(self.shown)
        if self.more:
            more = ngettext(
                "… and %(count)s more problem.", "… and %(count)s more problems.", self.more
            )
            lines.append(more % {"count": f"{self.more:,}"})
        return "\n".join(lines)


def cell_text(value) -> str:
    """A cell's value as stripped text ("" for an empty cell); a date cell as "12 January 2023"
    (its month named in the active language).

    Any character that must not be stored (which the XML check before parsing should already
    have refused) becomes a visible �.
    """
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return format_date(value, "j F Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return writable(str(value)).strip()


def kept_text(value) -> str:
    """A cell's value as text, every character kept: nothing stripped, line breaks and spaces
    as written ("" for an empty cell). A date cell is written the British way (30/06/2027),
    a whole number without ".0". Characters a workbook cannot hold never reach here: the XML
    check before parsing refuses them."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return format_date(value, "d/m/Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def check_length(errors, sheet: str, row: int, column: int | None, value: str, model, field: str):
    """Report a cell longer than the model field it fills, instead of a database error."""
    limit = model._meta.get_field(field).max_length
    if limit and len(value) > limit:
        message = ngettext(
            "“%(start)s…” is longer than %(limit)d character",
            "“%(start)s…” is longer than %(limit)d characters",
            limit,
        )
        errors.add(sheet, row, column, message % {"start": value[:30], "limit": limit})

"""Reading the framework template's sheets (frameworks.py, framework_lines.py): rows under a
heading row, every cell's text kept as written but for the keys."""

import re

from django.utils.translation import gettext as _

from .cells import joined_row
from .errors import cell_text, kept_text
from .workbooks import sheet_rows

# Columns read without the spaces around them: codes and numbers that other cells and other
# files name, colours and yes/no. Every other cell is kept exactly as written.
KEYS = {
    "position",
    "code",
    "colour",
    "counts as met",
    "not yet rated",
    "section",
    "standard",
    "site check",
    "optional",
    "scale",
    # the mapping template's (mappings.py)
    "old code",
    "new code",
    "relation",
    "old level",
    "new level",
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
POSITION = re.compile(r"[0-9]{1,3}")


def rows(sheet, columns, errors, optional=()):
    """Data rows under a heading row that must name `columns` (and may name the `optional`
    ones, "" where it does not), as (row number, {column: text}, {column: number}).

    Every cell's text is kept as written, spaces and line breaks included; only the KEYS
    (codes, numbers, colours, yes/no) are read without the spaces around them. A heading the
    template does not have, or a value under no heading, is refused: nothing is left unread."""
    rows = sheet_rows(sheet)
    heading = [cell_text(v).lower() for v in next(rows, ())]
    missing = [c for c in columns if c not in heading]
    if missing:
        problem = _("the heading row needs the columns: %(columns)s")
        errors.add(sheet.title, 1, None, problem % {"columns": ", ".join(missing)})
        return
    known = [*columns, *optional]
    for number, name in enumerate(heading, start=1):
        if name and name not in known:
            problem = _("“%(heading)s” is not a column of this sheet (it has: %(columns)s)")
            errors.add(
                sheet.title, 1, number, problem % {"heading": name, "columns": ", ".join(known)}
            )
    index = {name: heading.index(name) for name in known if name in heading}
    for number, raw in enumerate(rows, start=2):
        values, _pieces = joined_row(raw)
        refuse_unheaded(sheet.title, number, values, heading, errors)
        cells = {
            name: read_cell(name, values[i] if i < len(values) else None)
            for name, i in index.items()
        }
        cells.update({name: "" for name in optional if name not in index})
        if any(value.strip() for value in cells.values()):
            yield number, cells, {name: i + 1 for name, i in index.items()}


def read_cell(column: str, value) -> str:
    """A key's text without the spaces around it; any other cell's text as written."""
    return cell_text(value) if column in KEYS else kept_text(value)


def refuse_unheaded(sheet: str, row: int, values, heading, errors) -> None:
    """A value in a column with no heading would be lost: refused, naming its cell."""
    for number, value in enumerate(values, start=1):
        named = number <= len(heading) and heading[number - 1]
        if not named and kept_text(value) != "":
            errors.add(sheet, row, number, _("this column has no heading, so it is not read"))

"""Writing values into spreadsheets that open safely in Excel, whatever text was saved.

- Text that Excel would run as a formula (=, +, -, @ ...) stays text.
- Characters a workbook cannot hold (control characters such as a vertical tab
  pasted from Word, and the few code points XML forbids) are replaced by a
  visible U+FFFD "�", one for one: nothing disappears from the middle of a word.
- Text longer than a cell can hold (CELL_LIMIT) is never cut: it carries on in
  further cells at the end of its row, each saying where it continues.
"""

import functools
import re
from copy import copy

from django.conf import global_settings, settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from openpyxl.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.utils import column_index_from_string, get_column_letter

CELL_LIMIT = 32_767  # characters (UTF-16 code units) in one Excel cell
REPLACEMENT = "\ufffd"
# Everything XML 1.0 (and so .xlsx) cannot hold: C0 controls but tab, line feed and carriage
# return; surrogates; U+FFFE and U+FFFF.
UNWRITABLE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LAST_COLUMN = "XFD"  # the widest column name a note can give

WRAP = Alignment(wrap_text=True, vertical="top")  # one shared style: openpyxl dedupes slowly


def writable(value):
    """Text with every character a workbook cannot hold replaced by a visible �; translated
    text not yet looked up (gettext_lazy, a choice's label) as the active language has it."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return UNWRITABLE.sub(REPLACEMENT, value)
    return value


def safe_cell(value):
    """A value for a CSV cell: writable, and never run as a formula (a leading quote)."""
    value = writable(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_text(cell, value) -> None:
    """Put a value in an openpyxl cell; text that looks like a formula stays text."""
    cell.value = writable(value)
    if cell.data_type == "f":
        cell.data_type = "s"


def _too_long(text: str) -> bool:
    """Longer than a cell holds, counted as Excel counts: in UTF-16 code units."""
    return len(text) > CELL_LIMIT // 2 and len(text.encode("utf-16-le")) // 2 > CELL_LIMIT


def _continued(column: str) -> str:
    """The note at the end of a cell whose text carries on in `column`."""
    return " " + gettext("… (continued in column %(column)s)") % {"column": column}


def _units(text: str) -> int:
    """Text's length as Excel counts it: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _pieces(text: str, room: int) -> list[str]:
    """Text cut into pieces that each fit a cell with `room` left for a "continued" note."""
    pieces, current, used = [], [], 0
    for character in text:
        size = 2 if ord(character) > 0xFFFF else 1
        if used + size > CELL_LIMIT - room:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(character)
        used += size
    pieces.append("".join(current))
    return pieces


def _fitted(values) -> list:
    """The row's values, any too long for a cell carried on in cells after the last one."""
    values = [writable(value) for value in values]
    row, overflow = list(values), []
    for index, value in enumerate(values):
        if not isinstance(value, str) or not _too_long(value):
            continue
        # Room for the note as the active language words it, however long its translation.
        pieces = _pieces(value, _units(_continued(LAST_COLUMN)))
        chain = [index] + [len(values) + len(overflow) + n for n in range(len(pieces) - 1)]
        texts = [
            piece + _continued(get_column_letter(chain[n + 1] + 1))
            if n + 1 < len(pieces)
            else piece
            for n, piece in enumerate(pieces)
        ]
        row[index] = texts[0]
        overflow += texts[1:]
    return row + overflow


def append_row(sheet, values, font=None) -> list:
    """Add a row of wrapped, top-aligned cells, formula-safe and whole; optionally in a font."""
    # The style is looked up in the workbook once a row, then copied to each cell as openpyxl
    # copies cells: setting it on every cell was a third of a large export's time.
    styled = Cell(sheet)
    styled.alignment = WRAP
    if font:
        styled.font = font
    cells = []
    for value in _fitted(values):
        cell = Cell(sheet)
        cell._style = copy(styled._style)
        write_text(cell, value)
        cells.append(cell)
    sheet.append(cells)  # placed by append; no per-row search for the last row
    return cells


def languages() -> list[str]:
    """The languages an export read back may have been made in: English, the site's own
    (LANGUAGE_CODE), the active one, and each the site offers (LANGUAGES, where it sets its own
    list rather than Django's hundred), the active one last."""
    codes = ["en", settings.LANGUAGE_CODE]
    if settings.LANGUAGES != global_settings.LANGUAGES:
        codes += [code for code, _name in settings.LANGUAGES]
    codes.append(translation.get_language() or settings.LANGUAGE_CODE)
    return list(dict.fromkeys(codes))


def in_each_language(words) -> list:
    """words() in each of languages(), the active one last."""
    found = []
    for code in languages():
        with translation.override(code):
            found.append(words())
    return found


def is_heading(text: str, english: str) -> bool:
    """Whether a cell an import reads is the heading `english`, in any of languages(): an
    export made in Welsh imports back, whoever imports it."""
    wanted = {
        english.casefold(),
        *(h.casefold() for h in in_each_language(lambda: gettext(english))),
    }
    return text.strip().casefold() in wanted


@functools.lru_cache(maxsize=16)
def _continued_pattern(codes: tuple[str, ...]) -> re.Pattern:
    """The note that ends a carried-on cell, in each of the languages `codes`, as a pattern whose
    group "column" is the column it carries on in."""
    notes = set()
    for code in codes:
        with translation.override(code):
            notes.add(_continued("\0COLUMN\0"))
    alternatives = "|".join(
        re.escape(note).replace(re.escape("\0COLUMN\0"), f"(?P<c{n}>[A-Z]{{1,3}})")
        for n, note in enumerate(sorted(notes))
    )
    return re.compile(f"(?:{alternatives})\\Z")


def joined_row(values) -> tuple[list, set[int]]:
    """A row as an import reads it: text an export carried on in further cells ("… (continued
    in column X)", in any of languages()) joined back into its first cell. Returns the row's
    values and the indexes of the cells that were carried-on pieces (now None)."""
    values = list(values)
    pattern = _continued_pattern(tuple(languages()))
    pieces: set[int] = set()
    for index, value in enumerate(values):
        if index in pieces or not isinstance(value, str):
            continue
        whole, current, seen = [], value, {index}
        while (found := pattern.search(current)) is not None:
            column = next(letters for letters in found.groups() if letters)
            following = column_index_from_string(column) - 1
            if following in seen or following >= len(values):
                break
            if not isinstance(values[following], str):
                break
            whole.append(current[: found.start()])
            seen.add(following)
            pieces.add(following)
            current = values[following]
        if whole:
            values[index] = "".join([*whole, current])
    for index in pieces:
        values[index] = None
    return values, pieces


def rejoined(cells: list[str]) -> list[str]:
    """A row of texts as an export wrote it, read back: joined_row's, without the cells that
    were carried-on pieces at the end of the row."""
    if not any(cell.endswith(")") for cell in cells):
        return cells
    values, pieces = joined_row(cells)
    last = max((n for n in range(len(values)) if n not in pieces), default=-1)
    return ["" if value is None else value for value in values[: last + 1]]

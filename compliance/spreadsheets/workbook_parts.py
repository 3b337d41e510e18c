"""An uploaded workbook's parts checked before openpyxl parses any (workbooks.open_workbook): the
limits, the zip's directory, and one streaming pass of expat over every XML part."""

import re
import zipfile
import zlib
from xml.parsers import expat

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.utils import column_index_from_string, get_column_letter

from .cells import CELL_LIMIT
from .errors import SheetErrors

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PARTS = 500
MAX_PART_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 50
# What parsing costs grows with the elements (cells, strings, styles): 500,000 is ten times
# what a sheet of 5,000 rows by 8 columns holds, and parses in a few seconds.
MAX_ELEMENTS = 500_000
# Styles cost openpyxl far more to read than cells: a workbook saved by Excel has a few
# hundred; this allows a hundred times that.
MAX_STYLE_ELEMENTS = 20_000
MAX_DEPTH = 50
# Parts that are not XML: pictures and embedded binaries, which openpyxl does not parse.
NOT_XML = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin", ".vml")
CHUNK = 64 * 1024

CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return ngettext("%(size)s byte", "%(size)s bytes", size) % {"size": f"{size:,}"}
    megabytes = size / (1024 * 1024)
    number = f"{megabytes:,.0f}" if megabytes.is_integer() else f"{megabytes:,.1f}"
    return _("%(size)s MB") % {"size": number}


def refuse(message: str):
    raise SheetErrors([message])


def check_parts(archive) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        refuse(
            _("The workbook has %(parts)s parts; the most a workbook may have is %(most)s.")
            % {"parts": f"{len(parts):,}", "most": f"{MAX_PARTS:,}"}
        )
    total = 0
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            refuse(
                _(
                    "The workbook's part “%(part)s” unpacks to %(size)s; the most one part may "
                    "hold is %(most)s."
                )
                % {
                    "part": part.filename,
                    "size": megabytes(part.file_size),
                    "most": megabytes(MAX_PART_BYTES),
                }
            )
        total += part.file_size
    if total > MAX_TOTAL_BYTES:
        refuse(
            _("The workbook unpacks to %(size)s; the most a workbook may hold is %(most)s.")
            % {"size": megabytes(total), "most": megabytes(MAX_TOTAL_BYTES)}
        )
    # Every part that is not a picture is XML openpyxl may read, whatever its name's case;
    # the workbook's own parts first: they say which part is which sheet.
    names = sorted(
        (p.filename for p in parts if not p.filename.lower().endswith(NOT_XML) and p.file_size),
        key=lambda name: (name not in (WORKBOOK, WORKBOOK_RELS), name != SHARED_STRINGS),
    )
    titles, budget, problems = _SheetTitles(), _Budget(), SheetErrors()
    for name in names:
        _scan(archive, name, titles, budget, problems)
    problems.raise_if_any()


WORKBOOK, WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
SHARED_STRINGS = "xl/sharedStrings.xml"


class _SheetTitles:
    """Which part holds which sheet, from the workbook's list of sheets and its relations."""

    def __init__(self):
        self.ids, self.targets = {}, {}

    def title(self, name: str) -> str:
        by_target = {"xl/" + t.lstrip("/").removeprefix("xl/"): i for i, t in self.targets.items()}
        return self.ids.get(by_target.get(name), name)

    def describe(self, name: str) -> str:
        title = self.title(name)
        if title == name:
            return _("its part “%(part)s”") % {"part": name}
        return _("sheet “%(sheet)s”") % {"sheet": title}


class _Budget:
    """Elements across the whole workbook: what parsing it will cost, bounded; and which of
    its shared strings are longer than a cell holds (openpyxl would cut them short)."""

    def __init__(self):
        self.elements = 0
        self.long_strings: set[int] = set()


def _scan(archive, name: str, titles: _SheetTitles, budget: _Budget, problems) -> None:
    """Stream one XML part through expat: well-formed, no DTD, not too deep, not too many
    elements, and its cells within the limits. Each formula cell is added to `problems`: an
    import keeps text as it was written, and a formula's text is not what the cell shows."""
    shape = _SheetShape(name, titles, budget, problems)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = shape.refuse_doctype
    parser.StartElementHandler = shape.start
    parser.EndElementHandler = shape.end
    parser.CharacterDataHandler = shape.text
    parser.buffer_text = True  # a cell's text in one call, not one a line or entity
    parser.buffer_size = CHUNK
    try:
        with archive.open(name) as source:
            while chunk := source.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as error:
        refuse(
            _(
                "The workbook is damaged: %(part)s cannot be read (%(error)s, line %(line)s, "
                "column %(column)s). Open it in Excel and save it again."
            )
            % {
                "part": titles.describe(name),
                "error": expat.ErrorString(error.code),
                "line": error.lineno,
                "column": error.offset + 1,
            }
        )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError) as error:
        refuse(
            _("The workbook is damaged: %(part)s cannot be unpacked (%(error)s).")
            % {"part": titles.describe(name), "error": error}
        )


class _SheetShape:
    """Follows a part's elements, and a worksheet's rows and cells, which must come in order;
    refuses what lies beyond the limits."""

    def __init__(self, name: str, titles: _SheetTitles, budget: _Budget, problems: SheetErrors):
        self.name, self.titles, self.budget, self.problems = name, titles, budget, problems
        self.depth = 0
        self.elements = 0
        self.root = ""
        self.row = 0
        self.column = 0
        # Text in a shared string (<si>) or an inline one (<is>), and a cell's value (<v>).
        self.in_text, self.in_value = False, False
        self.length, self.strings, self.value, self.cell_type = 0, -1, "", ""

    def text(self, data: str) -> None:
        if self.in_text:
            self.length += len(data)
        elif self.in_value:
            self.value += data

    def refuse_doctype(self, *args):
        refuse(
            _(
                "The workbook is damaged: %(part)s declares a document type, which workbooks "
                "never do."
            )
            % {"part": self.titles.describe(self.name)}
        )

    def end(self, tag: str) -> None:
        self.depth -= 1
        local = tag.rsplit(" ", 1)[-1]
        if local == "t":
            self.in_text = False
        elif local == "v":
            self.in_value = False
        elif local == "si" and self.length > CELL_LIMIT:
            self.budget.long_strings.add(self.strings)
        elif local == "c" and self.root == "worksheet":
            shared = self.cell_type == "s" and self.value.strip().isdigit()
            if self.length > CELL_LIMIT or (shared and int(self.value) in self.budget.long_strings):
                self.problems.add(
                    self.titles.title(self.name),
                    max(self.row, 1),
                    self.column,
                    _(
                        "this cell holds more than %(limit)s characters, more than Excel keeps "
                        "in a cell, and an import keeps every character: split it over two "
                        "cells or shorten it"
                    )
                    % {"limit": f"{CELL_LIMIT:,}"},
                )

    def start(self, tag: str, attributes: dict) -> None:
        self.depth += 1
        self.elements += 1
        self.budget.elements += 1
        local = tag.rsplit(" ", 1)[-1]
        self.root = self.root or local
        if self.root == "styleSheet" and self.elements > MAX_STYLE_ELEMENTS:
            refuse(
                _(
                    "The workbook is too big to import: its styles hold more than %(most)s "
                    "elements. Copy the cells into a new workbook and save that."
                )
                % {"most": f"{MAX_STYLE_ELEMENTS:,}"}
            )
        if self.depth > MAX_DEPTH:
            refuse(
                _(
                    "The workbook is damaged: %(part)s nests its elements more than %(most)s "
                    "deep, which workbooks never do."
                )
                % {"part": self.titles.describe(self.name), "most": MAX_DEPTH}
            )
        if self.budget.elements > MAX_ELEMENTS:
            refuse(
                _(
                    "The workbook is too big to import: it holds more than %(most)s cells, "
                    "strings and styles in all."
                )
                % {"most": f"{MAX_ELEMENTS:,}"}
            )
        if local == "sheet" and self.name == WORKBOOK:
            relation = next((v for k, v in attributes.items() if k.endswith(" id")), None)
            self.titles.ids[relation] = attributes.get("name", "")
        elif local == "Relationship" and self.name == WORKBOOK_RELS:
            self.titles.targets[attributes.get("Id")] = attributes.get("Target", "")
        elif local == "dimension":
            self._dimension(attributes.get("ref", ""))
        elif local == "row":
            self._row(attributes.get("r"))
        elif local == "c":
            self._cell(attributes.get("r"))
            self.cell_type, self.value, self.length = attributes.get("t", ""), "", 0
        elif local == "t":
            self.in_text = True
        elif local == "v":
            self.in_value = True
        elif local == "si":
            self.strings, self.length = self.strings + 1, 0
        elif local == "f" and self.root == "worksheet":
            self.problems.add(
                self.titles.title(self.name),
                max(self.row, 1),
                self.column,
                _(
                    "this cell is a formula, and an import keeps only what was written. Copy "
                    "the cells and paste them as values (Paste Special, Values), then upload "
                    "the workbook again."
                ),
            )

    def _row(self, number) -> None:
        row = self._number(number, self.row + 1)
        if row <= self.row:
            self._damaged(
                _("has row %(row)s after row %(previous)s")
                % {"row": f"{row:,}", "previous": f"{self.row:,}"}
            )
        self.row, self.column = row, 0
        if self.row > MAX_ROWS:
            self._too_big(_("has a row %(row)s") % {"row": f"{self.row:,}"})

    def _cell(self, ref) -> None:
        found = CELL_REF.match(ref or "")
        row, column = (
            (int(found.group(2)), column_index_from_string(found.group(1).upper()))
            if found
            else (max(self.row, 1), self.column + 1)
        )
        if found and (row != max(self.row, 1) or column <= self.column):
            self._damaged(_("has its cell %(cell)s out of place") % {"cell": ref})
        self.column = column
        if row > MAX_ROWS or column > MAX_COLUMNS:
            cell = f"{get_column_letter(min(column, 18278))}{row}"
            self._too_big(_("has a cell at %(cell)s") % {"cell": cell})

    def _dimension(self, ref: str) -> None:
        last = ref.split(":")[-1]
        found = CELL_REF.match(last)
        if not found:
            return
        rows, columns = int(found.group(2)), column_index_from_string(found.group(1).upper())
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            self._too_big(
                _("declares cells up to %(cell)s (%(rows)s rows, %(columns)s columns)")
                % {"cell": last.upper(), "rows": f"{rows:,}", "columns": f"{columns:,}"}
            )

    @staticmethod
    def _number(text, default: int) -> int:
        return int(text) if text and text.isascii() and text.isdigit() else default

    def _damaged(self, what: str) -> None:
        refuse(
            _(
                # Translators: %(what)s says what is wrong, e.g. "has its cell B2 out of place".
                "The workbook is damaged: sheet “%(sheet)s” %(what)s. Open it in Excel and save "
                "it again."
            )
            % {"sheet": self.titles.title(self.name), "what": what}
        )

    def _too_big(self, what: str) -> None:
        refuse(
            _(
                # Translators: %(what)s says what is wrong, e.g. "has its cell B2 out of place".
                "The workbook is too big to import: sheet “%(sheet)s” %(what)s. A sheet may "
                "have at most %(rows)s rows and %(columns)s columns (up to %(cell)s)."
            )
            % {
                "sheet": self.titles.title(self.name),
                "what": what,
                "rows": f"{MAX_ROWS:,}",
                "columns": MAX_COLUMNS,
                "cell": f"{get_column_letter(MAX_COLUMNS)}{MAX_ROWS}",
            }
        )

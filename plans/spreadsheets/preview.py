"""What an upload would become, before anything is saved: the plan's columns and what each
holds, its status words and what each means, each row as an item, and every warning and error.
The admin's preview shows it; saving.save() stores it, all or nothing.

Every cell's text is kept as written. What the tracker reads from it is kept beside it:
- the standards: the codes in brackets at the end of the area of work ("Commissioning (1.6 and
  3.3)"), or every code in a column of standards;
- the actions and outcomes, one per numbered or bulleted line (listed.py);
- the due date, from the timescale (timescales.py);
- what the status means, from the plan's status words.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance import dates
from wagtail_minimum_standards.compliance.models import Framework, Standard
from wagtail_minimum_standards.compliance.spreadsheets.cells import CELL_LIMIT
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors

from ..models import DeliveryPlan, Meaning, StatusMeaning
from ..models.layout import (
    DEFAULT_STATUSES,
    FIELD_OF_MEANING,
    HEADING_LIMIT,
    LISTED_MEANINGS,
    STATUS_LIMIT,
)
from ..timescales import due_date_for, impossible_date, not_a_date
from . import reading
from .listed import split_listed
from .suggestions import suggest_meanings, suggest_status_meaning

AREA_CODES = re.compile(r"\((?P<codes>[^()]*)\)\s*$")
CODE = re.compile(r"[A-Za-z]?\d+(?:\.\d+)+|[A-Z]\d+")
FIELDS, LISTED = FIELD_OF_MEANING, LISTED_MEANINGS


@dataclass
class ItemPreview:
    row: int
    fields: dict[str, str]
    extra: dict[str, str]
    actions: list[tuple[str, str]]
    outcomes: list[tuple[str, str]]
    standards: list[Standard]
    due_date: object = None  # set by hand in a full copy; else read from the timescale
    owner_users: list = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    done: dict[int, object] = field(default_factory=dict)  # action number: its date


@dataclass
class PlanPreview:
    sheet: str
    title: str
    framework: Framework | None
    heading_row: int
    columns: list[tuple[str, str]]  # (heading, meaning)
    statuses: list[tuple[str, str]]  # (word, meaning); meaning "" while nobody has said
    items: list[ItemPreview]
    errors: SheetErrors
    warnings: list[str]

    @property
    def found_words(self) -> list[str]:
        return [word for word, _meaning in self.statuses]


def prepare(
    file,
    framework: Framework | None = None,
    title: str = "",
    meanings: list[str] | None = None,
    status_meanings: dict[str, str] | None = None,
    heading_row: int | None = None,
) -> PlanPreview:
    """Read `file` as a plan. `meanings`: what each column holds (else our own export's
    "Columns" sheet says, else suggested from the headings); `status_meanings`: what each
    status word means (else our export's "Status words", else suggested)."""
    errors = SheetErrors()
    sheet = reading.read_workbook(file, errors, heading_row)
    tables = sheet.tables
    meanings = meanings or _listed_meanings(sheet) or suggest_meanings(sheet.headings)
    columns = list(zip(sheet.headings, meanings, strict=False))
    preview = PlanPreview(
        sheet.name, title or sheet.title, framework, sheet.heading_row, columns, [], [], errors, []
    )
    if not sheet.headings:
        errors.add(sheet.name, 1, None, _("the sheet is empty: no headings and no rows"))
        return preview
    if len(meanings) != len(sheet.headings):
        errors.add(sheet.name, sheet.heading_row, None, _("say what every column holds"))
        return preview
    _check_columns(preview)
    preview.statuses = _statuses(
        sheet, meanings, status_meanings, tables.get(reading.STATUSES_SHEET)
    )
    standards = _standards(framework)
    for number, cells in sheet.rows:
        preview.items.append(_item(preview, number, cells, standards))
    _full_copy(preview, tables, standards)
    _check_title(preview)
    return preview


def _listed_meanings(sheet) -> list[str]:
    listed = sheet.tables.get(reading.COLUMNS_SHEET)
    if not listed:
        return []
    known = set(Meaning.values)
    found = [cells.get("holds", "").strip() for _number, cells in listed.rows]
    if len(found) != len(sheet.headings) or not set(found) <= known:
        return []  # the plan's sheet was changed since: suggested again, for the manager
    return found


def _check_columns(preview: PlanPreview) -> None:
    seen = {}
    for column, (heading, meaning) in enumerate(preview.columns, start=1):
        if len(heading) > HEADING_LIMIT:
            preview.errors.add(
                preview.sheet,
                preview.heading_row,
                column,
                _("a heading may be at most %(limit)s characters; this one has %(length)s")
                % {"limit": HEADING_LIMIT, "length": f"{len(heading):,}"},
            )
        if meaning not in Meaning.values:
            preview.errors.add(
                preview.sheet, preview.heading_row, column, _("say what this column holds")
            )
        elif meaning != Meaning.TEXT and meaning in seen:
            preview.errors.add(
                preview.sheet,
                preview.heading_row,
                column,
                _("column %(other)s holds the %(meaning)s already: keep one as text")
                % {"other": seen[meaning], "meaning": Meaning(meaning).label.lower()},
            )
        seen.setdefault(meaning, _letter(column))


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _statuses(sheet, meanings, chosen, listed) -> list[tuple[str, str]]:
    """The plan's status words: those our export listed, or the 2018 words if every word the
    plan uses is one of them; then each other word the plan uses, as written, in order."""
    column = meanings.index(Meaning.STATUS) if Meaning.STATUS in meanings else None
    used = list(dict.fromkeys(cells[column] for _n, cells in sheet.rows if column is not None))
    used = [word for word in used if word]
    if listed:
        base = [(c.get("word", ""), c.get("means", "").strip()) for _n, c in listed.rows]
    elif all(word in dict(DEFAULT_STATUSES) for word in used):
        base = [(word, str(meaning)) for word, meaning in DEFAULT_STATUSES]
    else:
        base = []
    known = dict(base)
    words = [*known, *(word for word in used if word not in known)]
    chosen = chosen or {}
    found = [
        (word, chosen.get(word) or known.get(word) or suggest_status_meaning(word, known))
        for word in words
    ]
    return [(word, m if m in StatusMeaning.values else "") for word, m in found]


def _standards(framework) -> dict[str, Standard]:
    if not framework:
        return {}
    return {s.code: s for s in Standard.objects.filter(section__framework=framework)}


def _item(preview: PlanPreview, number: int, cells: list[str], standards) -> ItemPreview:
    item = ItemPreview(number, {}, {}, [], [], [])
    for column, (cell, (_heading, meaning)) in enumerate(
        zip(cells, preview.columns, strict=True), start=1
    ):
        lines = split_listed(cell) if meaning in LISTED else [("", cell)]
        longest = max((len(text) for _lead, text in lines), default=0)
        if longest > CELL_LIMIT:  # a text carried on across cells (export.py), joined again
            preview.errors.add(
                preview.sheet,
                number,
                column,
                _("a text may hold at most %(limit)s characters; this one has %(length)s")
                % {"limit": f"{CELL_LIMIT:,}", "length": f"{longest:,}"},
            )
        if meaning in FIELDS:
            item.fields[FIELDS[meaning]] = cell
        elif meaning in LISTED:
            setattr(item, LISTED[meaning], lines)
        else:
            item.extra[str(column - 1)] = cell
    area, listed_codes = item.fields.get("area_of_work", ""), item.fields.get("standards_text")
    codes = CODE.findall(listed_codes) if listed_codes is not None else _area_codes(area)
    _link(preview, item, codes, standards)
    timescale = item.fields.get("timescale", "")
    if wrong := impossible_date(timescale):
        preview.errors.add(
            preview.sheet, number, _column_of(preview, Meaning.TIMESCALE), not_a_date(wrong)
        )
    else:
        item.due_date = due_date_for(timescale) if timescale else None
    status = item.fields.get("status", "")
    if len(status) > STATUS_LIMIT:
        preview.errors.add(
            preview.sheet,
            number,
            _column_of(preview, Meaning.STATUS),
            _("a status word may be at most %(limit)s characters") % {"limit": STATUS_LIMIT},
        )
    elif status and not dict(preview.statuses).get(status):
        preview.errors.add(
            preview.sheet,
            number,
            _column_of(preview, Meaning.STATUS),
            _("say what the status “%(word)s” means (open, at risk, off track, ongoing or done)")
            % {"word": status},
        )
    return item


def _area_codes(area: str) -> list[str]:
    found = AREA_CODES.search(area)
    return CODE.findall(found.group("codes")) if found else []


def _column_of(preview: PlanPreview, meaning: str) -> int:
    return next(n for n, (_h, m) in enumerate(preview.columns, start=1) if m == meaning)


def _link(preview: PlanPreview, item: ItemPreview, codes: list[str], standards) -> None:
    """The standards the codes name; a code that names none is flagged, its text kept."""
    if not codes:
        return
    column = _column_of(
        preview, Meaning.STANDARDS if "standards_text" in item.fields else Meaning.AREA
    )
    if preview.framework is None:
        preview.warnings.append(
            _("Row %(row)s, column %(column)s: %(codes)s not linked to standards (no framework "
              "chosen); the text is kept as written.")
            % {"row": item.row, "column": _letter(column), "codes": ", ".join(codes)}
        )  # fmt: skip
        return
    missing = [code for code in codes if code not in standards]
    if missing:
        preview.warnings.append(
            _("Row %(row)s, column %(column)s: %(framework)s has no standard %(codes)s, so it "
              "is not linked; the text is kept as written.")
            % {"row": item.row, "column": _letter(column), "framework": preview.framework,
               "codes": ", ".join(missing)}
        )  # fmt: skip
    item.standards = list(dict.fromkeys(standards[c] for c in codes if c in standards))


def _check_title(preview: PlanPreview) -> None:
    limit = DeliveryPlan._meta.get_field("title").max_length
    if not preview.title:
        preview.title = _("Imported delivery plan")
    if len(preview.title) > limit:
        preview.errors.add(
            preview.sheet,
            1,
            1,
            _("a plan's title may be at most %(limit)s characters") % {"limit": limit},
        )


def _full_copy(preview: PlanPreview, tables, standards) -> None:
    """A full copy's own sheets: due dates, owners who are users, linked standards, progress
    updates and actions done, each naming its item by its row on the plan's sheet."""
    by_row = {item.row: item for item in preview.items}
    people = {}
    if details := tables.get(reading.DETAILS_SHEET):
        names = {name for _n, cells in details.rows for name in cells["owners (users)"].split()}
        people = {u.get_username(): u for u in get_user_model().objects.filter(username__in=names)}
    for sheet_name, read_row in (
        (reading.DETAILS_SHEET, _details),
        (reading.UPDATES_SHEET, _update),
        (reading.DONE_SHEET, _done),
    ):
        table = tables.get(sheet_name)
        for number, cells in table.rows if table else []:
            place = _Place(preview.errors, sheet_name, number, reading.FULL_COPY_SHEETS[sheet_name])
            item = by_row.get(int(cells["row"])) if cells["row"].strip().isdigit() else None
            if item is None:
                place.add("row", _("the plan's sheet has no item in row “%(row)s”") % cells)
                continue
            read_row(preview, item, cells, place, standards=standards, people=people)


@dataclass
class _Place:
    errors: SheetErrors
    sheet: str
    row: int
    columns: list[str]

    def add(self, column: str, message: str) -> None:
        self.errors.add(self.sheet, self.row, self.columns.index(column) + 1, message)

    def date(self, cells, column: str, required: bool = True):
        text = cells[column].strip()
        if not text and not required:
            return None
        day = dates.read(text)
        if day is None:
            self.add(column, _("“%(text)s” is not a date (30/06/2027)") % {"text": text})
        return day


def _details(preview, item, cells, place, *, standards, people, **_unused):
    item.due_date = place.date(cells, "due date", required=False)
    for name in cells["owners (users)"].split():
        if name not in people:
            place.add("owners (users)", _("no user has the username “%(name)s”") % {"name": name})
        else:
            item.owner_users.append(people[name])
    codes = cells["standards"].split()
    unknown = [code for code in codes if code not in standards]
    if unknown:
        place.add(
            "standards",
            _("no standard %(codes)s in the plan's framework") % {"codes": ", ".join(unknown)},
        )
    item.standards = [standards[code] for code in codes if code in standards]
    word = cells["status"]
    if word and word not in dict(preview.statuses):
        place.add("status", _("“%(word)s” is not one of the plan's status words") % {"word": word})
    if "status" not in item.fields:  # the plan's sheet has no status column
        item.fields["status"] = word


def _update(preview, item, cells, place, *, people, **_unused):
    word = cells["new status"]
    if word and word not in dict(preview.statuses):
        place.add(
            "new status", _("“%(word)s” is not one of the plan's status words") % {"word": word}
        )
    by = cells["by"].strip()
    if by and by not in people:
        people[by] = get_user_model().objects.filter(username=by).first()
    if by and people.get(by) is None:
        place.add("by", _("no user has the username “%(name)s”") % {"name": by})
    item.updates.append(
        {
            "date": place.date(cells, "date"),
            "text": cells["what happened"],
            "new_status": word,
            "by": people.get(by),
        }
    )


def _done(preview, item, cells, place, **_unused):
    number = cells["action"].strip()
    if not number.isdigit() or not 1 <= int(number) <= len(item.actions):
        place.add(
            "action",
            _("a tick for action “%(number)s”, but the item in row %(row)s has %(count)s actions")
            % {"number": number, "row": item.row, "count": len(item.actions)},
        )
        return
    item.done[int(number)] = place.date(cells, "done on")

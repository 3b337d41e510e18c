"""A delivery plan as a workbook in its own shape, and back (preview.py, saving.py).

The plan's sheet: its title, then its headings, then one row per item, each cell as written (an
item's actions and outcomes as their cell was). Then our own sheets: "Columns" and "Status
words", so that the export imports back to the same plan with nothing guessed. A full copy
adds "Item details", "Progress updates" and "Actions done", so that a plan moves between
installations whole. Export, import, export gives the same workbook, cell for cell.
"""

import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from wagtail_minimum_standards.compliance import dates
from wagtail_minimum_standards.compliance.spreadsheets.cells import append_row

from ..models import DeliveryPlan, Meaning, PlanAction, PlanItem, PlanOutcome, ProgressUpdate
from . import reading
from .listed import joined
from .preview import FIELDS, LISTED

SHEET_TITLE_REFUSED = re.compile(r"[\\/*?:\[\]]")
SHEET_TITLE_LIMIT = 31
BOLD = Font(bold=True)


def fit_sheet_title(title: str) -> str:
    """A sheet's title as Excel takes it, whatever a translation made of it: no character it
    refuses, and no longer than it allows."""
    return SHEET_TITLE_REFUSED.sub("-", title)[:SHEET_TITLE_LIMIT]


def export_plan(plan: DeliveryPlan, full: bool = False) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = fit_sheet_title(_("Delivery plan"))
    columns = list(plan.columns.all())
    for column in columns:
        width = 14 if column.meaning in (Meaning.TIMESCALE, Meaning.STATUS) else 34
        sheet.column_dimensions[get_column_letter(column.position + 1)].width = width
    append_row(sheet, [plan.title], Font(bold=True, size=14))
    append_row(sheet, [column.heading for column in columns], BOLD)
    items = list(plan.items.order_by("position", "pk").values())
    listed = _listed([item["id"] for item in items])
    for item in items:
        append_row(sheet, [_cell(item, column, listed) for column in columns])
    _table(book, reading.COLUMNS_SHEET, reading.COLUMNS, [
        [get_column_letter(n), column.heading, column.meaning]
        for n, column in enumerate(columns, start=1)
    ])  # fmt: skip
    _table(book, reading.STATUSES_SHEET, reading.STATUSES, plan.statuses.values_list(
        "label", "meaning"
    ))  # fmt: skip
    if full:
        _full_copy(book, plan, items, listed)
    return book


def _listed(ids) -> dict:
    """(model, item id) -> [(number, lead, text, done_on)], from one query a model."""
    found = {}
    for model in (PlanAction, PlanOutcome):
        done = "done_on" if model is PlanAction else "number"  # outcomes are never done
        rows = model.objects.filter(item_id__in=ids).order_by("item_id", "number")
        for item_id, number, lead, text, done_on in rows.values_list(
            "item_id", "number", "lead", "text", done
        ):
            found.setdefault((model, item_id), []).append((number, lead, text, done_on))
    return found


def _cell(item: dict, column, listed) -> str:
    if column.meaning in FIELDS:
        return item[FIELDS[column.meaning]]
    if column.meaning in LISTED:
        model = PlanAction if column.meaning == Meaning.ACTIONS else PlanOutcome
        return joined((lead, text) for _n, lead, text, _d in listed.get((model, item["id"]), []))
    return item["extra"].get(str(column.position), "")


def _table(book, name: str, columns: list[str], rows) -> None:
    sheet = book.create_sheet(name)
    append_row(sheet, columns, BOLD)
    for row in rows:
        append_row(sheet, list(row))


def _full_copy(book, plan, items, listed) -> None:
    rows = {item["id"]: number for number, item in enumerate(items, start=3)}  # under headings
    ids = list(rows)
    codes, people = {}, {}
    through = PlanItem.standards.through.objects.filter(planitem_id__in=ids)
    for item_id, code in through.order_by(
        "standard__section__position", "standard__position"
    ).values_list("planitem_id", "standard__code"):
        codes.setdefault(item_id, []).append(code)
    owners = PlanItem.owner_users.through.objects.filter(planitem_id__in=ids)
    for item_id, name in owners.order_by("pk").values_list("planitem_id", "user__username"):
        people.setdefault(item_id, []).append(name)
    _table(book, reading.DETAILS_SHEET, reading.DETAILS, [
        [rows[item["id"]], _date(item["due_date"]), " ".join(people.get(item["id"], [])),
         " ".join(codes.get(item["id"], [])), item["status"]]
        for item in items
    ])  # fmt: skip
    updates = ProgressUpdate.objects.filter(item_id__in=ids).order_by("date", "pk")
    _table(book, reading.UPDATES_SHEET, reading.UPDATES, [
        [rows[item_id], _date(day), text, status, by or ""]
        for item_id, day, text, status, by in updates.values_list(
            "item_id", "date", "text", "new_status", "by__username"
        )
    ])  # fmt: skip
    _table(book, reading.DONE_SHEET, reading.DONE, [
        [rows[item_id], number, _date(done_on)]
        for (model, item_id), entries in listed.items()
        if model is PlanAction
        for number, _lead, _text, done_on in entries
        if done_on
    ])  # fmt: skip


def _date(day) -> str:
    return day.strftime(dates.SHOWN) if day else ""


def plan_cells(plan: DeliveryPlan) -> tuple[list[str], list[list[str]]]:
    """The plan as its own table, as the export's first sheet has it: its headings, and each
    item's cells as written (Appendix 4 of the annual report). Four queries."""
    columns = list(plan.columns.all())
    items = list(plan.items.order_by("position", "pk").values())
    listed = _listed([item["id"] for item in items])
    rows = [[str(_cell(item, column, listed) or "") for column in columns] for item in items]
    return [column.heading for column in columns], rows

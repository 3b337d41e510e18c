"""A delivery plan as a spreadsheet in Appendix 4's layout, and back. Imports are all or nothing.

Row 1: the plan's title. Row 2: the seven headings, as the plan names them
(Area of work (link to Standard) | Task objective | Action | Outcome | Who? |
Timescale | Actual Completion), and an optional eighth, the status. Then one row
per item: the standards it serves in brackets after the area of work, e.g.
"Commissioning ... (1.6 and 3.3)"; actions and outcomes numbered, one per line.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from simple_history.utils import bulk_create_with_history

from wagtail_minimum_standards.compliance.models import Framework, Standard
from wagtail_minimum_standards.compliance.spreadsheets.cells import append_row, in_each_language
from wagtail_minimum_standards.compliance.spreadsheets.errors import (
    SheetErrors,
    cell_text,
    check_length,
)
from wagtail_minimum_standards.compliance.spreadsheets.workbooks import (
    first_sheet,
    open_workbook,
    sheet_rows,
)

from .models import DeliveryPlan, PlanAction, PlanItem, PlanOutcome
from .timescales import impossible_date, not_a_date

HEADING_FIELDS = [
    "area_heading",
    "objective_heading",
    "actions_heading",
    "outcomes_heading",
    "owners_heading",
    "timescale_heading",
    "completion_heading",
]
AREA = re.compile(r"^(?P<area>.*?)\s*\((?P<codes>[^()]*)\)\s*$", re.S)
CODE = re.compile(r"[A-Za-z]?\d+(?:\.\d+)+|[A-Z]\d+")
NUMBER_PREFIX = re.compile(r"^(?:\d{1,2}[.)]?|[·•*-])\s+")
SHEET_TITLE_REFUSED = re.compile(r"[\\/*?:\[\]]")
SHEET_TITLE_LIMIT = 31


def fit_sheet_title(title: str) -> str:
    """A sheet's title as Excel takes it, whatever a translation made of it: no character it
    refuses, and no longer than it allows."""
    return SHEET_TITLE_REFUSED.sub("-", title)[:SHEET_TITLE_LIMIT]


def numbered(lines) -> str:
    """(number, text) pairs as the annual report numbers them, one per line."""
    return "\n".join(f"{number}. {text}" for number, text in lines)


def area_cell(area: str, codes) -> str:
    """The area of work with its standards' codes in brackets: "Commissioning (1.6 and 3.3)".
    The import finds the codes themselves, so the word between them may be translated; the
    brackets may not."""
    and_ = pgettext("between standards' codes: 1.6 and 3.3", "and")
    joined = f" {and_} ".join(codes)
    return f"{area} ({joined})" if joined else area


def export_rows(plan: DeliveryPlan):
    """Each item's cells, from four queries of plain values however many items: a plan of
    1,000 items built as model instances took most of the export's time."""
    items = list(
        plan.items.values_list(
            "pk", "area_of_work", "objective", "owners", "timescale", "completion_notes", "status"
        )
    )
    ids = [item[0] for item in items]
    codes, actions, outcomes = {}, {}, {}
    standards = PlanItem.standards.through.objects.filter(planitem_id__in=ids)
    for item_id, code in standards.order_by(
        "standard__section__position", "standard__position"
    ).values_list("planitem_id", "standard__code"):
        codes.setdefault(item_id, []).append(code)
    for model, found in ((PlanAction, actions), (PlanOutcome, outcomes)):
        for item_id, number, text in model.objects.filter(item_id__in=ids).values_list(
            "item_id", "number", "text"
        ):
            found.setdefault(item_id, []).append((number, text))
    labels = {value: str(label) for value, label in PlanItem.Status.choices}
    for pk, area, objective, owners, timescale, completion, status in items:
        yield [
            area_cell(area, codes.get(pk, [])), objective,
            numbered(actions.get(pk, [])), numbered(outcomes.get(pk, [])),
            owners, timescale, completion, labels.get(status, status),
        ]  # fmt: skip


def export_plan(plan: DeliveryPlan) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = fit_sheet_title(_("Delivery plan"))
    for column, width in zip("ABCDEFGH", [30, 34, 50, 44, 24, 14, 36, 12], strict=True):
        sheet.column_dimensions[column].width = width
    append_row(sheet, [plan.title], Font(bold=True, size=14))
    append_row(sheet, [*plan.headings, plan.status_heading], Font(bold=True))
    for row in export_rows(plan):
        append_row(sheet, row)
    return book


def split_numbered(text: str) -> list[str]:
    """Numbered lines ("1. Review SLA" one per line, or all on one line) -> their texts."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) == 1:
        return _split_inline(lines[0])
    items = []
    for line in lines:  # a line without a number or bullet continues the one before
        if NUMBER_PREFIX.match(line) or not items:
            items.append(NUMBER_PREFIX.sub("", line, count=1))
        else:
            items[-1] += " " + line
    return items


def _split_inline(text: str) -> list[str]:
    """ "1. Review SLA 2. Draft SLA 3 Agree it" -> three actions: each next number in turn,
    "N." preferred to a bare "N" so that "recruit 2 or 3 people" stays whole."""
    starts, position, number = [], 0, 1
    while True:
        found = None
        for pattern in (rf"(?:^|(?<=\s)){number}\.\s+", rf"(?:^|(?<=\s)){number}\s+(?=[A-Z])"):
            found = re.compile(pattern).search(text, position)
            if found:
                break
        # The same number again ("5. ... 5. ..."), before the next one, is another action.
        again = re.compile(rf"(?<=\s){number - 1}\.\s+").search(text, position) if starts else None
        if again and (not found or again.start() < found.start()):
            found, number = again, number - 1
        if not found or (number == 1 and found.start() != 0):
            break
        starts.append((found.start(), found.end()))
        position, number = found.end(), number + 1
    if not starts:
        return [text]
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return [text[body:end].strip() for (_, body), end in zip(starts, ends, strict=True)]


def status_values() -> dict[str, str]:
    """Each status by its label, casefolded, in each language an export may have been made in
    (the active one winning should two differ): an export made in Welsh imports back, and so
    does one in English, whoever imports it."""
    found = {}
    for labels in in_each_language(
        lambda: {str(label).casefold(): value for value, label in PlanItem.Status.choices}
    ):
        found |= labels
    return found


def starts_headings(cell: str) -> bool:
    """Whether a row whose first cell this is is the headings' row: it starts "Area", in any
    language an export may have been made in (the headings are the plan's own)."""
    words = in_each_language(
        lambda: pgettext("the first word of a delivery plan's heading row, lower case", "area")
    )
    return cell.casefold().startswith(("area", *(word.casefold() for word in words)))


def import_plan(file, framework: Framework | None = None, title: str = "") -> DeliveryPlan:
    sheet = first_sheet(open_workbook(file))
    errors = SheetErrors()
    rows = [
        (number, [cell_text(v) for v in (list(values) + [None] * 8)[:8]])
        for number, values in enumerate(sheet_rows(sheet, max_col=8), start=1)
    ]
    heading_at = next((n for n, cells in rows if starts_headings(cells[0])), None)
    if heading_at is None:
        errors.add(sheet.title, 1, 1, _("no heading row starting “Area of work” was found"))
        errors.raise_if_any()
    sheet_title = next((cells[0] for n, cells in rows if n < heading_at and cells[0]), "")
    headings = rows[heading_at - 1][1]
    for column, heading in enumerate(headings, start=1):
        check_length(errors, sheet.title, heading_at, column, heading, DeliveryPlan, "area_heading")
    statuses = status_values()
    standards = (
        {s.code: s for s in Standard.objects.filter(section__framework=framework)}
        if framework
        else {}
    )
    items = []
    for number, cells in rows[heading_at:]:
        if not any(cells):
            continue
        area, objective, actions, outcomes, owners, timescale, completion, status = cells
        if not objective:
            errors.add(sheet.title, number, 2, _("the task objective is empty"))
        match = AREA.match(area)
        codes = CODE.findall(match.group("codes")) if match else []
        if codes and not framework:
            errors.add(sheet.title, number, 1, _("name the framework whose standards these are"))
        missing = [code for code in codes if framework and code not in standards]
        if missing:
            message = _("%(framework)s has no standard %(codes)s")
            errors.add(
                sheet.title,
                number,
                1,
                message % {"framework": framework, "codes": ", ".join(missing)},
            )
        area_text = match.group("area") if match else area
        for column, value, name in (
            (1, area_text, "area_of_work"),
            (5, owners, "owners"),
            (6, timescale, "timescale"),
        ):
            check_length(errors, sheet.title, number, column, value, PlanItem, name)
        if wrong := impossible_date(timescale):
            errors.add(sheet.title, number, 6, not_a_date(wrong))
        if status and status.casefold() not in statuses:
            known = ", ".join(str(label) for label in PlanItem.Status.labels)
            message = _("“%(status)s” is not a status (%(known)s)")
            errors.add(sheet.title, number, 8, message % {"status": status, "known": known})
        items.append({
            "area_of_work": match.group("area") if match else area,
            "standards": [standards[c] for c in codes if c in standards],
            "objective": objective, "owners": owners, "timescale": timescale,
            "completion_notes": completion,
            "status": statuses.get(status.casefold(), PlanItem.Status.NOT_STARTED),
            "actions": split_numbered(actions), "outcomes": split_numbered(outcomes),
        })  # fmt: skip
    title = cell_text(title) or sheet_title or _("Imported delivery plan")
    check_length(errors, sheet.title, 1, 1, title, DeliveryPlan, "title")
    errors.raise_if_any()
    return _create(title, framework, headings, items)


@transaction.atomic
def _create(title, framework, headings, items) -> DeliveryPlan:
    names = dict(zip(HEADING_FIELDS, headings, strict=False))
    plan = DeliveryPlan.objects.create(
        title=title, framework=framework, **{k: v for k, v in names.items() if v}
    )
    if len(headings) > 7 and headings[7]:
        plan.status_heading = headings[7]
        plan.save()
    for position, data in enumerate(items, start=1):
        item = PlanItem(
            plan=plan,
            position=position,
            **{k: v for k, v in data.items() if k not in ("standards", "actions", "outcomes")},
        )
        item.standards.set(data["standards"])  # a ParentalManyToManyField: saved with the item
        item.save()
        bulk_create_with_history(
            [PlanAction(item=item, number=n, text=t) for n, t in enumerate(data["actions"], 1)],
            PlanAction,
        )
        bulk_create_with_history(
            [PlanOutcome(item=item, number=n, text=t) for n, t in enumerate(data["outcomes"], 1)],
            PlanOutcome,
        )
    return plan

"""Load a framework from the documented template (docs/spreadsheets.md). All or nothing."""

import re

from django.db import transaction

from ..models import ChecklistItem, Framework, RatingLevel, Section, Standard
from ..site_checks import SITE_CHECKS
from .errors import SheetErrors, cell_text, check_length, open_workbook

FRAMEWORK_KEYS = {"code", "name", "version", "source", "rating heading"}
SCALE_COLUMNS = ["position", "code", "label", "meaning", "colour", "counts as met", "not yet rated"]
STANDARD_COLUMNS = ["section", "section title", "code", "wording"]
CHECKLIST_COLUMNS = ["standard", "item", "site check"]
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def import_framework(file) -> Framework:
    """Read and check the whole workbook, then create the framework in one transaction."""
    book = open_workbook(file)
    errors = SheetErrors()
    for required in ("Framework", "Scale", "Standards"):
        if required not in book.sheetnames:
            errors.add(required, 1, None, "this sheet is missing")
    errors.raise_if_any()

    details = _framework_details(book["Framework"], errors)
    levels = _scale(book["Scale"], errors)
    sections, standards = _standards(book["Standards"], errors)
    checklist = (
        _checklist(book["Checklist"], standards, errors) if "Checklist" in book.sheetnames else []
    )
    if details.get("code") and Framework.objects.filter(code=details["code"]).exists():
        errors.add(
            "Framework", details["_code_row"], 2, f"a framework “{details['code']}” exists already"
        )
    errors.raise_if_any()
    return _create(details, levels, sections, standards, checklist)


def _rows(sheet, columns, errors):
    """Data rows under a heading row that must name `columns`, as (row number, dict)."""
    rows = sheet.iter_rows(values_only=True)
    heading = [cell_text(v).lower() for v in next(rows, ())]
    missing = [c for c in columns if c not in heading]
    if missing:
        errors.add(sheet.title, 1, None, f"the heading row needs the columns: {', '.join(missing)}")
        return
    index = {name: heading.index(name) for name in columns}
    for number, values in enumerate(rows, start=2):
        cells = {name: cell_text(values[i]) if i < len(values) else "" for name, i in index.items()}
        if any(cells.values()):
            yield number, cells, {name: i + 1 for name, i in index.items()}


def _framework_details(sheet, errors) -> dict:
    details, rows_of = {}, {}
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        key = cell_text(values[0] if values else "").lower()
        if key in FRAMEWORK_KEYS:
            details[key] = cell_text(values[1] if len(values) > 1 else "")
            rows_of[key] = number
            if key == "code":
                details["_code_row"] = number
    for key in ("code", "name", "version"):
        if not details.get(key):
            errors.add(sheet.title, 1, 2, f"give the framework's {key} in a row “{key}”")
    for key, field in (
        ("code", "code"),
        ("name", "name"),
        ("version", "version"),
        ("rating heading", "rating_heading"),
    ):
        check_length(
            errors, sheet.title, rows_of.get(key, 1), 2, details.get(key, ""), Framework, field
        )
    if details.get("code") and not re.fullmatch(r"[-a-zA-Z0-9_]+", details["code"]):
        errors.add(
            sheet.title, details["_code_row"], 2, "the code may hold only letters, digits, - and _"
        )
    return details


def _scale(sheet, errors) -> list[dict]:
    levels, codes = [], set()
    for row, cells, col in _rows(sheet, SCALE_COLUMNS, errors):
        if not cells["position"].isdigit():
            errors.add(sheet.title, row, col["position"], "the position must be a whole number")
        if not cells["code"] or not cells["label"]:
            errors.add(sheet.title, row, col["code"], "each level needs a code and a label")
        if cells["code"] in codes:
            errors.add(sheet.title, row, col["code"], f"the code “{cells['code']}” is used twice")
        codes.add(cells["code"])
        check_length(errors, sheet.title, row, col["code"], cells["code"], RatingLevel, "code")
        check_length(errors, sheet.title, row, col["label"], cells["label"], RatingLevel, "label")
        colour = cells["colour"] or "#6f777b"
        if not COLOUR.fullmatch(colour):
            errors.add(sheet.title, row, col["colour"], f"“{colour}” is not a colour like #1d70b8")
        flags = {}
        for flag in ("counts as met", "not yet rated"):
            value = cells[flag].lower()
            if value not in YES | NO:
                errors.add(sheet.title, row, col[flag], f"write yes or no, not “{cells[flag]}”")
            flags[flag] = value in YES
        levels.append(
            {
                "position": int(cells["position"]) if cells["position"].isdigit() else 0,
                "code": cells["code"],
                "label": cells["label"],
                "meaning": cells["meaning"],
                "colour": colour,
                "counts_as_met": flags["counts as met"],
                "is_unrated": flags["not yet rated"],
            }
        )
    if not levels:
        errors.add(sheet.title, 2, None, "the scale needs at least one level")
    return levels


def _standards(sheet, errors):
    sections, standards = {}, {}
    for row, cells, col in _rows(sheet, STANDARD_COLUMNS, errors):
        number = cells["section"]
        if not number:
            errors.add(sheet.title, row, col["section"], "give the section number")
            continue
        if number not in sections:
            if not cells["section title"]:
                errors.add(sheet.title, row, col["section title"], f"give section {number}'s title")
            sections[number] = {
                "number": number,
                "title": cells["section title"],
                "position": len(sections) + 1,
            }
        check_length(errors, sheet.title, row, col["section"], number, Section, "number")
        check_length(
            errors, sheet.title, row, col["section title"], cells["section title"], Section, "title"
        )
        check_length(errors, sheet.title, row, col["code"], cells["code"], Standard, "code")
        if not cells["code"] or not cells["wording"]:
            errors.add(sheet.title, row, col["code"], "each standard needs a code and its wording")
            continue
        if cells["code"] in standards:
            errors.add(
                sheet.title, row, col["code"], f"the standard “{cells['code']}” is listed twice"
            )
        standards[cells["code"]] = {
            "section": number,
            "code": cells["code"],
            "text": cells["wording"],
            "position": row,
        }
    if not standards:
        errors.add(sheet.title, 2, None, "the framework needs at least one standard")
    return sections, standards


def _checklist(sheet, standards, errors) -> list[dict]:
    items = []
    for row, cells, col in _rows(sheet, CHECKLIST_COLUMNS, errors):
        if cells["standard"] not in standards:
            errors.add(
                sheet.title,
                row,
                col["standard"],
                f"no standard “{cells['standard']}” on the Standards sheet",
            )
        if not cells["item"]:
            errors.add(sheet.title, row, col["item"], "the item is empty")
        check_length(errors, sheet.title, row, col["item"], cells["item"], ChecklistItem, "text")
        if cells["site check"] and cells["site check"] not in SITE_CHECKS:
            known = ", ".join(sorted(SITE_CHECKS))
            errors.add(
                sheet.title,
                row,
                col["site check"],
                f"unknown site check “{cells['site check']}” (known: {known})",
            )
        items.append(
            {
                "standard": cells["standard"],
                "text": cells["item"],
                "site_check": cells["site check"],
                "position": row,
            }
        )
    return items


@transaction.atomic
def _create(details, levels, sections, standards, checklist) -> Framework:
    framework = Framework.objects.create(
        code=details["code"],
        name=details["name"],
        version=details["version"],
        source=details.get("source", ""),
        rating_heading=details.get("rating heading") or "Rating",
    )
    for level in levels:
        RatingLevel.objects.create(framework=framework, **level)
    made_sections = {
        number: Section.objects.create(framework=framework, **section)
        for number, section in sections.items()
    }
    made_standards = {
        code: Standard.objects.create(
            section=made_sections[standard["section"]],
            code=code,
            text=standard["text"],
            position=standard["position"],
        )
        for code, standard in standards.items()
    }
    for item in checklist:
        ChecklistItem.objects.create(
            standard=made_standards[item["standard"]],
            text=item["text"],
            site_check=item["site_check"],
            position=item["position"],
        )
    return framework

"""Load a framework from the documented template (docs/spreadsheets.md). All or nothing.

The template's sheet names, column names and yes/no words are a file format: they stay English
in every language. The problems the import reports are in the language of the person reading.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..models import (
    ChecklistItem,
    Framework,
    RatingLevel,
    Section,
    Standard,
)
from ..models.frameworks import free_unrated_code, unrated_level_fields
from ..site_checks import registered_checks
from .cells import joined_row
from .errors import SheetErrors, cell_text, check_length, kept_text
from .framework_lines import (
    create_lines,
)
from .framework_lines import (
    evidence_lines as read_evidence_lines,
)
from .framework_lines import (
    line_scales as read_line_scales,
)
from .framework_rows import NO, POSITION, YES, rows
from .workbooks import open_workbook, sheet_rows

FRAMEWORK_KEYS = {"code", "name", "version", "source", "rating heading", "replaces"}
SCALE_COLUMNS = ["position", "code", "label", "meaning", "colour", "counts as met", "not yet rated"]
STANDARD_COLUMNS = ["section", "section title", "code", "wording"]
CHECKLIST_COLUMNS = ["standard", "item", "site check"]
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
CHECK_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def import_framework(file) -> Framework:
    """Read and check the whole workbook, then create the framework in one transaction."""
    book = open_workbook(file)
    errors = SheetErrors()
    for required in ("Framework", "Scale", "Standards"):
        if required not in book.sheetnames:
            errors.add(required, 1, None, _("this sheet is missing"))
    errors.raise_if_any()

    details = _framework_details(book["Framework"], errors)
    levels = _scale(book["Scale"], errors)
    sections, standards = _standards(book["Standards"], errors)
    checklist = (
        _checklist(book["Checklist"], standards, errors) if "Checklist" in book.sheetnames else []
    )
    line_scales = (
        read_line_scales(book["Line scales"], errors) if "Line scales" in book.sheetnames else {}
    )
    lines = (
        read_evidence_lines(book["Evidence lines"], standards, errors)
        if "Evidence lines" in book.sheetnames
        else []
    )
    if details.get("code") and Framework.objects.filter(code=details["code"]).exists():
        errors.add(
            "Framework",
            details["_code_row"],
            2,
            _("a framework “%(code)s” exists already") % {"code": details["code"]},
        )
    errors.raise_if_any()
    return _create(details, levels, sections, standards, checklist, line_scales, lines)


def _framework_details(sheet, errors) -> dict:
    details, rows_of = {}, {}
    for number, raw in enumerate(sheet_rows(sheet), start=1):
        values, _pieces = joined_row(raw)
        key = cell_text(values[0] if values else "").lower()
        value = values[1] if len(values) > 1 else None
        if key in FRAMEWORK_KEYS:
            details[key] = cell_text(value) if key in ("code", "replaces") else kept_text(value)
            rows_of[key] = number
            if key == "code":
                details["_code_row"] = number
        elif key or kept_text(value) != "":
            problem = _("“%(key)s” is not a setting of this sheet (it has: %(keys)s)")
            keys = ", ".join(sorted(FRAMEWORK_KEYS))
            errors.add(sheet.title, number, 1, problem % {"key": key, "keys": keys})
        for column, extra in enumerate(values[2:], start=3):
            if kept_text(extra) != "":
                errors.add(sheet.title, number, column, _("only columns A and B are read here"))
    for key in ("code", "name", "version"):
        if not details.get(key, "").strip():
            # Translators: %(key)s is "code", "name" or "version", words of the file format.
            problem = _("give the framework's %(key)s in a row “%(key)s”") % {"key": key}
            errors.add(sheet.title, 1, 2, problem)
    for key, field in (
        ("code", "code"),
        ("name", "name"),
        ("version", "version"),
        ("rating heading", "rating_heading"),
    ):
        check_length(
            errors, sheet.title, rows_of.get(key, 1), 2, details.get(key, ""), Framework, field
        )
    replaces = details.get("replaces", "")
    details["replaces"] = Framework.objects.filter(code=replaces).first() if replaces else None
    if replaces and details["replaces"] is None:
        errors.add(
            sheet.title,
            rows_of["replaces"],
            2,
            # Translators: "replaces" names a row of the file format, which stays English.
            _("“replaces” names no framework loaded here: “%(code)s”") % {"code": replaces},
        )
    if details.get("code") and not re.fullmatch(r"[-a-zA-Z0-9_]+", details["code"]):
        errors.add(
            sheet.title,
            details["_code_row"],
            2,
            _("the code may hold only letters, digits, - and _"),
        )
    return details


def _scale(sheet, errors) -> list[dict]:
    levels, codes, col = [], set(), {}
    for row, cells, col in rows(sheet, SCALE_COLUMNS, errors):
        position = POSITION.fullmatch(cells["position"])
        if not position:
            problem = _("the position must be a whole number, 0 to 999")
            errors.add(sheet.title, row, col["position"], problem)
        if not cells["code"] or not cells["label"].strip():
            errors.add(sheet.title, row, col["code"], _("each level needs a code and a label"))
        if cells["code"] in codes:
            problem = _("the code “%(code)s” is used twice") % {"code": cells["code"]}
            errors.add(sheet.title, row, col["code"], problem)
        codes.add(cells["code"])
        check_length(errors, sheet.title, row, col["code"], cells["code"], RatingLevel, "code")
        check_length(errors, sheet.title, row, col["label"], cells["label"], RatingLevel, "label")
        colour = cells["colour"] or "#6f777b"
        if not COLOUR.fullmatch(colour):
            problem = _("“%(colour)s” is not a colour like #1d70b8") % {"colour": colour}
            errors.add(sheet.title, row, col["colour"], problem)
        flags = {}
        for flag in ("counts as met", "not yet rated"):
            value = cells[flag].lower()
            if value not in YES | NO:
                # Translators: "yes" and "no" are words of the file format, which stays English.
                problem = _("write yes or no, not “%(value)s”") % {"value": cells[flag]}
                errors.add(sheet.title, row, col[flag], problem)
            flags[flag] = value in YES
        levels.append(
            {
                "row": row,
                "position": int(cells["position"]) if position else 0,
                "code": cells["code"],
                "label": cells["label"],
                "meaning": cells["meaning"],
                "colour": colour,
                "counts_as_met": flags["counts as met"],
                "is_unrated": flags["not yet rated"],
            }
        )
    if not levels:
        errors.add(sheet.title, 2, None, _("the scale needs at least one level"))
    unrated = [level for level in levels if level["is_unrated"]]
    for level in unrated[1:]:
        errors.add(
            sheet.title,
            level["row"],
            col.get("not yet rated"),
            # Translators: "not yet rated" names a column of the file format, which stays English.
            _("only one level may be “not yet rated”; row %(row)s is already")
            % {"row": unrated[0]["row"]},
        )
    return levels


def _standards(sheet, errors):
    sections, standards = {}, {}
    optional_columns = ["public wording", "optional"]
    for row, cells, col in rows(sheet, STANDARD_COLUMNS, errors, optional=optional_columns):
        number = cells["section"]
        if not number:
            errors.add(sheet.title, row, col["section"], _("give the section number"))
            continue
        if number not in sections:
            if not cells["section title"].strip():
                problem = _("give section %(number)s's title") % {"number": number}
                errors.add(sheet.title, row, col["section title"], problem)
            sections[number] = {
                "number": number,
                "title": cells["section title"],
                "position": len(sections) + 1,
                "row": row,
            }
        elif cells["section title"].strip() and cells["section title"] != sections[number]["title"]:
            first = sections[number]
            errors.add(
                sheet.title,
                row,
                col["section title"],
                _("section %(number)s is called “%(title)s” on row %(row)s, not “%(other)s”")
                % {
                    "number": number,
                    "title": first["title"][:60],
                    "row": first["row"],
                    "other": cells["section title"][:60],
                },
            )
        check_length(errors, sheet.title, row, col["section"], number, Section, "number")
        check_length(
            errors, sheet.title, row, col["section title"], cells["section title"], Section, "title"
        )
        check_length(errors, sheet.title, row, col["code"], cells["code"], Standard, "code")
        if not cells["code"] or not cells["wording"].strip():
            problem = _("each standard needs a code and its wording")
            errors.add(sheet.title, row, col["code"], problem)
            continue
        if cells["code"] in standards:
            problem = _("the standard “%(code)s” is listed twice") % {"code": cells["code"]}
            errors.add(sheet.title, row, col["code"], problem)
        public = cells["public wording"]
        check_length(
            errors, sheet.title, row, col.get("public wording"), public, Standard, "public_text"
        )
        if cells["optional"].lower() not in YES | NO:
            # Translators: "yes" and "no" are words of the file format, which stays English.
            problem = _("write yes or no, not “%(value)s”") % {"value": cells["optional"]}
            errors.add(sheet.title, row, col["optional"], problem)
        standards[cells["code"]] = {
            "section": number,
            "code": cells["code"],
            "text": cells["wording"],
            "public_text": public,
            "optional": cells["optional"].lower() in YES,
            "position": row,
        }
    if not standards:
        errors.add(sheet.title, 2, None, _("the framework needs at least one standard"))
    return sections, standards


def _checklist(sheet, standards, errors) -> list[dict]:
    items = []
    for row, cells, col in rows(sheet, CHECKLIST_COLUMNS, errors):
        if cells["standard"] not in standards:
            errors.add(
                sheet.title,
                row,
                col["standard"],
                # Translators: "Standards" names a sheet of the file format, which stays English.
                _("no standard “%(code)s” on the Standards sheet") % {"code": cells["standard"]},
            )
        if not cells["item"].strip():
            errors.add(sheet.title, row, col["item"], _("the item is empty"))
        check_length(errors, sheet.title, row, col["item"], cells["item"], ChecklistItem, "text")
        if cells["site check"] and not CHECK_NAME.fullmatch(cells["site check"]):
            errors.add(
                sheet.title,
                row,
                col["site check"],
                _("“%(name)s” is not a check's name (letters, digits and -)")
                % {"name": cells["site check"]},
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


def with_unrated_level(levels: list[dict]) -> tuple[list[dict], str]:
    """The scale, with a "not yet rated" level added if it has none, and a notice saying so."""
    if any(level["is_unrated"] for level in levels):
        return levels, ""
    code = free_unrated_code({level["code"] for level in levels})
    added = {**unrated_level_fields(), "code": code, "row": None}
    notice = _(
        "The scale had no “not yet rated” level, so one was added: %(code)s (%(label)s). "
        "Standards start at it until someone rates them."
    ) % {"code": code, "label": added["label"]}
    return [*levels, added], notice


@transaction.atomic
def _create(details, levels, sections, standards, checklist, line_scales, lines) -> Framework:
    heading = details.get("rating heading", "")
    framework = Framework.objects.create(
        code=details["code"],
        name=details["name"],
        version=details["version"],
        source=details.get("source", ""),
        rating_heading=heading if heading.strip() else _("Rating"),
        replaces=details.get("replaces"),
    )
    levels, notice = with_unrated_level(levels)
    framework.import_notices = [notice] if notice else []
    unchecked = sorted(
        {i["site_check"] for i in checklist if i["site_check"]} - set(registered_checks())
    )
    if unchecked:
        framework.import_notices.append(
            _(
                "This site makes no check named %(names)s: those checklist items are ticked by "
                "hand on each rating until a check is registered (docs/plugin.md)."
            )
            % {"names": ", ".join(unchecked)}
        )
    bulk_create_with_history(
        [
            RatingLevel(framework=framework, **{k: v for k, v in level.items() if k != "row"})
            for level in levels
        ],
        RatingLevel,
    )
    made_sections = {
        section.number: section
        for section in bulk_create_with_history(
            [
                Section(framework=framework, **{k: v for k, v in s.items() if k != "row"})
                for s in sections.values()
            ],
            Section,
        )
    }
    made_standards = {
        standard.code: standard
        for standard in bulk_create_with_history(
            [
                Standard(
                    section=made_sections[standard["section"]],
                    code=code,
                    text=standard["text"],
                    public_text=standard["public_text"],
                    optional=standard["optional"],
                    position=standard["position"],
                )
                for code, standard in standards.items()
            ],
            Standard,
        )
    }
    bulk_create_with_history(
        [
            ChecklistItem(
                standard=made_standards[item["standard"]],
                text=item["text"],
                site_check=item["site_check"],
                position=item["position"],
            )
            for item in checklist
        ],
        ChecklistItem,
    )
    create_lines(framework, made_standards, line_scales, lines)
    return framework

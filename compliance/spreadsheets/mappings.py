"""A framework mapping's template (docs/spreadsheets.md): sheets `Mapping` (from framework,
to framework, title, notes), `Standards` (old code | new code | relation | note) and optional
`Levels` (old level | new level). Exported, a blank one downloaded for two frameworks, and
uploaded: read and checked whole (`read_mapping`, nothing saved, for the preview), then saved
in one transaction (`save_mapping`), replacing the mapping between the same two frameworks.

The sheet names, column names and relation words are a file format: they stay English."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from simple_history.utils import bulk_create_with_history

from ..mapping_rules import Row, cycle_problem, level_problems, row_problems
from ..models import Framework, FrameworkMapping, LevelMapping, RatingLevel, Standard
from ..models.mappings import StandardMapping, missing_codes
from .cells import append_row, joined_row
from .errors import SheetErrors, cell_text, check_length, kept_text
from .framework_rows import rows
from .workbooks import open_workbook, sheet_rows

MAPPING_KEYS = ["from framework", "to framework", "title", "notes"]
STANDARD_COLUMNS = ["old code", "new code", "relation", "note"]
LEVEL_COLUMNS = ["old level", "new level"]
BOLD = Font(bold=True)
PART_COLUMN = {"old": "old code", "new": "new code", "relation": "relation"}
LEVEL_PART_COLUMN = {"old": "old level", "new": "new level"}


@dataclass
class MappingPlan:
    """An upload read and checked: what `save_mapping` will write."""

    from_framework: Framework
    to_framework: Framework
    title: str
    notes: str
    rows: list = field(default_factory=list)  # [(Row, note)]
    levels: list = field(default_factory=list)  # [(old level, new level)]
    replaces: FrameworkMapping | None = None

    def counts(self) -> dict:
        counted = {}
        for row, _note in self.rows:
            counted[row.relation] = counted.get(row.relation, 0) + 1
        return counted


def _frameworks_standards(framework) -> list:
    return list(
        Standard.objects.filter(section__framework=framework)
        .select_related("section")
        .order_by("section__position", "position", "pk")
    )


def export_mapping(mapping: FrameworkMapping) -> Workbook:
    book = _book(mapping.from_framework, mapping.to_framework, mapping.title, mapping.notes)
    standards = book["Standards"]
    for row in mapping.rows.select_related("old_standard", "new_standard"):
        append_row(
            standards,
            [
                row.old_standard.code if row.old_standard_id else "",
                row.new_standard.code if row.new_standard_id else "",
                row.relation,
                row.note,
            ],
        )
    level_rows = list(mapping.level_rows.select_related("old_level", "new_level"))
    if level_rows:
        levels = book.create_sheet("Levels")
        append_row(levels, LEVEL_COLUMNS, font=BOLD)
        for row in level_rows:
            append_row(levels, [row.old_level.code, row.new_level.code])
    return book


def blank_mapping(from_framework, to_framework) -> Workbook:
    """The template for two frameworks: every standard of each listed, the relation blank."""
    # Translators: the title a blank mapping template suggests, e.g. "IASS (2016) to IASS (2018)".
    title = _("%(old)s to %(new)s") % {"old": from_framework, "new": to_framework}
    book = _book(from_framework, to_framework, title, "")
    standards = book["Standards"]
    for standard in _frameworks_standards(from_framework):
        append_row(standards, [standard.code, "", "", ""])
    for standard in _frameworks_standards(to_framework):
        append_row(standards, ["", standard.code, "", ""])
    return book


def _book(from_framework, to_framework, title, notes) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "Mapping"
    for key, value in zip(
        MAPPING_KEYS, [from_framework.code, to_framework.code, title, notes], strict=True
    ):
        append_row(sheet, [key, value])
    standards = book.create_sheet("Standards")
    append_row(standards, STANDARD_COLUMNS, font=BOLD)
    return book


def read_mapping(file) -> MappingPlan:
    """Read and check the whole workbook; nothing is saved. SheetErrors lists every problem,
    each with its sheet, row, column and reason."""
    book = open_workbook(file)
    errors = SheetErrors()
    for required in ("Mapping", "Standards"):
        if required not in book.sheetnames:
            errors.add(required, 1, None, _("this sheet is missing"))
    errors.raise_if_any()
    details, places = _details(book["Mapping"], errors)
    frameworks = {}
    for key in ("from framework", "to framework"):
        code = details.get(key, "")
        frameworks[key] = Framework.objects.filter(code=code).first() if code else None
        if code and frameworks[key] is None:
            errors.add(
                "Mapping",
                places.get(key, 1),
                2,
                _("there is no framework “%(code)s”") % {"code": code},
            )
    errors.raise_if_any()
    old_framework, new_framework = frameworks["from framework"], frameworks["to framework"]
    loop = cycle_problem(
        old_framework,
        new_framework,
        mapping_pk=FrameworkMapping.objects.filter(
            from_framework=old_framework, to_framework=new_framework
        )
        .values_list("pk", flat=True)
        .first(),
    )
    if loop:
        errors.add("Mapping", places.get("to framework", 1), 2, loop)
        errors.raise_if_any()
    plan = MappingPlan(
        old_framework,
        new_framework,
        details.get("title", ""),
        details.get("notes", ""),
        replaces=FrameworkMapping.objects.filter(
            from_framework=old_framework, to_framework=new_framework
        ).first(),
    )
    _standard_rows(book["Standards"], plan, errors)
    if "Levels" in book.sheetnames:
        _level_rows(book["Levels"], plan, errors)
    errors.raise_if_any()
    return plan


def _details(sheet, errors) -> tuple[dict, dict]:
    details, places = {}, {}
    for number, raw in enumerate(sheet_rows(sheet), start=1):
        values, _pieces = joined_row(raw)
        key = cell_text(values[0] if values else "").lower()
        value = values[1] if len(values) > 1 else None
        if key in MAPPING_KEYS:
            details[key] = kept_text(value) if key in ("title", "notes") else cell_text(value)
            places[key] = number
        elif key or kept_text(value) != "":
            problem = _("“%(key)s” is not a setting of this sheet (it has: %(keys)s)")
            errors.add(
                sheet.title, number, 1, problem % {"key": key, "keys": ", ".join(MAPPING_KEYS)}
            )
        for column, extra in enumerate(values[2:], start=3):
            if kept_text(extra) != "":
                errors.add(sheet.title, number, column, _("only columns A and B are read here"))
    for key in ("from framework", "to framework", "title"):
        if not details.get(key, "").strip():
            # Translators: %(key)s is "from framework", "to framework" or "title", words of
            # the file format.
            problem = _("give the mapping's %(key)s in a row “%(key)s”") % {"key": key}
            errors.add(sheet.title, places.get(key, 1), 2, problem)
    check_length(
        errors, sheet.title, places.get("title", 1), 2, details.get("title", ""),
        FrameworkMapping, "title",
    )  # fmt: skip
    return details, places


def _lookup(framework, other, code, sheet, row, column, errors):
    """The standard `code` of `framework`; one of `other` (which the rules refuse, naming the
    framework it belongs to); or None, with an unknown code reported."""
    if not code:
        return None
    for candidate in (framework, other):
        found = candidate.standards_by_code.get(code)
        if found is not None:
            return found
    errors.add(
        sheet,
        row,
        column,
        _("there is no standard “%(code)s” in %(framework)s")
        % {"code": code, "framework": framework},
    )
    return None


def _standard_rows(sheet, plan, errors) -> None:
    for framework in (plan.from_framework, plan.to_framework):
        framework.standards_by_code = {s.code: s for s in _frameworks_standards(framework)}
    read, places = [], []
    known = len(errors.errors)
    for number, cells, col in rows(sheet, STANDARD_COLUMNS, errors):
        old = _lookup(
            plan.from_framework, plan.to_framework, cells["old code"], sheet.title, number,
            col["old code"], errors,
        )  # fmt: skip
        new = _lookup(
            plan.to_framework, plan.from_framework, cells["new code"], sheet.title, number,
            col["new code"], errors,
        )  # fmt: skip
        check_length(
            errors, sheet.title, number, col["note"], cells["note"], StandardMapping, "note"
        )
        read.append((Row(old, new, cells["relation"].lower()), cells["note"]))
        places.append((number, col))
    if len(errors.errors) > known:
        return  # unknown codes first: the rules would only repeat them
    for problem in row_problems(plan.from_framework, plan.to_framework, [r for r, _n in read]):
        number, col = places[problem.index]
        column = col[PART_COLUMN[problem.part]] if problem.part else None
        errors.add(sheet.title, number, column, problem.message)
    old, new = missing_codes(plan.from_framework, plan.to_framework, [r for r, _n in read])
    for codes, framework in ((old, plan.from_framework), (new, plan.to_framework)):
        if codes:
            errors.add(
                sheet.title,
                (places[-1][0] + 1) if places else 2,
                None,
                _("these standards of %(framework)s are in no row: %(codes)s")
                % {"framework": framework, "codes": ", ".join(codes)},
            )
    plan.rows = read


def _level_rows(sheet, plan, errors) -> None:
    scales = {
        framework.pk: {
            level.code: level for level in RatingLevel.objects.filter(framework=framework)
        }
        for framework in (plan.from_framework, plan.to_framework)
    }
    pairs, places = [], []
    for number, cells, col in rows(sheet, LEVEL_COLUMNS, errors):
        found = []
        for column, framework in (
            ("old level", plan.from_framework),
            ("new level", plan.to_framework),
        ):
            level = scales[framework.pk].get(cells[column])
            if level is None:
                errors.add(
                    sheet.title,
                    number,
                    col[column],
                    _("%(framework)s's scale has no level “%(code)s”")
                    % {"framework": framework, "code": cells[column]},
                )
            found.append(level)
        pairs.append(tuple(found))
        places.append((number, col))
    for problem in level_problems(plan.from_framework, plan.to_framework, pairs):
        number, col = places[problem.index]
        errors.add(sheet.title, number, col[LEVEL_PART_COLUMN[problem.part]], problem.message)
    plan.levels = pairs


@transaction.atomic
def save_mapping(plan: MappingPlan) -> FrameworkMapping:
    """Write a checked upload: the mapping between the two frameworks, created, or replaced
    (its rows and levels with it), in one transaction."""
    mapping = (
        FrameworkMapping.objects.select_for_update()
        .filter(from_framework=plan.from_framework, to_framework=plan.to_framework)
        .first()
    )
    if mapping is None:
        mapping = FrameworkMapping(
            from_framework=plan.from_framework, to_framework=plan.to_framework
        )
    else:
        mapping.rows.all().delete()
        mapping.level_rows.all().delete()
    mapping.title, mapping.notes = plan.title, plan.notes
    mapping.save()
    bulk_create_with_history(
        [
            StandardMapping(
                mapping=mapping,
                old_standard=row.old,
                new_standard=row.new,
                relation=row.relation,
                note=note,
                sort_order=order,
            )
            for order, (row, note) in enumerate(plan.rows)
        ],
        StandardMapping,
    )
    bulk_create_with_history(
        [
            LevelMapping(mapping=mapping, old_level=old, new_level=new, sort_order=order)
            for order, (old, new) in enumerate(plan.levels)
        ],
        LevelMapping,
    )
    return mapping


def import_mapping(file) -> FrameworkMapping:
    """Read, check and save in one go (the management command, the built-in mapping)."""
    return save_mapping(read_mapping(file))

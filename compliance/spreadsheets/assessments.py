"""A self-assessment as a spreadsheet in the annual report's layout, and back.

The layout of Appendix 3 of the annual report: a title row, a heading row
"Standard | C/PC | Notes", then for each section a row with its title, and for
each standard a row with its code and wording, its rating code and its notes.
"""

import re
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from simple_history.utils import bulk_create_with_history

from ..models import ChecklistItem, Rating, SelfAssessment, Standard
from ..reports import by_section, compare, ratings_of
from .assessment_lines import create_line_ratings, lines_sheet, read_lines, write_lines
from .cells import append_row, in_each_language, is_heading, joined_row, writable
from .errors import SheetErrors, cell_text, check_length, kept_text
from .workbooks import first_sheet, open_workbook, sheet_rows

CHECKBOX, TICKED = "☐", "☑"
SECTION_NUMBER = re.compile(r"([^.\s]*)")  # "1. Commissioning …" is section 1
BOLD = Font(bold=True)
WHITE_BOLD = Font(bold=True, color="FFFFFF")


def _sheet(title: str, widths):
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for column, width in zip("ABCDEF", widths, strict=False):
        sheet.column_dimensions[column].width = width
    return book, sheet


def standard_text(standard, ticked=()) -> str:
    """The standard as the report's table gives it: code, wording, then its checklist, each
    item ☑ if ticked, ☐ if not."""
    lines = [f"{standard.code} {standard.text}"]
    lines += [
        f"{TICKED if item.pk in ticked else CHECKBOX} {item.text}"
        for item in standard.checklist.all()
    ]
    return "\n".join(lines)


def export_assessment(assessment: SelfAssessment) -> Workbook:
    """The annual report's table: Standard | rating | Notes, grouped by section."""
    book, sheet = _sheet(_("Self-assessment"), [90, 10, 70])
    append_row(sheet, [assessment.title], font=Font(bold=True, size=14))
    # The import finds this heading row by its first cell, in English or in this language.
    heading = [_("Standard"), assessment.framework.rating_heading, _("Notes")]
    # A framework with optional standards has a fourth column: whether each was adopted.
    adoption = Standard.objects.filter(section__framework=assessment.framework, optional=True)
    if adoption.exists():
        sheet.column_dimensions["D"].width = 12
        heading.append(_("Adopted"))
    append_row(sheet, heading, font=BOLD)
    every_rating = ratings_of(assessment)
    for section, ratings in by_section(every_rating):
        append_row(sheet, [f"{section.number}. {section.title}"] + [None] * 2, font=BOLD)
        for rating in ratings:
            fill = PatternFill("solid", fgColor=rating.level.colour.lstrip("#"))
            text = standard_text(rating.standard, set(rating.ticked_items))
            row = [text, rating.level.code, rating.evidence_notes]
            if len(heading) > 3:
                row.append(_adopted_words(rating) if rating.standard.optional else None)
            level_cell = append_row(sheet, row)[1]
            level_cell.fill = fill
            level_cell.font = WHITE_BOLD
    write_lines(book, assessment, every_rating)
    return book


def _adopted_words(rating) -> str:
    return _("yes") if rating.adopted else _("no")


def _adoption(text: str) -> bool | None:
    """Whether a cell of the Adopted column says yes (True), no (False), or nothing (None);
    in English or any language the site offers. Anything else is not an answer: ValueError."""
    words = text.strip().casefold()
    if not words:
        return None
    for english, answer in (("yes", True), ("no", False)):
        if words in {english, *(w.casefold() for w in in_each_language(lambda e=english: _(e)))}:
            return answer
    raise ValueError(text)


def export_comparison(first: SelfAssessment, second: SelfAssessment) -> Workbook:
    """Standard | first | second | Change; across a framework mapping, with the standard(s) it
    came from and the relation after the standard, retired standards last."""
    comparison = compare(first, second)
    first, second = comparison.first, comparison.second  # the earlier framework's first
    across = comparison.mapping is not None
    widths = [70, 40, 12, 14, 14, 12] if across else [70, 14, 14, 12]
    book, sheet = _sheet(_("Comparison"), widths)
    title = _("%(first)s compared with %(second)s") % {"first": first, "second": second}
    append_row(sheet, [title], font=Font(bold=True, size=14))
    if across:
        append_row(sheet, [_("Mapping: %(mapping)s") % {"mapping": comparison.mapping}])
    came = [_("Came from"), _("Relation")] if across else []
    append_row(sheet, [_("Standard"), *came, first.title, second.title, _("Change")], font=BOLD)
    for change in comparison.changes:
        standard = change.standard
        row = [f"{standard.code} {standard.text}" if standard else ""]
        if across:
            row += [
                "\n".join(f"{old.code} {old.text}" for old, _level in change.came_from),
                change.relation_words,
                ", ".join(
                    level.code if len(change.came_from) == 1 else f"{old.code}: {level.code}"
                    for old, level in change.came_from
                    if level
                ),
            ]
        else:
            row.append(change.before.code if change.before else "")
        row += [change.after.code if change.after else "", change.words]
        append_row(sheet, row)
    sheet.append([])
    append_row(sheet, [_("Change"), _("Standards")], font=BOLD)
    for _name, words, count in sorted(comparison.total_rows()):
        append_row(sheet, [words, count])
    return book


def import_assessment(file, framework, title: str = "", assessed_on: date | None = None):
    """A new draft self-assessment from a sheet in the export's layout. All or nothing."""
    book = open_workbook(file)
    sheet = first_sheet(book)
    errors = SheetErrors()
    standards = {s.code: s for s in Standard.objects.filter(section__framework=framework)}
    levels = {level.code.upper(): level for level in framework.levels.all()}
    heading_row, sheet_title, rows, width = None, "", [], 3
    for number, raw in enumerate(sheet_rows(sheet), start=1):
        values, _pieces = joined_row(raw)
        values = (values + [None] * 4)[: max(len(values), 4)]
        # The standard's cell and the notes are kept as written; the rating is a code.
        cells = [kept_text(values[0]), cell_text(values[1]), kept_text(values[2])]
        if heading_row is None:
            if is_heading(cell_text(values[0]), "Standard"):
                heading_row = number
                width = 4 if is_heading(cell_text(values[3]), "Adopted") else 3
            elif cells[0].strip() and not sheet_title:
                sheet_title = cells[0]
            continue
        for column, extra in enumerate(values[width:], start=width + 1):
            if kept_text(extra) != "":
                problem = (
                    _("only columns A to D are read (Standard, rating, Notes, Adopted)")
                    if width == 4
                    else _("only columns A to C are read (Standard, rating, Notes)")
                )
                errors.add(sheet.title, number, column, problem)
        if any(cell.strip() for cell in cells) or (width == 4 and cell_text(values[3])):
            rows.append((number, [*cells, cell_text(values[3]) if width == 4 else ""]))
    if heading_row is None:
        errors.add(
            sheet.title,
            1,
            1,
            _("no heading row starting “%(heading)s” was found") % {"heading": _("Standard")},
        )
    ratings, seen = [], {}
    section_numbers = set(framework.sections.values_list("number", flat=True))
    checklists = {}
    for item in ChecklistItem.objects.filter(standard__section__framework=framework):
        checklists.setdefault(item.standard_id, []).append((item.text, item.pk))  # in order
    known = ", ".join(level.code for level in levels.values())
    for number, (text, code, notes, adopted_text) in rows:
        standard_code = _leading_code(text, standards)
        if standard_code is None:
            if not code and SECTION_NUMBER.match(text.strip()).group(1) in section_numbers:
                continue  # a section's title row
            first = text.split()[0].rstrip(".") if text.split() else ""
            problem = (
                _("%(framework)s has no standard %(code)s")
                % {"framework": framework, "code": first}
                if any(c.isdigit() for c in first)
                else _("cannot tell which standard “%(text)s” is") % {"text": text[:40]}
            )
            errors.add(sheet.title, number, 1, problem)
            continue
        standard = standards[standard_code]
        if standard.code in seen:
            errors.add(
                sheet.title,
                number,
                1,
                _("standard %(code)s is also on row %(row)s")
                % {"code": standard.code, "row": seen[standard.code]},
            )
        seen[standard.code] = number
        level = levels.get(code.upper())
        check_length(errors, sheet.title, number, 3, notes, Rating, "evidence_notes")
        if level is None:
            problem = _("“%(code)s” is not a rating on this scale (%(known)s)")
            errors.add(sheet.title, number, 2, problem % {"code": code, "known": known})
            continue
        ticked = _ticked(text, standard, checklists.get(standard.pk, []))
        if ticked is None:
            problem = _("a ticked line (☑) names no checklist item of standard %(code)s")
            errors.add(sheet.title, number, 1, problem % {"code": standard.code})
            continue
        try:
            adopted = _adoption(adopted_text)
        except ValueError:
            problem = _("write yes or no, not “%(value)s”") % {"value": adopted_text}
            errors.add(sheet.title, number, 4, problem)
            continue
        if adopted is False and not standard.optional:
            problem = _("standard %(code)s is not optional: it cannot be left unadopted")
            errors.add(sheet.title, number, 4, problem % {"code": standard.code})
            continue
        ratings.append((standard, level, notes, ticked, adopted is not False))
    if not (title and title.strip()):
        title = sheet_title or _("Imported self-assessment")
    title = writable(title)
    check_length(errors, sheet.title, 1, 1, title, SelfAssessment, "title")
    evidence = lines_sheet(book)
    found = read_lines(evidence, framework, standards, errors) if evidence is not None else {}
    errors.raise_if_any()
    return _create(framework, title, assessed_on, ratings, found)


def _ticked(text: str, standard, items: list) -> list[int] | None:
    """The checklist items the cell marks ☑ (the export writes them so), or None if a ☑ line
    names no item of the standard.

    The export's own layout is read item by item, so that an item's text may hold anything (a
    line break, spaces around it); a cell edited by hand is read line by line."""
    heading = f"{standard.code} {standard.text}"
    if text.startswith(heading):
        rest, ticked = text[len(heading) :], []
        for item_text, pk in items:
            for mark in (TICKED, CHECKBOX):
                if rest.startswith(f"\n{mark} {item_text}"):
                    rest = rest[len(f"\n{mark} {item_text}") :]
                    ticked += [pk] if mark == TICKED else []
                    break
            else:
                break
        else:
            if rest == "":
                return ticked
    ticked, items_by_text = [], dict(items)
    for line in text.splitlines()[1:]:
        if line.startswith(TICKED):
            if line[1:].strip() not in items_by_text:
                return None
            ticked.append(items_by_text[line[1:].strip()])
    return ticked


def _leading_code(text: str, codes) -> str | None:
    """The code (of those given) that the cell's text starts with, if any: its first word."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first in codes:
        return first
    # A code with a space in it ("A 1") cannot be a first word: try those one by one.
    spaced = (code for code in codes if " " in code and text.lstrip().startswith(code))
    return max(spaced, key=len, default=None)


@transaction.atomic
def _create(framework, title, assessed_on, ratings, found) -> SelfAssessment:
    assessment = SelfAssessment.objects.create(
        framework=framework, title=title, assessed_on=assessed_on or date.today()
    )
    bulk_create_with_history(
        [
            Rating(
                assessment=assessment,
                standard=s,
                level=lv,
                evidence_notes=n,
                ticked_items=t,
                adopted=adopted,
            )
            for s, lv, n, t, adopted in ratings
        ],
        Rating,
        default_change_reason=_("Imported from a spreadsheet"),
    )
    assessment.add_missing_ratings()
    create_line_ratings(assessment, found)
    return assessment

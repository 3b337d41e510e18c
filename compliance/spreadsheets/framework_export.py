"""A framework written in the template it is imported from (docs/spreadsheets.md): its
settings, scale, standards and checklist, every text as stored. Importing the file gives the
same framework (under another code, as codes are unique)."""

from openpyxl import Workbook
from openpyxl.styles import Font

from ..models import ChecklistItem, EvidenceLine, Framework, LineLevel, Section, Standard
from .cells import append_row
from .framework_lines import EVIDENCE_LINE_COLUMNS, LINE_SCALE_COLUMNS
from .frameworks import CHECKLIST_COLUMNS, SCALE_COLUMNS, STANDARD_COLUMNS

BOLD = Font(bold=True)


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"  # words of the file format, which stays English


def export_framework(framework: Framework) -> Workbook:
    book = Workbook()
    settings = book.active
    settings.title = "Framework"
    for key, value in (
        ("code", framework.code),
        ("name", framework.name),
        ("version", framework.version),
        ("source", framework.source),
        ("rating heading", framework.rating_heading),
    ):
        append_row(settings, [key, value])
    if framework.replaces_id:  # optional: the earlier version it replaces, by its code
        append_row(settings, ["replaces", framework.replaces.code])

    scale = book.create_sheet("Scale")
    append_row(scale, SCALE_COLUMNS, font=BOLD)
    for level in framework.levels.order_by("-position", "pk"):
        append_row(scale, [
            level.position,
            level.code,
            level.label,
            level.meaning,
            level.colour,
            _yes_no(level.counts_as_met),
            _yes_no(level.is_unrated),
        ])  # fmt: skip

    standards = book.create_sheet("Standards")
    append_row(standards, [*STANDARD_COLUMNS, "public wording", "optional"], font=BOLD)
    titled = set()
    for section in Section.objects.filter(framework=framework).order_by("position", "pk"):
        for standard in Standard.objects.filter(section=section).order_by("position", "pk"):
            title = section.title if section.pk not in titled else ""
            titled.add(section.pk)
            append_row(
                standards,
                [
                    section.number,
                    title,
                    standard.code,
                    standard.text,
                    standard.public_text,
                    _yes_no(standard.optional),
                ],
            )

    items = ChecklistItem.objects.filter(standard__section__framework=framework).order_by(
        "standard__section__position", "standard__position", "position", "pk"
    )
    if items.exists():
        checklist = book.create_sheet("Checklist")
        append_row(checklist, CHECKLIST_COLUMNS, font=BOLD)
        for item in items.select_related("standard"):
            append_row(checklist, [item.standard.code, item.text, item.site_check])
    _lines(book, framework)
    return book


def _lines(book, framework) -> None:
    """The "Line scales" and "Evidence lines" sheets, for a framework that has them."""
    levels = LineLevel.objects.filter(scale__framework=framework).select_related("scale")
    if levels.exists():
        sheet = book.create_sheet("Line scales")
        append_row(sheet, LINE_SCALE_COLUMNS, font=BOLD)
        for level in levels.order_by("scale__position", "scale__pk", "-position", "pk"):
            append_row(
                sheet,
                [
                    level.scale.name,
                    level.position,
                    level.code,
                    level.label,
                    _yes_no(level.counts_as_met),
                ],
            )
    lines = EvidenceLine.objects.filter(standard__section__framework=framework)
    if lines.exists():
        sheet = book.create_sheet("Evidence lines")
        append_row(sheet, EVIDENCE_LINE_COLUMNS, font=BOLD)
        ordered = lines.select_related("standard").order_by(
            "standard__section__position", "standard__position", "position", "pk"
        )
        for line in ordered:
            append_row(sheet, [line.standard.code, line.text])

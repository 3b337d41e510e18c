"""A self-assessment's evidence lines as a second sheet, "Evidence lines", and back:
Standard | Line | a column per line scale (the level's code) | Comment. Written only for a
framework with evidence lines; a workbook without the sheet imports as before."""

from django.utils.translation import gettext as _
from openpyxl.styles import Font
from simple_history.utils import bulk_create_with_history

from ..models import EvidenceLine, LineRating, LineScale
from ..reports import with_evidence_lines
from .cells import append_row, in_each_language, is_heading, joined_row
from .errors import cell_text, check_length, kept_text
from .workbooks import sheet_rows

BOLD = Font(bold=True)


def write_lines(book, assessment, ratings) -> None:
    """Add the "Evidence lines" sheet, if the framework has lines."""
    if not EvidenceLine.objects.filter(standard__section__framework=assessment.framework).exists():
        return
    with_evidence_lines(ratings, assessment.framework)
    scales = list(LineScale.objects.filter(framework=assessment.framework))
    sheet = book.create_sheet(_("Evidence lines")[:31])
    for column, width in zip("ABCDEFGH", [12, 70, *[12] * len(scales), 60], strict=False):
        sheet.column_dimensions[column].width = width
    append_row(
        sheet, [_("Standard"), _("Line"), *(s.name for s in scales), _("Comment")], font=BOLD
    )
    for rating in ratings:
        for line, scored, comment in rating.evidence:
            codes = [level.code if level else None for _scale, level in scored]
            append_row(sheet, [rating.standard.code, line.text, *codes, comment])


def lines_sheet(book):
    """The workbook's "Evidence lines" sheet, named in any language the site offers, or None."""
    names = {
        n.casefold() for n in ["Evidence lines", *in_each_language(lambda: _("Evidence lines"))]
    }
    return next((s for s in book.worksheets if s.title.strip().casefold() in names), None)


def read_lines(sheet, framework, standards, errors) -> dict:
    """{standard code: [(line, {line scale id: level id}, comment)]} from the sheet; each
    problem added to `errors` with its row and column."""
    scales = {s.name: s for s in LineScale.objects.filter(framework=framework)}
    levels = {s.pk: {lv.code.upper(): lv for lv in s.levels.all()} for s in scales.values()}
    lines = {}
    for line in EvidenceLine.objects.filter(standard__section__framework=framework):
        lines.setdefault(line.standard_id, []).append(line)
    rows = sheet_rows(sheet)
    heading = [cell_text(v) for v in next(rows, ())]
    while heading and not heading[-1]:
        heading.pop()  # a sheet as wide as its widest row: trailing cells without a heading
    columns = {}
    for number, name in enumerate(heading):
        if number == 0 and is_heading(name, "Standard"):
            continue
        if number == 1 and is_heading(name, "Line"):
            continue
        if number >= 2 and number == len(heading) - 1 and is_heading(name, "Comment"):
            continue
        if name in scales:
            columns[number] = scales[name]
        elif name:
            known = ", ".join(scales) or "—"
            problem = _("“%(heading)s” is not a line scale of this framework (%(known)s)")
            errors.add(sheet.title, 1, number + 1, problem % {"heading": name, "known": known})
    last = len(heading) - 1 if heading and is_heading(heading[-1], "Comment") else None
    found, seen = {}, {}
    for number, raw in enumerate(rows, start=2):
        values, _pieces = joined_row(raw)
        values = (values + [None] * len(heading))[: max(len(values), len(heading), 2)]
        code, text = cell_text(values[0]), kept_text(values[1])
        comment = kept_text(values[last]) if last is not None else ""
        for column, extra in enumerate(values[len(heading) :], start=len(heading) + 1):
            if kept_text(extra) != "":
                errors.add(sheet.title, number, column, _("this column has no heading"))
        given = [code, text.strip(), comment.strip(), *(cell_text(values[i]) for i in columns)]
        if not any(given):
            continue  # an empty row
        if code not in standards:
            problem = _("%(framework)s has no standard %(code)s") % {
                "framework": framework,
                "code": code,
            }
            errors.add(sheet.title, number, 1, problem)
            continue
        standard = standards[code]
        place = seen.get(code, 0)
        seen[code] = place + 1
        own = lines.get(standard.pk, [])
        if place >= len(own) or own[place].text != text:
            problem = _(
                "this is not line %(number)s of standard %(code)s as the framework words it"
            )
            errors.add(sheet.title, number, 2, problem % {"number": place + 1, "code": code})
            continue
        chosen = {}
        for column, scale in columns.items():
            given = cell_text(values[column])
            if not given:
                continue
            level = levels[scale.pk].get(given.upper())
            if level is None:
                known = ", ".join(lv.code for lv in levels[scale.pk].values())
                problem = _("“%(code)s” is not a level of “%(scale)s” (%(known)s)")
                errors.add(
                    sheet.title,
                    number,
                    column + 1,
                    problem % {"code": given, "scale": scale.name, "known": known},
                )
                continue
            chosen[str(scale.pk)] = level.pk
        if last is not None:
            check_length(errors, sheet.title, number, last + 1, comment, LineRating, "comment")
        found.setdefault(code, []).append((own[place], chosen, comment))
    return found


def create_line_ratings(assessment, found) -> None:
    ratings = {r.standard.code: r for r in assessment.ratings.select_related("standard")}
    bulk_create_with_history(
        [
            LineRating(rating=ratings[code], line=line, levels=chosen, comment=comment)
            for code, given in found.items()
            for line, chosen, comment in given
            if chosen or comment
        ],
        LineRating,
        default_change_reason=_("Imported from a spreadsheet"),
    )

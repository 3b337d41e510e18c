"""The 2016-style parts of a framework's template: line scales and each standard's evidence
lines (sheets "Line scales" and "Evidence lines"), read and created (frameworks.py)."""

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..models import EvidenceLine, LineLevel, LineScale
from .errors import check_length
from .framework_rows import NO, POSITION, YES, rows

LINE_SCALE_COLUMNS = ["scale", "position", "code", "label", "counts as met"]
EVIDENCE_LINE_COLUMNS = ["standard", "line"]


def line_scales(sheet, errors) -> dict:
    """{scale name: [levels]}, the scales in the order the sheet first names them."""
    scales = {}
    for row, cells, col in rows(sheet, LINE_SCALE_COLUMNS, errors):
        name = cells["scale"]
        if not name:
            errors.add(sheet.title, row, col["scale"], _("give the line scale's name"))
            continue
        check_length(errors, sheet.title, row, col["scale"], name, LineScale, "name")
        levels = scales.setdefault(name, [])
        if not POSITION.fullmatch(cells["position"]):
            problem = _("the position must be a whole number, 0 to 999")
            errors.add(sheet.title, row, col["position"], problem)
        if not cells["code"] or not cells["label"].strip():
            errors.add(sheet.title, row, col["code"], _("each level needs a code and a label"))
        if cells["code"] in {level["code"] for level in levels}:
            problem = _("the code “%(code)s” is used twice in the scale “%(scale)s”")
            errors.add(
                sheet.title, row, col["code"], problem % {"code": cells["code"], "scale": name}
            )
        check_length(errors, sheet.title, row, col["code"], cells["code"], LineLevel, "code")
        check_length(errors, sheet.title, row, col["label"], cells["label"], LineLevel, "label")
        met = cells["counts as met"].lower()
        if met not in YES | NO:
            # Translators: "yes" and "no" are words of the file format, which stays English.
            problem = _("write yes or no, not “%(value)s”") % {"value": cells["counts as met"]}
            errors.add(sheet.title, row, col["counts as met"], problem)
        levels.append(
            {
                "position": int(cells["position"]) if cells["position"].isdigit() else 0,
                "code": cells["code"],
                "label": cells["label"],
                "counts_as_met": met in YES,
            }
        )
    return scales


def evidence_lines(sheet, standards, errors) -> list[dict]:
    lines = []
    for row, cells, col in rows(sheet, EVIDENCE_LINE_COLUMNS, errors):
        if cells["standard"] not in standards:
            errors.add(
                sheet.title,
                row,
                col["standard"],
                # Translators: "Standards" names a sheet of the file format, which stays English.
                _("no standard “%(code)s” on the Standards sheet") % {"code": cells["standard"]},
            )
        if not cells["line"].strip():
            errors.add(sheet.title, row, col["line"], _("the line is empty"))
        check_length(errors, sheet.title, row, col["line"], cells["line"], EvidenceLine, "text")
        lines.append({"standard": cells["standard"], "text": cells["line"], "position": row})
    return lines


def create_lines(framework, standards, line_scales, lines) -> None:
    scales = bulk_create_with_history(
        [
            LineScale(framework=framework, name=name, position=position)
            for position, name in enumerate(line_scales, start=1)
        ],
        LineScale,
    )
    bulk_create_with_history(
        [LineLevel(scale=scale, **level) for scale in scales for level in line_scales[scale.name]],
        LineLevel,
    )
    bulk_create_with_history(
        [
            EvidenceLine(
                standard=standards[line["standard"]], text=line["text"], position=line["position"]
            )
            for line in lines
        ],
        EvidenceLine,
    )

"""A service's measures and breakdown lists, imported from the measures template
(docs/figures.md, "Spreadsheets"): all or nothing.

Every problem names its sheet, row and column, and nothing is saved while there is one. A key
the tracker holds already updates that measure or list (its history names who imported it);
nothing is deleted: a measure or a list value the file leaves out is kept as it was, and the
import says so.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.models import Framework, Standard
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors, check_length
from wagtail_minimum_standards.compliance.spreadsheets.framework_rows import rows
from wagtail_minimum_standards.compliance.spreadsheets.workbooks import open_workbook

from ..models import BreakdownList, BreakdownValue, Measure
from .template import (
    KEY,
    LIST_COLUMNS,
    LISTS,
    MEASURE_COLUMNS,
    MEASURES,
    NO,
    OPTIONAL_MEASURE_COLUMNS,
    PERIOD_WORDS,
    STANDARD_SEPARATORS,
    YEARLY_WORDS,
    YES,
    is_negative,
    number,
)

REQUIRED_MEASURE_COLUMNS = [c for c in MEASURE_COLUMNS if c not in OPTIONAL_MEASURE_COLUMNS]


@dataclass
class ListRows:
    key: str
    name: str
    row: int
    labels: list[str] = field(default_factory=list)


@dataclass
class MeasuresImport:
    """What an import did: the keys it created and updated, and what it kept that the file
    left out."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    lists_created: list[str] = field(default_factory=list)
    lists_updated: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def import_measures(file, framework: Framework | None = None, user=None) -> MeasuresImport:
    """Read and check the whole workbook, then save it in one transaction; else SheetErrors."""
    book = open_workbook(file)
    errors = SheetErrors()
    if MEASURES not in book.sheetnames:
        errors.add(MEASURES, 1, None, _("this sheet is missing"))
    errors.raise_if_any()
    lists = _lists(book[LISTS], errors) if LISTS in book.sheetnames else {}
    measures = _measures(book[MEASURES], lists, framework, errors)
    errors.raise_if_any()
    return _save(lists, measures, user)


def _text(cells, column) -> str:
    return cells[column].strip()


def _lists(sheet, errors) -> dict[str, ListRows]:
    lists: dict[str, ListRows] = {}
    for row, cells, col in rows(sheet, LIST_COLUMNS, errors):
        key, name, label = _text(cells, "list key"), cells["list name"], cells["value label"]
        if not KEY.fullmatch(key):
            errors.add(sheet.title, row, col["list key"], _key_problem(key))
            continue
        check_length(errors, sheet.title, row, col["list key"], key, BreakdownList, "key")
        listed = lists.get(key)
        if listed is None:
            if not name.strip():
                problem = _("give the list “%(key)s” a name") % {"key": key}
                errors.add(sheet.title, row, col["list name"], problem)
            check_length(errors, sheet.title, row, col["list name"], name, BreakdownList, "name")
            listed = lists[key] = ListRows(key, name, row)
        elif name.strip() and name != listed.name:
            problem = _("the list “%(key)s” is called “%(name)s” on row %(row)s")
            errors.add(
                sheet.title,
                row,
                col["list name"],
                problem % {"key": key, "name": listed.name[:60], "row": listed.row},
            )
        if not label.strip():  # a list with no values yet
            continue
        check_length(errors, sheet.title, row, col["value label"], label, BreakdownValue, "label")
        if label in listed.labels:
            problem = _("“%(label)s” is in the list “%(key)s” twice")
            errors.add(sheet.title, row, col["value label"], problem % {"label": label, "key": key})
            continue
        listed.labels.append(label)
    return lists


def _key_problem(key: str) -> str:
    if not key:
        return _("give the key")
    return _("“%(key)s” is not a key: use letters, numbers, hyphens and underscores") % {"key": key}


def _measures(sheet, lists, framework, errors) -> list[dict]:
    found, seen = [], {}
    known_lists = set(BreakdownList.objects.values_list("key", flat=True)) | set(lists)
    standards = _Standards(framework)
    existing = {m.key: m for m in Measure.objects.select_related("breakdown")}
    for position, (row, cells, col) in enumerate(
        rows(sheet, REQUIRED_MEASURE_COLUMNS, errors, optional=OPTIONAL_MEASURE_COLUMNS), start=1
    ):
        title = sheet.title

        def refuse(column, message, row=row, col=col, title=title):
            errors.add(title, row, col[column], message)

        key = _text(cells, "key")
        if not KEY.fullmatch(key):
            refuse("key", _key_problem(key))
        elif key in seen:
            refuse(
                "key", _("the key “%(key)s” is on row %(row)s too") % {"key": key, "row": seen[key]}
            )
        seen.setdefault(key, row)
        for column, name in (
            ("key", "key"),
            ("name", "name"),
            ("unit", "unit"),
            ("table", "group"),
        ):
            value = key if column == "key" else cells[column]
            check_length(errors, title, row, col[column], value, Measure, name)
        for column in ("name", "unit"):
            if not cells[column].strip():
                refuse(column, _("give the measure's %(column)s") % {"column": column})
        period = _text(cells, "counted by").lower()
        if period not in PERIOD_WORDS:
            refuse("counted by", _word_problem(cells["counted by"], PERIOD_WORDS))
        yearly = _text(cells, "the year's figure").lower() or "total"
        if yearly not in YEARLY_WORDS:
            refuse("the year's figure", _word_problem(cells["the year's figure"], YEARLY_WORDS))
        breakdown = _text(cells, "broken down by")
        if breakdown and breakdown not in known_lists:
            refuse(
                "broken down by",
                _("no breakdown list “%(key)s”, here or on the “%(sheet)s” sheet")
                % {"key": breakdown, "sheet": LISTS},
            )
        target = _text(cells, "target")
        target_value = number(target) if target else None
        if target and is_negative(target):
            refuse("target", _("the target cannot be negative (“%(value)s”)") % {"value": target})
        elif target and (target_value is None or target_value >= Decimal(10) ** 12):
            refuse("target", _("“%(value)s” is not a number") % {"value": target})
        elif target_value is not None and target_value != round(target_value, 2):
            refuse("target", _("give the target with at most 2 decimal places"))
        places = _text(cells, "decimal places") or "0"
        if places not in ("0", "1", "2"):
            refuse(
                "decimal places",
                _("decimal places are 0, 1 or 2, not “%(value)s”") % {"value": places},
            )
        flags = {}
        for column in ("public", "counted from enquiries", "counted from feedback"):
            word = _text(cells, column).lower()
            if word not in YES | NO:
                # Translators: "yes" and "no" are words of the file format, which stays English.
                refuse(column, _("write yes or no, not “%(value)s”") % {"value": cells[column]})
            flags[column] = word in YES
        codes = [c.strip() for c in STANDARD_SEPARATORS.split(cells["standards"]) if c.strip()]
        linked = standards.find(codes, lambda message: refuse("standards", message))
        stored = existing.get(key)
        if stored is not None and stored.figures.exists():
            if period in PERIOD_WORDS and period != stored.period:
                refuse(
                    "counted by",
                    _("“%(key)s” has figures counted by %(period)s: it cannot change to %(new)s")
                    % {"key": key, "period": stored.period, "new": period},
                )
            if (stored.breakdown.key if stored.breakdown else "") != breakdown:
                refuse(
                    "broken down by",
                    _("“%(key)s” has figures broken down by “%(list)s”: it cannot change")
                    % {"key": key, "list": stored.breakdown.key if stored.breakdown else "-"},
                )
        found.append(
            {
                "key": key,
                "fields": {
                    "name": cells["name"],
                    "definition": cells["definition"],
                    "unit": cells["unit"],
                    "period": period,
                    "yearly": yearly,
                    "target": target_value,
                    "decimal_places": int(places) if places in ("0", "1", "2") else 0,
                    "group": cells["table"],
                    "public": flags["public"],
                    "counted_from_enquiries": flags["counted from enquiries"],
                    "counted_from_feedback": flags["counted from feedback"],
                    "position": position,
                },
                "breakdown": breakdown,
                "standards": linked,
            }
        )
    return found


def _word_problem(value: str, words: list[str]) -> str:
    # Translators: the words are those of the file format, which stays English.
    return _("write %(words)s, not “%(value)s”") % {
        "words": _(" or ").join(words),
        "value": value,
    }


class _Standards:
    """Standards named by their codes, in the framework given or the only one there is."""

    def __init__(self, framework):
        self.framework, self.codes = framework, None

    def find(self, codes: list[str], refuse) -> list[Standard]:
        if not codes:
            return []
        if self.codes is None:
            if self.framework is None:
                frameworks = list(Framework.objects.all()[:2])
                if len(frameworks) != 1:
                    refuse(
                        _("say which framework's standards these are: there are %(count)s")
                        % {"count": Framework.objects.count()}
                    )
                    return []
                self.framework = frameworks[0]
            self.codes = {
                s.code: s for s in Standard.objects.filter(section__framework=self.framework)
            }
        missing = [code for code in codes if code not in self.codes]
        if missing:
            refuse(
                _("%(framework)s has no standard %(codes)s")
                % {"framework": self.framework, "codes": ", ".join(missing)}
            )
        return [self.codes[code] for code in codes if code in self.codes]


@transaction.atomic
def _save(lists: dict[str, ListRows], measures: list[dict], user) -> MeasuresImport:
    done = MeasuresImport()
    saved_lists = {}
    for key, listed in lists.items():
        breakdown = BreakdownList.objects.filter(key=key).first()
        if breakdown is None:
            breakdown = BreakdownList(key=key, name=listed.name)
            done.lists_created.append(key)
        elif breakdown.name != listed.name or _labels(breakdown) != listed.labels:
            breakdown.name = listed.name
            done.lists_updated.append(key)
        else:
            saved_lists[key] = breakdown
            continue
        breakdown._history_user = user
        breakdown.save()
        saved_lists[key] = breakdown
        _values(breakdown, listed.labels, user, done)
    for found in measures:
        measure = Measure.objects.filter(key=found["key"]).first()
        fields = dict(found["fields"])
        key = found["breakdown"]
        fields["breakdown"] = (
            (saved_lists.get(key) or BreakdownList.objects.get(key=key)) if key else None
        )
        if measure is None:
            measure = Measure(key=found["key"], **fields)
            done.created.append(measure.key)
        elif _changed(measure, fields, found["standards"]):
            for name, value in fields.items():
                setattr(measure, name, value)
            done.updated.append(measure.key)
        else:
            continue
        measure._history_user = user
        measure.save()
        measure.standards.set(found["standards"])
    left_out = Measure.objects.exclude(key__in=[m["key"] for m in measures])
    if left_out.exists():
        done.notices.append(
            _("Kept as they were, as the file leaves them out: %(keys)s.")
            % {"keys": ", ".join(left_out.values_list("key", flat=True))}
        )
    return done


def _labels(breakdown) -> list[str]:
    return list(breakdown.values.order_by("sort_order", "pk").values_list("label", flat=True))


def _values(breakdown, labels: list[str], user, done) -> None:
    """The list's values in the file's order; any the file leaves out kept, after them."""
    stored = {value.label: value for value in breakdown.values.all()}
    kept = [label for label in _labels(breakdown) if label not in labels]
    for order, label in enumerate([*labels, *kept]):
        value = stored.get(label) or BreakdownValue(breakdown=breakdown, label=label)
        if value.pk and value.sort_order == order:
            continue
        value.sort_order = order
        value._history_user = user
        value.save()
    if kept:
        done.notices.append(
            _("Kept in the list “%(key)s”, as the file leaves them out: %(labels)s.")
            % {"key": breakdown.key, "labels": ", ".join(kept)}
        )


def _changed(measure: Measure, fields: dict, standards) -> bool:
    if any(getattr(measure, name) != value for name, value in fields.items()):
        return True
    return {s.pk for s in measure.standards.all()} != {s.pk for s in standards}

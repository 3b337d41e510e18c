"""The rules a framework mapping keeps, in one place: the admin form and the spreadsheet upload
both ask `row_problems`, `level_problems`, `cycle_problem` and `missing_codes` (in
models/mappings.py), and each
reports what they return in its own way (a form error naming the row; a sheet, row and column).

A row links an old standard to a new one:

- same: one old, one new, each in no other row;
- split: one old, two or more new (a row for each);
- merged: two or more old (a row for each), one new;
- new: no old, one new;
- retired: one old, no new.

Old standards belong to the mapping's from-framework, new ones to its to-framework; every
standard of both must be accounted for (`missing_codes`)."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Framework, Standard
from .models.mappings import FrameworkMapping, Relation


@dataclass
class Row:
    """A row as the rules read it: standards (or None), and the relation's code."""

    old: Standard | None
    new: Standard | None
    relation: str


@dataclass
class Problem:
    index: int  # the row's place in the list given, from 0
    part: str | None  # "old", "new", "relation", or None for the whole row
    message: str


def _code(standard) -> str:
    return standard.code if standard is not None else ""


def row_problems(from_framework, to_framework, rows: list[Row]) -> list[Problem]:
    """Everything wrong with the rows, each naming its row (and the part of it at fault)."""
    problems = []
    relations = set(Relation.values)
    seen = {}
    by_old, by_new = defaultdict(list), defaultdict(list)
    for index, row in enumerate(rows):
        if row.relation not in relations:
            problems.append(
                Problem(
                    index,
                    "relation",
                    _("“%(relation)s” is not a relation (write one of: %(relations)s)")
                    % {"relation": row.relation, "relations": ", ".join(Relation.values)},
                )
            )
            continue
        wants_old = row.relation != Relation.NEW
        wants_new = row.relation != Relation.RETIRED
        if wants_old and row.old is None:
            problems.append(
                Problem(index, "old", _("a “%(relation)s” row needs an old standard") % _r(row))
            )
        if not wants_old and row.old is not None:
            problems.append(
                Problem(index, "old", _("a “new” row has no old standard: leave it blank"))
            )
        if wants_new and row.new is None:
            problems.append(
                Problem(index, "new", _("a “%(relation)s” row needs a new standard") % _r(row))
            )
        if not wants_new and row.new is not None:
            problems.append(
                Problem(index, "new", _("a “retired” row has no new standard: leave it blank"))
            )
        if row.old is not None and row.old.section.framework_id != from_framework.pk:
            problems.append(
                Problem(
                    index,
                    "old",
                    _("%(code)s is not a standard of %(framework)s, the framework mapped from")
                    % {"code": row.old.code, "framework": from_framework},
                )
            )
        if row.new is not None and row.new.section.framework_id != to_framework.pk:
            problems.append(
                Problem(
                    index,
                    "new",
                    _("%(code)s is not a standard of %(framework)s, the framework mapped to")
                    % {"code": row.new.code, "framework": to_framework},
                )
            )
        key = (getattr(row.old, "pk", None), getattr(row.new, "pk", None))
        if key in seen:
            problems.append(
                Problem(
                    index,
                    None,
                    _("the same as row %(row)s (%(old)s → %(new)s)")
                    % {"row": seen[key] + 1, "old": _code(row.old), "new": _code(row.new)},
                )
            )
            continue
        seen[key] = index
        if row.old is not None:
            by_old[row.old.pk].append(index)
        if row.new is not None:
            by_new[row.new.pk].append(index)
    problems += _shape_problems(rows, by_old, "old")
    problems += _shape_problems(rows, by_new, "new")
    return sorted(problems, key=lambda p: p.index)


def _r(row) -> dict:
    return {"relation": row.relation}


# How many rows a standard may be in, by relation: (fewest, most), seen from the old standard's
# side and from the new one's.
_ROWS_ALLOWED = {
    "old": {"same": (1, 1), "split": (2, None), "merged": (1, 1), "retired": (1, 1)},
    "new": {"same": (1, 1), "split": (1, 1), "merged": (2, None), "new": (1, 1)},
}


def _shape_problems(rows, grouped, side) -> list[Problem]:
    """Whether the rows each standard is in fit their relation: a "same" standard in no other
    row, a split's old standard in two rows or more, a merge's new one likewise."""
    problems = []
    for indexes in grouped.values():
        first = rows[indexes[0]]
        code = _code(getattr(first, side))
        kinds = {rows[i].relation for i in indexes}
        if len(kinds) > 1:
            listed = ", ".join(str(i + 1) for i in indexes)
            problems.append(
                Problem(
                    indexes[-1],
                    "relation",
                    _("%(code)s is in rows %(rows)s with different relations (%(relations)s)")
                    % {"code": code, "rows": listed, "relations": ", ".join(sorted(kinds))},
                )
            )
            continue
        fewest, most = _ROWS_ALLOWED[side][first.relation]
        if len(indexes) < fewest:
            message = (
                _("%(code)s is split into one standard only: a split needs two or more rows")
                if first.relation == Relation.SPLIT
                else _("%(code)s is merged from one standard only: a merge needs two or more rows")
            )
            problems.append(Problem(indexes[0], "relation", message % {"code": code}))
        elif most is not None and len(indexes) > most:
            listed = ", ".join(str(i + 1) for i in indexes)
            problems.append(
                Problem(
                    indexes[1],
                    side,
                    _(
                        "%(code)s is in rows %(rows)s: a “%(relation)s” standard is in no other "
                        "row (use split or merged for one that became several, or several one)"
                    )
                    % {"code": code, "rows": listed, "relation": first.relation},
                )
            )
    return problems


def missing_message(from_framework, to_framework, old: list[str], new: list[str]) -> str:
    """ "These standards are not mapped yet: 1.2 of … ; 2.1 of …" """
    parts = []
    if old:
        parts.append(
            _("%(codes)s of %(framework)s") % {"codes": ", ".join(old), "framework": from_framework}
        )
    if new:
        parts.append(
            _("%(codes)s of %(framework)s") % {"codes": ", ".join(new), "framework": to_framework}
        )
    return _("These standards are not mapped yet: %(standards)s.") % {"standards": "; ".join(parts)}


def level_problems(from_framework, to_framework, pairs) -> list[Problem]:
    """The levels part: each (old level, new level) from the right scale, an old level once."""
    problems, seen = [], {}
    for index, (old, new) in enumerate(pairs):
        if old is not None and old.framework_id != from_framework.pk:
            problems.append(
                Problem(
                    index,
                    "old",
                    _("%(code)s is not a level of %(framework)s's scale")
                    % {"code": old.code, "framework": from_framework},
                )
            )
        if new is not None and new.framework_id != to_framework.pk:
            problems.append(
                Problem(
                    index,
                    "new",
                    _("%(code)s is not a level of %(framework)s's scale")
                    % {"code": new.code, "framework": to_framework},
                )
            )
        if old is not None and old.pk in seen:
            problems.append(
                Problem(
                    index,
                    "old",
                    _("the level %(code)s is mapped on row %(row)s already")
                    % {"code": old.code, "row": seen[old.pk] + 1},
                )
            )
        elif old is not None:
            seen[old.pk] = index
    return problems


def cycle_problem(from_framework, to_framework, mapping_pk=None) -> str:
    """Why a mapping from one framework to the other would make a loop, or "". A loop is a
    path back from the to-framework to the from-framework, through other mappings or through
    the frameworks' `replaces` (the earlier version a framework replaces comes before it)."""
    if from_framework.pk == to_framework.pk:
        return _("A framework cannot be mapped to itself: choose two different frameworks.")
    following = defaultdict(set)
    mappings = FrameworkMapping.objects.exclude(pk=mapping_pk).values_list(
        "from_framework_id", "to_framework_id"
    )
    for start, end in mappings:
        following[start].add(end)
    for pk, replaces in Framework.objects.exclude(replaces=None).values_list("pk", "replaces_id"):
        following[replaces].add(pk)
    path = _path(following, to_framework.pk, from_framework.pk)
    if not path:
        return ""
    names = {f.pk: str(f) for f in Framework.objects.filter(pk__in=path)}
    return _(
        "This mapping would make a loop: %(path)s already leads back to %(framework)s. A "
        "mapping goes from an earlier framework to a later one."
    ) % {"path": " → ".join(names[pk] for pk in path), "framework": from_framework}


def _path(following, start, goal) -> list:
    """A path of framework ids from start to goal, or []."""
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        if path[-1] == goal:
            return path
        for after in sorted(following[path[-1]] - seen):
            seen.add(after)
            paths.append([*path, after])
    return []

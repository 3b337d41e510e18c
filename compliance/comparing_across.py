"""Two self-assessments of different frameworks compared through the mapping between them
(reports.compare calls this when the frameworks differ).

The rows follow the later framework (the mapping's to-framework), each with the earlier
standard(s) it came from and the relation. A "same" standard improved, worsened or stayed
unchanged: its earlier level is first put on the later scale by the mapping's levels part;
a level the mapping does not map is weighed by whether it counts as met, then by its place on
its own scale. Split, merged and new standards are named as such; the earlier framework's
retired standards come last. A fixed number of queries, however many standards."""

from django.utils.translation import gettext as _

from .models import FrameworkMapping, RatingLevel, Relation
from .reports import Comparison, StandardChange, _change, ratings_of


class NoMapping(ValueError):
    """The two self-assessments' frameworks have no mapping between them."""


def mapping_for(first, second):
    """(mapping, earlier assessment, later assessment): the mapping between the two
    assessments' frameworks, in either direction. NoMapping, said plainly, if there is none."""
    mappings = FrameworkMapping.objects.select_related("from_framework", "to_framework")
    mapping = mappings.filter(
        from_framework_id=first.framework_id, to_framework_id=second.framework_id
    ).first()
    if mapping is not None:
        return mapping, first, second
    mapping = mappings.filter(
        from_framework_id=second.framework_id, to_framework_id=first.framework_id
    ).first()
    if mapping is not None:
        return mapping, second, first
    raise NoMapping(
        _(
            "“%(first)s” and “%(second)s” are on different frameworks (%(first_framework)s "
            "and %(second_framework)s) with no mapping between them, so they cannot be "
            "compared. Compare two self-assessments of one framework, or add a framework "
            "mapping between the two first."
        )
        % {
            "first": first,
            "second": second,
            "first_framework": first.framework,
            "second_framework": second.framework,
        }
    )


def compare_across(first, second) -> Comparison:
    mapping, earlier, later = mapping_for(first, second)
    levels = list(
        RatingLevel.objects.filter(
            framework_id__in=[mapping.from_framework_id, mapping.to_framework_id]
        ).order_by("-position")
    )
    by_pk = {level.pk: level for level in levels}
    level_map = {
        old: by_pk[new]
        for old, new in mapping.level_rows.values_list("old_level_id", "new_level_id")
    }
    ranks = _ranks(levels)
    before = {r.standard_id: r for r in ratings_of(earlier)}
    after = {r.standard_id: r for r in ratings_of(later)}
    rows = list(
        mapping.rows.select_related("old_standard__section", "new_standard__section").order_by(
            "sort_order", "pk"
        )
    )
    feeding, retired, standards = {}, [], {r.standard_id: r.standard for r in after.values()}
    for row in rows:
        if row.new_standard_id:
            feeding.setdefault(row.new_standard_id, []).append(row)
            standards.setdefault(row.new_standard_id, row.new_standard)
        elif row.old_standard_id:
            retired.append(row)
    comparison = Comparison(
        earlier, later, [lv for lv in levels if lv.framework_id == later.framework_id]
    )
    comparison.mapping = mapping

    def level_before(standard_id):
        rating = before.get(standard_id)
        return rating.level if rating else None

    for standard in sorted(standards.values(), key=lambda s: (s.section.position, s.position)):
        rows_in = feeding.get(standard.pk, [])
        relation = rows_in[0].relation if rows_in else Relation.NEW
        came_from = [
            (row.old_standard, level_before(row.old_standard_id))
            for row in rows_in
            if row.old_standard_id
        ]
        rating = after.get(standard.pk)
        now = rating.level if rating else None
        was = came_from[0][1] if len(came_from) == 1 else None
        if relation == Relation.SAME:
            change = _change_across(was, now, level_map, ranks) if came_from else "new"
        else:
            change = str(relation)
        _add(comparison, StandardChange(standard, was, now, change, str(relation), came_from))
    for row in sorted(
        retired, key=lambda r: (r.old_standard.section.position, r.old_standard.position)
    ):
        was = level_before(row.old_standard_id)
        _add(
            comparison,
            StandardChange(
                None, was, None, "retired", Relation.RETIRED.value, [(row.old_standard, was)]
            ),
        )
    return comparison


def _add(comparison, change) -> None:
    comparison.changes.append(change)
    comparison.totals[change.change] = comparison.totals.get(change.change, 0) + 1


def _ranks(levels) -> dict:
    """Each rated level's place on its own scale, from 0 (lowest) to 1 (highest)."""
    ranks, scales = {}, {}
    for level in levels:
        if not level.is_unrated:
            scales.setdefault(level.framework_id, []).append(level)
    for scale in scales.values():
        rising = sorted(scale, key=lambda lv: lv.position)
        for place, level in enumerate(rising):
            ranks[level.pk] = place / (len(rising) - 1) if len(rising) > 1 else 1.0
    return ranks


def _change_across(before, after, level_map, ranks) -> str:
    """improved / worsened / unchanged / rated / unrated from a level of the earlier scale to
    one of the later."""
    if before is None or after is None:
        return _change(before, after)
    mapped = level_map.get(before.pk)
    if mapped is not None:
        return _change(mapped, after)
    if before.is_unrated or after.is_unrated:
        if before.is_unrated and after.is_unrated:
            return "unchanged"
        return "rated" if before.is_unrated else "unrated"
    was = (before.counts_as_met, ranks.get(before.pk, 0.0))
    now = (after.counts_as_met, ranks.get(after.pk, 0.0))
    if was == now:
        return "unchanged"
    return "improved" if now > was else "worsened"

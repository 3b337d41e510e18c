"""What the admin views and the spreadsheets show: an assessment by section, and comparisons.

Each function reads everything it needs in a fixed number of queries, however many
standards the framework has.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .models import (
    ChecklistItem,
    EvidenceLine,
    FrameworkMapping,
    LineRating,
    LineScale,
    Rating,
    RatingLevel,
    Relation,
    SelfAssessment,
)
from .models.assessments import NOT_ADOPTED_EXCLUDED


def ratings_of(assessment: SelfAssessment, with_evidence=False):
    """The assessment's ratings in framework order, with standard, section, level, checklist."""
    ratings = (
        Rating.objects.filter(assessment=assessment)
        .select_related("standard__section", "level", "reviewed_by")
        .prefetch_related(
            Prefetch("standard__checklist", queryset=ChecklistItem.objects.order_by("position"))
        )
    )
    if with_evidence:
        ratings = ratings.prefetch_related("evidence_links__document")
    return list(ratings)


def with_evidence_lines(ratings, framework) -> None:
    """Give each rating .evidence: [(line, [(line scale, level or None)], comment)] for its
    standard's evidence lines, in order ([] for a standard without lines). Three queries."""
    scales = list(LineScale.objects.filter(framework=framework).prefetch_related("levels"))
    levels = {level.pk: level for scale in scales for level in scale.levels.all()}
    lines = {}
    for line in EvidenceLine.objects.filter(standard__section__framework=framework):
        lines.setdefault(line.standard_id, []).append(line)
    given = {
        (lr.rating_id, lr.line_id): lr
        for lr in LineRating.objects.filter(rating__in=[r.pk for r in ratings])
    }
    for rating in ratings:
        rating.evidence = []
        for line in lines.get(rating.standard_id, []):
            line_rating = given.get((rating.pk, line.pk))
            chosen = line_rating.level_ids() if line_rating else {}
            scored = [(scale, levels.get(chosen.get(scale.pk))) for scale in scales]
            rating.evidence.append((line, scored, line_rating.comment if line_rating else ""))


def by_section(ratings):
    """[(section, [ratings])] in framework order."""
    return [
        (section, list(items))
        for section, items in groupby(ratings, key=lambda r: r.standard.section)
    ]


def level_counts(assessment_ratings, levels) -> list[tuple]:
    """[(level, count)] for every level of the scale, best first; an optional standard the
    service did not adopt is in no count."""
    counts = Counter(r.level_id for r in assessment_ratings if r.is_counted)
    return [(level, counts[level.pk]) for level in levels]


# What each change from one self-assessment to the next is called. The keys name the change
# in code and in CSS classes; the words are what people read.
CHANGE_WORDS = {
    "improved": pgettext_lazy("rating change", "improved"),
    "worsened": pgettext_lazy("rating change", "worsened"),
    "unchanged": pgettext_lazy("rating change", "unchanged"),
    "rated": pgettext_lazy("rating change", "rated"),
    "unrated": pgettext_lazy("rating change", "unrated"),
    "new": pgettext_lazy("rating change", "new"),
    "dropped": pgettext_lazy("rating change", "dropped"),
    # Across a framework mapping (compare_across, below): how a standard of the later
    # framework came from the earlier one's, when its rating cannot be set beside one level.
    "split": pgettext_lazy("rating change", "split"),
    "merged": pgettext_lazy("rating change", "merged"),
    "retired": pgettext_lazy("rating change", "retired"),
}


@dataclass
class StandardChange:
    standard: object
    before: object  # RatingLevel or None
    after: object
    change: str  # a key of CHANGE_WORDS: "improved", "worsened", "unchanged", "new" ...
    # Across a mapping: [(old standard, its level in `first` or None)] it came from, and how
    relation: str = ""  # "same", "split", "merged", "new", "retired"; "" within a framework
    came_from: list = field(default_factory=list)

    @property
    def words(self) -> str:
        return str(CHANGE_WORDS[self.change])

    @property
    def relation_words(self) -> str:
        """The relation as the mapping names it ("Same", "Split" ...), or ""."""
        return str(Relation(self.relation).label) if self.relation else ""


@dataclass
class Comparison:
    first: SelfAssessment
    second: SelfAssessment
    levels: list
    changes: list = field(default_factory=list)
    totals: dict = field(default_factory=dict)  # change -> number of standards
    mapping: object = None  # the FrameworkMapping compared through, if the frameworks differ

    def total_rows(self) -> list[tuple[str, str, int]]:
        """[(change, its words, number of standards)] in the order the changes were met."""
        return [(name, str(CHANGE_WORDS[name]), count) for name, count in self.totals.items()]


def compare(first: SelfAssessment, second: SelfAssessment) -> Comparison:
    """Per standard: improved, worsened or unchanged from `first` to `second`. Two
    self-assessments of different frameworks are compared through the mapping between them
    (compare_across, below); without one, NoMapping."""
    if first.framework_id != second.framework_id:
        return compare_across(first, second)
    levels = list(RatingLevel.objects.filter(framework_id=first.framework_id).order_by("-position"))
    before = {r.standard_id: r for r in ratings_of(first)}
    after = {r.standard_id: r for r in ratings_of(second)}
    comparison = Comparison(first, second, levels)
    standards = {r.standard_id: r.standard for r in [*before.values(), *after.values()]}
    order = sorted(standards.values(), key=lambda s: (s.section.position, s.position))
    for standard in order:
        a, b = before.get(standard.pk), after.get(standard.pk)
        change = _change(a.level if a else None, b.level if b else None)
        comparison.changes.append(
            StandardChange(standard, a.level if a else None, b.level if b else None, change)
        )
        comparison.totals[change] = comparison.totals.get(change, 0) + 1
    return comparison


def _change(before, after) -> str:
    if before is None:
        return "new"
    if after is None:
        return "dropped"
    if before.is_unrated or after.is_unrated or after.position == before.position:
        return (
            "unchanged" if after.pk == before.pk else ("rated" if before.is_unrated else "unrated")
        )
    return "improved" if after.position > before.position else "worsened"


# Two self-assessments of different frameworks compared through the mapping between them
# (compare calls compare_across when the frameworks differ).
#
# The rows follow the later framework (the mapping's to-framework), each with the earlier
# standard(s) it came from and the relation. A "same" standard improved, worsened or stayed
# unchanged: its earlier level is first put on the later scale by the mapping's levels part;
# a level the mapping does not map is weighed by whether it counts as met, then by its place on
# its own scale. Split, merged and new standards are named as such; the earlier framework's
# retired standards come last. A fixed number of queries, however many standards.


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


def counts_across(framework) -> tuple[list, list]:
    """Levels, and [(assessment, [count per level])] for every assessment of the framework."""
    levels = list(framework.levels.order_by("-position"))
    assessments = list(framework.assessments.order_by("assessed_on", "pk"))
    grouped = (
        Rating.objects.filter(NOT_ADOPTED_EXCLUDED, assessment__framework=framework)
        .values("assessment_id", "level_id")
        .annotate(n=Count("pk"))
    )
    counts = {(g["assessment_id"], g["level_id"]): g["n"] for g in grouped}
    rows = [(a, [counts.get((a.pk, level.pk), 0) for level in levels]) for a in assessments]
    return levels, rows


def latest_ratified(framework_id=None):
    assessments = SelfAssessment.objects.filter(status=SelfAssessment.Status.RATIFIED)
    if framework_id:
        assessments = assessments.filter(framework_id=framework_id)
    latest_first = assessments.order_by("-assessed_on", "-pk")
    return latest_first.select_related("framework", "ratified_at").first()


def public_view(assessment) -> dict:
    """What the public page shows: sections, standards, ratings and public summaries only.

    The confidential fields are not even read from the database.
    """
    ratings = (
        Rating.objects.filter(assessment=assessment)
        .select_related("standard__section", "level")
        .only(
            "public_summary",
            "adopted",
            "standard__optional",
            "standard__code",
            "standard__text",
            "standard__public_text",
            "standard__position",
            "standard__section__number",
            "standard__section__title",
            "standard__section__position",
            "level__code",
            "level__label",
            "level__colour",
            "level__counts_as_met",
            "level__position",
        )
        .prefetch_related(
            Prefetch("standard__checklist", queryset=ChecklistItem.objects.order_by("position"))
        )
    )
    ratings = list(ratings)
    levels = list(assessment.framework.levels.order_by("-position"))
    return {
        "sections": by_section(ratings),
        "counts": [(level, n) for level, n in level_counts(ratings, levels) if n],
    }

"""What the admin views and the spreadsheets show: an assessment by section, and comparisons.

Each function reads everything it needs in a fixed number of queries, however many
standards the framework has.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Prefetch
from django.utils.translation import pgettext_lazy

from .models import (
    ChecklistItem,
    EvidenceLine,
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
    # Across a framework mapping (compliance/comparing_across.py): how a standard of the later
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
    (compliance/comparing_across.py); without one, NoMapping."""
    if first.framework_id != second.framework_id:
        from .comparing_across import compare_across

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

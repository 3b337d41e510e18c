"""Framework mappings: how the standards of one framework became those of the next (the 2016
Quality Standards' into the 2018 Minimum Standards'), so that a self-assessment can start from
the previous one on a different framework, and two of them can be compared.

Each row links an old standard to a new one as the same, split, merged, new or retired; an
optional levels part maps the old rating scale onto the new. The rules a mapping must keep are
in compliance/mapping_rules.py, used by the admin form and the upload alike."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..history import InlineHistoricalRecords, TrackerHistoricalRecords
from ..spreadsheets.cells import CELL_LIMIT
from .frameworks import Framework, RatingLevel, Standard


class Relation(models.TextChoices):
    SAME = "same", _("Same")
    SPLIT = "split", _("Split")
    MERGED = "merged", _("Merged")
    NEW = "new", _("New")
    RETIRED = "retired", _("Retired")


class FrameworkMapping(ClusterableModel):
    """How one framework's standards became another's."""

    from_framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="mappings_from",
        verbose_name=_("from framework"),
        help_text=_("The earlier framework."),
    )
    to_framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="mappings_to",
        verbose_name=_("to framework"),
        help_text=_("The framework that follows it."),
    )
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True, max_length=CELL_LIMIT)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["from_framework__name", "to_framework__name", "pk"]
        verbose_name = _("framework mapping")
        verbose_name_plural = _("framework mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["from_framework", "to_framework"], name="one_mapping_a_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_framework=models.F("to_framework")),
                name="mapping_between_two_frameworks",
            ),
        ]

    def __str__(self):
        return self.title

    def missing_codes(self) -> tuple[list[str], list[str]]:
        """The codes of the old and the new framework's standards that no row accounts for."""
        return missing_codes(self.from_framework, self.to_framework, self.rows.all())

    def missing_summary(self) -> str:
        """ "Not mapped yet: 1.2, 3.4 (2016); 2.1 (2018)", or "" for a complete mapping."""
        old, new = self.missing_codes()
        parts = []
        if old:
            parts.append(f"{', '.join(old)} ({self.from_framework.version})")
        if new:
            parts.append(f"{', '.join(new)} ({self.to_framework.version})")
        if not parts:
            return ""
        return gettext("Not mapped yet: %(codes)s") % {"codes": "; ".join(parts)}

    @property
    def is_complete(self) -> bool:
        old, new = self.missing_codes()
        return not old and not new


class StandardMapping(models.Model):
    """One row of a mapping: an old standard, a new one, and how the one became the other."""

    mapping = ParentalKey(
        FrameworkMapping, on_delete=models.CASCADE, related_name="rows", verbose_name=_("mapping")
    )
    old_standard = models.ForeignKey(
        Standard,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("old standard"),
        help_text=_("Blank for a standard new in the later framework."),
    )
    new_standard = models.ForeignKey(
        Standard,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("new standard"),
        help_text=_("Blank for a standard the later framework retired."),
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)
    note = models.TextField(_("note"), blank=True, max_length=CELL_LIMIT)
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("standard mapping")
        verbose_name_plural = _("standard mappings")

    def __str__(self):
        old = self.old_standard.code if self.old_standard_id else "–"
        new = self.new_standard.code if self.new_standard_id else "–"
        return f"{old} → {new} ({self.get_relation_display()})"


class LevelMapping(models.Model):
    """One level of the old rating scale and the level of the new scale it becomes."""

    mapping = ParentalKey(
        FrameworkMapping,
        on_delete=models.CASCADE,
        related_name="level_rows",
        verbose_name=_("mapping"),
    )
    old_level = models.ForeignKey(
        RatingLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("old level")
    )
    new_level = models.ForeignKey(
        RatingLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("new level")
    )
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("level mapping")
        verbose_name_plural = _("level mappings")

    def __str__(self):
        return f"{self.old_level.code} → {self.new_level.code}"


def missing_codes(from_framework, to_framework, rows) -> tuple[list[str], list[str]]:
    """The codes of the old and the new framework's standards that no row accounts for, in
    framework order."""
    rows = list(rows)
    old_ids = {r.old_standard_id if hasattr(r, "old_standard_id") else getattr(r.old, "pk", None)
               for r in rows}  # fmt: skip
    new_ids = {r.new_standard_id if hasattr(r, "new_standard_id") else getattr(r.new, "pk", None)
               for r in rows}  # fmt: skip
    return (
        [s.code for s in _standards(from_framework) if s.pk not in old_ids],
        [s.code for s in _standards(to_framework) if s.pk not in new_ids],
    )


def _standards(framework):
    return Standard.objects.filter(section__framework=framework).order_by(
        "section__position", "position", "pk"
    )

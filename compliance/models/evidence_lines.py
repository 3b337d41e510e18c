"""Evidence lines: under a standard, several lines of evidence, each rated on the framework's
own line scales (e.g. an "Evidence" level and an "Outcome" level) with a comment, as the 2016
IASS Quality Standards ask. A framework without lines has none of these."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..history import TrackerHistoricalRecords
from ..spreadsheets.cells import CELL_LIMIT
from .assessments import AssessmentLocked, Rating, SelfAssessment
from .frameworks import Framework, Standard


class LineScale(models.Model):
    """A scale each evidence line is rated on, e.g. "Evidence" or "Outcome"."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="line_scales", verbose_name=_("framework")
    )
    name = models.CharField(_("name"), max_length=60)
    position = models.PositiveIntegerField(_("position"))

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("line scale")
        verbose_name_plural = _("line scales")
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="unique_line_scale_name"),
        ]

    def __str__(self):
        return self.name


class LineLevel(models.Model):
    """One level of a line scale, e.g. 2 = "Some evidence"."""

    scale = models.ForeignKey(
        LineScale, on_delete=models.CASCADE, related_name="levels", verbose_name=_("line scale")
    )
    position = models.PositiveIntegerField(
        _("position"), help_text=_("Order on the scale: higher is better.")
    )
    code = models.CharField(_("code"), max_length=10)
    label = models.CharField(_("label"), max_length=60)
    counts_as_met = models.BooleanField(_("counts as met"), default=False)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["scale", "-position", "pk"]
        verbose_name = _("line level")
        verbose_name_plural = _("line levels")
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="unique_line_level_code"),
        ]

    def __str__(self):
        return f"{self.code} ({self.label})"


class EvidenceLine(models.Model):
    """One line of evidence under a standard, in the framework's own words."""

    standard = models.ForeignKey(
        Standard,
        on_delete=models.CASCADE,
        related_name="evidence_lines",
        verbose_name=_("standard"),
    )
    position = models.PositiveIntegerField(_("position"))
    text = models.TextField(_("Wording"), max_length=CELL_LIMIT)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["standard", "position", "pk"]
        verbose_name = _("evidence line")
        verbose_name_plural = _("evidence lines")

    def __str__(self):
        return self.text[:80]


class LineRating(models.Model):
    """How the service rates itself on one evidence line: a level on each line scale (by the
    scale's id, as ticked_items holds checklist items' ids) and a comment."""

    rating = models.ForeignKey(
        Rating, on_delete=models.CASCADE, related_name="line_ratings", verbose_name=_("rating")
    )
    line = models.ForeignKey(
        EvidenceLine, on_delete=models.PROTECT, related_name="+", verbose_name=_("evidence line")
    )
    levels = models.JSONField(_("levels"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=CELL_LIMIT)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["line__position", "line__pk"]
        verbose_name = _("evidence line rating")
        verbose_name_plural = _("evidence line ratings")
        constraints = [
            models.UniqueConstraint(fields=["rating", "line"], name="one_rating_a_line"),
        ]

    def __str__(self):
        return str(self.line)

    def save(self, *args, **kwargs):
        """Refused once its self-assessment is ratified, as a rating is."""
        with transaction.atomic():
            assessment = SelfAssessment.objects.select_for_update().get(ratings__pk=self.rating_id)
            if assessment.is_locked:
                raise AssessmentLocked(assessment)
            super().save(*args, **kwargs)

    def level_ids(self) -> dict[int, int]:
        """{line scale id: line level id}."""
        return {int(scale): int(level) for scale, level in self.levels.items() if level}

"""A framework is data: its sections, standards, checklist items and its own rating scale."""

import itertools

from django.db import models
from simple_history.models import HistoricalRecords

from ..spreadsheets.cells import CELL_LIMIT


class Framework(models.Model):
    code = models.SlugField(max_length=50, unique=True, help_text='E.g. "iass-2018".')
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=50, help_text='The year or version, e.g. "2018".')
    source = models.TextField(
        blank=True, max_length=CELL_LIMIT, help_text="Who published it, and where."
    )
    rating_heading = models.CharField(
        max_length=30, default="Rating", help_text='The rating column\'s heading, e.g. "C/PC".'
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "version"]

    def __str__(self):
        return f"{self.name} ({self.version})"

    def unrated_level(self) -> "RatingLevel":
        """The scale's one "not yet rated" level, added (as NYR) to a scale that lacks it."""
        level = self.levels.filter(is_unrated=True).first()
        if level is None:
            taken = set(self.levels.values_list("code", flat=True))
            level = self.levels.create(code=free_unrated_code(taken), **UNRATED_LEVEL)
        return level


UNRATED_LEVEL = {
    "position": 0,
    "label": "Not yet rated",
    "meaning": "Nobody has rated the service against this standard yet.",
    "colour": "#505a5f",
    "counts_as_met": False,
    "is_unrated": True,
}


def free_unrated_code(taken) -> str:
    """A code for an added "not yet rated" level that the scale does not use already."""
    candidates = itertools.chain(
        ("NYR", "N/R", "NR", "-", "?", "0"), (f"NYR{n}" for n in itertools.count(2))
    )
    return next(code for code in candidates if code not in taken)


class RatingLevel(models.Model):
    """One level of a framework's rating scale, e.g. C = Compliant."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    position = models.PositiveIntegerField(help_text="Order on the scale: higher is better.")
    code = models.CharField(max_length=10)
    label = models.CharField(max_length=60)
    meaning = models.TextField(blank=True, max_length=CELL_LIMIT)
    colour = models.CharField(max_length=7, default="#6f777b", help_text="#rrggbb")
    counts_as_met = models.BooleanField(default=False)
    is_unrated = models.BooleanField(
        default=False, help_text='The level of a standard nobody has rated yet ("Not yet rated").'
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "-position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_level_code"),
            models.UniqueConstraint(
                fields=["framework"],
                condition=models.Q(is_unrated=True),
                name="one_unrated_level_per_framework",
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.label})"


class Section(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_section_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Standard(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="standards")
    code = models.CharField(max_length=20, help_text='E.g. "3.3".')
    text = models.TextField("Wording", max_length=CELL_LIMIT)
    public_text = models.TextField(
        "Plain-English wording",
        blank=True,
        max_length=CELL_LIMIT,
        help_text=(
            "Optional: the standard in everyday words, shown to the public instead of the "
            "official wording (which is written for commissioners)."
        ),
    )
    position = models.PositiveIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="unique_standard_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"

    @property
    def public_wording(self) -> str:
        """What the public reads: the plain-English wording if there is one."""
        return self.public_text or self.text


class ChecklistItem(models.Model):
    """One item a standard lists, e.g. "Opening hours" under 3.3, or one line of evidence."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(max_length=300)
    position = models.PositiveIntegerField()
    site_check = models.CharField(
        max_length=40,
        blank=True,
        help_text="Checked against the live website (see compliance/site_checks.py).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["standard", "position"]

    def __str__(self):
        return self.text

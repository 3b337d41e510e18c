"""A framework is data: its sections, standards, checklist items and its own rating scale."""

import itertools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..history import TrackerHistoricalRecords
from ..spreadsheets.cells import CELL_LIMIT


class Framework(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True, help_text=_('E.g. "iass-2018".'))
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(
        _("version"), max_length=50, help_text=_('The year or version, e.g. "2018".')
    )
    source = models.TextField(
        _("source"), blank=True, max_length=CELL_LIMIT, help_text=_("Who published it, and where.")
    )
    rating_heading = models.CharField(
        _("rating heading"),
        max_length=30,
        default="Rating",
        help_text=_('The rating column\'s heading, e.g. "C/PC".'),
    )
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("replaces"),
        help_text=_("The earlier version this one replaces."),
    )

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["name", "version"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self):
        return f"{self.name} ({self.version})"

    def clean(self):
        problem = replaces_problem(self, self.replaces) if self.pk else ""
        if problem:
            raise ValidationError({"replaces": problem})

    def unrated_level(self) -> "RatingLevel":
        """The scale's one "not yet rated" level, added (as NYR) to a scale that lacks it."""
        level = self.levels.filter(is_unrated=True).first()
        if level is None:
            taken = set(self.levels.values_list("code", flat=True))
            level = self.levels.create(code=free_unrated_code(taken), **unrated_level_fields())
        return level


def replaces_problem(framework, replaces) -> str:
    """Why `framework` cannot replace `replaces` (a chain that loops), or ""."""
    if replaces is None:
        return ""
    chain, current = [framework.pk], replaces
    while current is not None:
        if current.pk in chain:
            return gettext(
                "%(framework)s cannot replace %(replaces)s: %(replaces)s already comes after "
                "it (a chain of versions cannot loop)."
            ) % {"framework": framework, "replaces": replaces}
        chain.append(current.pk)
        current = current.replaces
    return ""


def unrated_level_fields() -> dict:
    """What an added "not yet rated" level holds, its words in the active language."""
    return {
        "position": 0,
        "label": gettext("Not yet rated"),
        "meaning": gettext("Nobody has rated the service against this standard yet."),
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

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="levels", verbose_name=_("framework")
    )
    position = models.PositiveIntegerField(
        _("position"), help_text=_("Order on the scale: higher is better.")
    )
    code = models.CharField(_("code"), max_length=10)
    label = models.CharField(_("label"), max_length=60)
    meaning = models.TextField(_("meaning"), blank=True, max_length=CELL_LIMIT)
    colour = models.CharField(_("colour"), max_length=7, default="#6f777b", help_text=_("#rrggbb"))
    counts_as_met = models.BooleanField(_("counts as met"), default=False)
    is_unrated = models.BooleanField(
        _("is unrated"),
        default=False,
        help_text=_('The level of a standard nobody has rated yet ("Not yet rated").'),
    )

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["framework", "-position"]
        verbose_name = _("rating level")
        verbose_name_plural = _("rating levels")
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
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="sections", verbose_name=_("framework")
    )
    number = models.CharField(_("number"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"))

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_section_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Standard(models.Model):
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="standards", verbose_name=_("section")
    )
    code = models.CharField(_("code"), max_length=20, help_text=_('E.g. "3.3".'))
    text = models.TextField(_("Wording"), max_length=CELL_LIMIT)
    public_text = models.TextField(
        _("Plain-English wording"),
        blank=True,
        max_length=CELL_LIMIT,
        help_text=_(
            "Optional: the standard in everyday words, shown to the public instead of the "
            "official wording (which is written for commissioners)."
        ),
    )
    position = models.PositiveIntegerField(_("position"))
    optional = models.BooleanField(
        _("optional"),
        default=False,
        help_text=_(
            "A service may adopt it or not: each self-assessment says whether it did, and one "
            "not adopted is left out of the counts."
        ),
    )

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["section__position", "position"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
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

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("standard")
    )
    text = models.CharField(_("text"), max_length=300)
    position = models.PositiveIntegerField(_("position"))
    site_check = models.CharField(
        _("site check"),
        max_length=40,
        blank=True,
        help_text=_("Checked against the live website (see compliance/site_checks.py)."),
    )

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["standard", "position"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.text

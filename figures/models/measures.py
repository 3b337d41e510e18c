"""What the service counts: measures, and the lists their figures are broken down by."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ...compliance.history import InlineHistoricalRecords, TrackerHistoricalRecords
from .. import periods

KEY_HELP = _("Letters, numbers, hyphens and underscores: how spreadsheets name it.")


class BreakdownList(ClusterableModel):
    """A list a measure's figures are broken down by: gender, school phase, need, contact
    route, outreach event, or any list the service keeps."""

    key = models.SlugField(_("key"), max_length=50, unique=True, help_text=KEY_HELP)
    name = models.CharField(_("name"), max_length=100)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("breakdown list")
        verbose_name_plural = _("breakdown lists")

    def __str__(self):
        return self.name


class BreakdownValue(models.Model):
    """One value in a breakdown list ("Girls", "Primary", "Web form")."""

    breakdown = ParentalKey(
        BreakdownList,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("breakdown list"),
    )
    label = models.CharField(_("label"), max_length=100)
    sort_order = models.IntegerField(null=True, blank=True, editable=False)
    sort_order_field = "sort_order"  # the list's form orders its values (modelcluster)

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("breakdown value")
        verbose_name_plural = _("breakdown values")
        constraints = [
            models.UniqueConstraint(fields=["breakdown", "label"], name="figures_one_label_a_list"),
        ]

    def __str__(self):
        return self.label


class Measure(models.Model):
    """Something the service counts each year: its definition (shown wherever its figures
    are), its unit, how often it is counted, what by, its yearly target, the standards it
    evidences and whether the public website shows it."""

    class Period(models.TextChoices):
        MONTH = periods.MONTH, _("Month")
        TERM = periods.TERM, _("Term")
        YEAR = periods.YEAR, _("Year")

    class Yearly(models.TextChoices):
        TOTAL = "total", _("Total of the periods")
        AVERAGE = "average", _("Average of the periods")

    key = models.SlugField(_("key"), max_length=50, unique=True, help_text=KEY_HELP)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(
        _("definition"), blank=True, help_text=_("What is counted, shown beside its figures.")
    )
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example: families."))
    period = models.CharField(
        _("counted by"), max_length=10, choices=Period.choices, default=Period.YEAR
    )
    yearly = models.CharField(
        _("the year's figure"),
        max_length=10,
        choices=Yearly.choices,
        default=Yearly.TOTAL,
        help_text=_(
            "For a measure counted by month or term: whether the year's figure is the total "
            "of its periods (referrals) or their average (active cases a month)."
        ),
    )
    breakdown = models.ForeignKey(
        BreakdownList,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("broken down by"),
    )
    target = models.DecimalField(
        _("yearly target"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("At least this much in a year (for example the 500 families of the SLA)."),
    )
    decimal_places = models.PositiveSmallIntegerField(
        _("decimal places"),
        default=0,
        validators=[MaxValueValidator(2)],
        help_text=_("0 for counts; up to 2 for hours or percentages."),
    )
    standards = models.ManyToManyField(
        "minimum_standards.Standard",
        blank=True,
        related_name="measures",
        verbose_name=_("standards it evidences"),
    )
    group = models.CharField(
        _("table"),
        max_length=200,
        blank=True,
        help_text=_("Measures with the same table heading are shown together."),
    )
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown on the public website's “How we are doing” page."),
    )
    counted_from_enquiries = models.BooleanField(
        _("counted from the website's enquiries"),
        default=False,
        help_text=_(
            "Every enquiry sent through the website adds one, by its date and its answers "
            "(the breakdown value it names): counts kept when the enquiry is deleted."
        ),
    )
    counted_from_feedback = models.BooleanField(
        _("counted from the website's feedback"),
        default=False,
        help_text=_(
            "Every piece of feedback sent through the website counts, by its date and the "
            "labels the website gives it (its rating when it arrives; a theme when staff tag "
            "it, taken off when they untag it): counts kept when the feedback is deleted."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    history = TrackerHistoricalRecords(m2m_fields=[standards])

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.name

    def period_numbers(self) -> list[int]:
        return periods.numbers(self.period)

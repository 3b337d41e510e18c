"""The figures: one number for a measure, a reporting year, one of its periods and (if the
measure is broken down) one breakdown value."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...compliance.history import TrackerHistoricalRecords
from .. import periods
from .measures import BreakdownValue, Measure
from .years import ReportingYear, YearLocked


class Figure(models.Model):
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="figures", verbose_name=_("measure")
    )
    year = models.ForeignKey(
        ReportingYear,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name=_("reporting year"),
    )
    period = models.PositiveSmallIntegerField(
        _("period"),
        default=periods.WHOLE_YEAR,
        help_text=_("0 for the whole year; months 1 to 12 and terms 1 to 6 from its start."),
    )
    breakdown_value = models.ForeignKey(
        BreakdownValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        verbose_name=_("breakdown value"),
    )
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["measure__position", "year__starts_on", "period", "breakdown_value__sort_order"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "period"],
                condition=models.Q(breakdown_value__isnull=True),
                name="figures_one_figure_a_period",
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "period", "breakdown_value"],
                condition=models.Q(breakdown_value__isnull=False),
                name="figures_one_figure_a_value",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="figures_never_negative"),
        ]

    def __str__(self):
        return gettext("%(measure)s, %(period)s: %(value)s") % {
            "measure": self.measure,
            "period": periods.label(self.measure.period, self.year.starts_on, self.period),
            "value": self.value,
        }

    def save(self, *args, **kwargs):
        """Saved with its year's row locked: refused once the year's report is approved."""
        with transaction.atomic():
            years = ReportingYear.objects.select_for_update().filter(pk=self.year_id)
            if list(years.values_list("status", flat=True)) == [ReportingYear.Status.APPROVED]:
                raise YearLocked(self.year)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            years = ReportingYear.objects.select_for_update().filter(pk=self.year_id)
            if list(years.values_list("status", flat=True)) == [ReportingYear.Status.APPROVED]:
                raise YearLocked(self.year)
            return super().delete(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.measure_id and not periods.is_valid(self.measure.period, self.period):
            errors["period"] = gettext("%(measure)s has no period %(period)s.") % {
                "measure": self.measure,
                "period": self.period,
            }
        if self.measure_id:
            expected = self.measure.breakdown_id
            given = self.breakdown_value.breakdown_id if self.breakdown_value_id else None
            if given != expected:
                errors["breakdown_value"] = gettext(
                    "Choose a value from the list %(measure)s is broken down by."
                ) % {"measure": self.measure}
        if errors:
            raise ValidationError(errors)


def add_one(measure: Measure, year: ReportingYear, period: int, value=None, reason="") -> Figure:
    """One more in a count (an enquiry received), so that two at once both count: the
    figure's row locked while it is counted, or made at 1 if there is none. Counted even in a
    locked year: it records what happened and changes nothing anyone entered. Nobody's edit:
    its history names no user (not the person who sent the enquiry, even if signed in). The
    figure saved is marked `counted`, so that who listens for changes may tell a count from
    an edit (the site does not purge its pages for every enquiry)."""
    where = {"measure": measure, "year": year, "period": period, "breakdown_value": value}
    with transaction.atomic():
        figure = Figure.objects.select_for_update().filter(**where).order_by().first()
        if figure is None:
            try:
                with transaction.atomic():
                    figure = Figure(**where, value=Decimal(1))
                    figure.counted = True
                    figure._change_reason, figure._history_user = reason, None
                    models.Model.save(figure)  # the year's lock is for people's edits
                    return figure
            except IntegrityError:  # made meanwhile by another request
                figure = Figure.objects.select_for_update().order_by().get(**where)
        figure.value += 1
        figure.counted = True
        figure._change_reason, figure._history_user = reason, None
        models.Model.save(figure, update_fields=["value"])
    return figure


def take_one(
    measure: Measure, year: ReportingYear, period: int, value=None, reason=""
) -> Figure | None:
    """One fewer in a count (a theme taken off a piece of feedback), the figure's row locked
    as `add_one` locks it; never below nought, and nothing if there is no figure to take from
    (someone deleted it). Nobody's edit, counted even in a locked year, as `add_one`."""
    where = {"measure": measure, "year": year, "period": period, "breakdown_value": value}
    with transaction.atomic():
        figure = Figure.objects.select_for_update().filter(**where).order_by().first()
        if figure is None or figure.value <= 0:
            return figure
        figure.value -= 1
        figure.counted = True
        figure._change_reason, figure._history_user = reason, None
        models.Model.save(figure, update_fields=["value"])
    return figure

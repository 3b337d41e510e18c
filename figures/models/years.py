"""A reporting year: its figures are entered until its annual report is approved, and are
locked from then on (an unlock, with its reason, reopens them; both are in its history)."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...compliance.concurrency import locked, write
from ...compliance.dates import ModelDateField
from ...compliance.history import TrackerHistoricalRecords
from .. import periods


class YearLocked(ValidationError):
    """Raised on any change to the figures of a year whose annual report was approved."""

    def __init__(self, year):
        super().__init__(
            gettext(
                "The figures for %(year)s are locked: its annual report was approved. Unlock "
                "the year (the unlock is recorded) before changing them."
            )
            % {"year": year}
        )


class ReportingYearQuerySet(models.QuerySet):
    def for_day(self, day) -> "ReportingYear":
        """The reporting year `day` falls in, made if there is none yet."""
        year, _ = self.get_or_create(starts_on=periods.year_start_of(day))
        return year


class ReportingYear(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        APPROVED = "approved", _("Report approved")

    starts_on = ModelDateField(
        _("starts on"),
        unique=True,
        help_text=_(
            "The first day of the year's first month (MINIMUM_STANDARDS_YEAR_START_MONTH)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    approved_on = ModelDateField(_("report approved on"), null=True, blank=True)
    approved_at = models.ForeignKey(
        "minimum_standards.AdvisoryGroupMeeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_reports",
        verbose_name=_("Approved at (Advisory Group meeting)"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = TrackerHistoricalRecords()
    objects = ReportingYearQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("reporting year")
        verbose_name_plural = _("reporting years")

    def __str__(self):
        return self.label

    def clean(self):
        if self.starts_on and self.starts_on != periods.year_start_of(self.starts_on):
            raise ValidationError(
                {
                    "starts_on": gettext(
                        "A reporting year starts on the first day of its first month (%(month)s)."
                    )
                    % {"month": periods.MONTHS[periods.start_month()]}
                }
            )

    @property
    def label(self) -> str:
        return periods.year_label(self.starts_on)

    @property
    def ends_on(self):
        return periods.year_end(self.starts_on)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED

    def previous(self) -> "ReportingYear | None":
        return ReportingYear.objects.filter(
            starts_on=periods.add_months(self.starts_on, -12)
        ).first()

    @transaction.atomic
    def approve(self, on_date, meeting=None, drawn_version=None):
        """The year's annual report approved (at a meeting, if given): its figures are locked.
        Only the status and where and when are written, on the row as stored."""
        stored = locked(self, drawn_version)
        if stored.is_locked:
            raise YearLocked(stored)
        write(
            stored,
            {"status": self.Status.APPROVED, "approved_on": on_date, "approved_at": meeting},
            gettext("Annual report approved"),
        )
        self.refresh_from_db()

    @transaction.atomic
    def unlock(self, reason: str, drawn_version=None):
        """Reopen an approved year's figures; the reason goes into its history."""
        if not reason.strip():
            raise ValidationError(gettext("Say why the year's figures are being unlocked."))
        stored = locked(self, drawn_version)
        if not stored.is_locked:
            raise ValidationError(
                gettext("The figures for %(year)s are not locked: there is nothing to unlock.")
                % {"year": stored}
            )
        write(
            stored,
            {"status": self.Status.OPEN},
            gettext("Unlocked: %(reason)s") % {"reason": reason.strip()},
        )
        self.refresh_from_db()

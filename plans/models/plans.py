"""A delivery plan (Appendix 4 of the annual report, or a strategy's work plan) and its items."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from wagtail_minimum_standards.compliance.dates import ModelDateField
from wagtail_minimum_standards.compliance.history import (
    InlineHistoricalRecords,
    TrackerHistoricalRecords,
)
from wagtail_minimum_standards.compliance.spreadsheets.cells import CELL_LIMIT

from ..timescales import due_date_for, read_timescale

DUE_SOON_DAYS = 30


class DeliveryPlan(models.Model):
    """A plan's rows share its column headings, so a strategy's work plan fits without code."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    period_start = ModelDateField(_("period start"), null=True, blank=True)
    period_end = ModelDateField(_("period end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    framework = models.ForeignKey(
        "minimum_standards.Framework",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("framework"),
    )
    # The plan's own column headings: data, as the plan names them (the defaults are Appendix
    # 4's), so neither they nor their defaults are translated.
    area_heading = models.CharField(
        _("area heading"), max_length=60, default="Area of work (link to Standard)"
    )
    objective_heading = models.CharField(
        _("objective heading"), max_length=60, default="Task objective"
    )
    actions_heading = models.CharField(_("actions heading"), max_length=60, default="Action")
    outcomes_heading = models.CharField(_("outcomes heading"), max_length=60, default="Outcome")
    owners_heading = models.CharField(_("owners heading"), max_length=60, default="Who?")
    timescale_heading = models.CharField(_("timescale heading"), max_length=60, default="Timescale")
    completion_heading = models.CharField(
        _("completion heading"), max_length=60, default="Actual Completion"
    )
    status_heading = models.CharField(_("status heading"), max_length=60, default="Status")

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("delivery plan")
        verbose_name_plural = _("delivery plans")

    def __str__(self):
        return self.title

    @property
    def headings(self) -> list[str]:
        return [
            self.area_heading,
            self.objective_heading,
            self.actions_heading,
            self.outcomes_heading,
            self.owners_heading,
            self.timescale_heading,
            self.completion_heading,
        ]


class PlanItem(ClusterableModel):
    """One row of the plan: what, why, how, who, by when, and how it is going."""

    class Status(models.TextChoices):
        NOT_STARTED = "not-started", _("Not started")
        ON_TRACK = "on-track", _("On track")
        AT_RISK = "at-risk", _("At risk")
        OFF_TRACK = "off-track", _("Off track")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETE = "complete", _("Complete")

    OPEN = [Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK]

    plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    area_of_work = models.CharField(_("area of work"), max_length=200, blank=True)
    standards = ParentalManyToManyField(
        "minimum_standards.Standard",
        blank=True,
        related_name="plan_items",
        verbose_name=_("standards"),
    )
    objective = models.TextField(_("objective"), max_length=CELL_LIMIT)
    owners = models.CharField(
        _("owners"),
        max_length=300,
        blank=True,
        help_text=_('Roles, as written, e.g. "Service Manager, I&A Officers".'),
    )
    owner_users = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="plan_items",
        verbose_name=_("Owners (users)"),
    )
    timescale = models.CharField(
        _("timescale"), max_length=60, blank=True, help_text=_('As written, e.g. "Summer 2023".')
    )
    due_date = ModelDateField(
        _("due date"),
        null=True,
        blank=True,
        help_text=_("Worked out from the timescale if empty."),
    )
    completion_notes = models.TextField(_("Actual completion"), blank=True, max_length=CELL_LIMIT)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self):
        return self.objective[:80]

    def save(self, *args, **kwargs):
        if self.due_date is None and self.timescale:
            self.due_date = due_date_for(self.timescale)
        super().save(*args, **kwargs)

    @property
    def timescale_not_understood(self) -> bool:
        """A timescale was written, but no due date could be read from it (nor set by hand)."""
        return (
            bool(self.timescale)
            and self.due_date is None
            and not read_timescale(self.timescale).understood
        )

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        on = on or datetime.date.today()
        return bool(self.due_date and self.due_date < on and self.status in self.OPEN)

    def is_due_soon(self, on: datetime.date | None = None) -> bool:
        on = on or datetime.date.today()
        return bool(
            self.due_date
            and on <= self.due_date <= on + datetime.timedelta(days=DUE_SOON_DAYS)
            and self.status in self.OPEN
        )


class PlanAction(models.Model):
    item = ParentalKey(
        PlanItem, on_delete=models.CASCADE, related_name="actions", verbose_name=_("item")
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"), max_length=CELL_LIMIT)
    done_on = ModelDateField(
        _("done on"), null=True, blank=True, help_text=_("When it was done, if it is.")
    )

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["item", "number"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")

    def __str__(self):
        return f"{self.number}. {self.text}"


class PlanOutcome(models.Model):
    item = ParentalKey(
        PlanItem, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("item")
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"), max_length=CELL_LIMIT)

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["item", "number"]
        verbose_name = _("plan outcome")
        verbose_name_plural = _("plan outcomes")

    def __str__(self):
        return f"{self.number}. {self.text}"


class ProgressUpdate(models.Model):
    """What happened on an item, dated; it may move the item to a new status."""

    item = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, related_name="updates", verbose_name=_("item")
    )
    date = ModelDateField(_("date"), default=datetime.date.today)
    text = models.TextField(_("What happened"), max_length=CELL_LIMIT)
    new_status = models.CharField(
        _("new status"), max_length=20, choices=PlanItem.Status.choices, blank=True
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            item = PlanItem.objects.select_for_update().get(pk=self.item_id)
            if self.new_status and item.status != self.new_status:
                item.status = self.new_status
                item.version += 1  # an editor who opened the item before must reload
                item.save(update_fields=["status", "version"])
                self.item = item

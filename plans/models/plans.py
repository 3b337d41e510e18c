"""A delivery plan (Appendix 4 of the annual report, or a strategy's work plan) and its items."""

import datetime
from functools import cached_property

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from simple_history.utils import bulk_create_with_history

from wagtail_minimum_standards.compliance.dates import ModelDateField
from wagtail_minimum_standards.compliance.history import (
    InlineHistoricalRecords,
    TrackerHistoricalRecords,
)
from wagtail_minimum_standards.compliance.spreadsheets.cells import CELL_LIMIT

from ..timescales import due_date_for, read_timescale
from .layout import (
    DEFAULT_COLUMNS,
    DEFAULT_STATUSES,
    FIELD_OF_MEANING,
    LISTED_MEANINGS,
    OPEN_MEANINGS,
    STATUS_LIMIT,
    PlanColumn,
    PlanStatus,
    StatusMeaning,
)

DUE_SOON_DAYS = 30


class DeliveryPlan(ClusterableModel):
    """A plan in its own shape: its columns and status words are its own (models/layout.py), so
    Appendix 4, a strategy's work plan and a RAG plan each fit without code."""

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

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("delivery plan")
        verbose_name_plural = _("delivery plans")

    def __str__(self):
        return self.title

    @cached_property
    def status_meanings(self) -> dict[str, str]:
        """Each of the plan's status words and what it means (StatusMeaning)."""
        return {status.label: status.meaning for status in self.statuses.all()}

    def meaning_of(self, status: str) -> str:
        """What a status word means for this plan; "" for no status (or a word it lacks)."""
        return self.status_meanings.get(status, "") if status else ""

    def apply_status_words(self, renamed: dict[str, str]) -> None:
        """After the plan's status words were edited: items take a renamed word's new spelling
        (`renamed`: old word to new), and each item's meaning follows its word's. Each change
        saved with its history."""
        self.__dict__.pop("status_meanings", None)
        for item in self.items.all():
            word = renamed.get(item.status, item.status)
            if (word, self.meaning_of(word)) != (item.status, item.status_meaning):
                item.plan, item.status = self, word
                item.save(update_fields=["status"])

    def word_for(self, meaning: str) -> str:
        """The plan's first status word with this meaning; "" if it has none."""
        return next((w for w, m in self.status_meanings.items() if m == meaning), "")

    def add_defaults(self) -> None:
        """Appendix 4's columns and the 2018 status words, for a plan that has none."""
        if not self.columns.exists():
            bulk_create_with_history(
                [
                    PlanColumn(plan=self, position=n, heading=heading, meaning=meaning)
                    for n, (heading, meaning) in enumerate(DEFAULT_COLUMNS)
                ],
                PlanColumn,
            )
        if not self.statuses.exists():
            bulk_create_with_history(
                [
                    PlanStatus(plan=self, position=n, label=label, meaning=meaning)
                    for n, (label, meaning) in enumerate(DEFAULT_STATUSES)
                ],
                PlanStatus,
            )
        self.__dict__.pop("status_meanings", None)


class PlanItem(ClusterableModel):
    """One row of the plan, each cell as written: what, why, how, who, by when, and how it is
    going. What the tracker reads from the text (the standards, the actions one by one, a due
    date, what a status means) is kept beside it, never instead of it."""

    plan = models.ForeignKey(
        DeliveryPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    area_of_work = models.TextField(_("area of work"), max_length=CELL_LIMIT, blank=True)
    standards_text = models.TextField(
        _("standards, as written"),
        max_length=CELL_LIMIT,
        blank=True,
        help_text=_("The plan's own column of standards, if it has one."),
    )
    standards = ParentalManyToManyField(
        "minimum_standards.Standard",
        blank=True,
        related_name="plan_items",
        verbose_name=_("standards"),
    )
    objective = models.TextField(_("objective"), max_length=CELL_LIMIT, blank=True)
    owners = models.TextField(
        _("owners"),
        max_length=CELL_LIMIT,
        blank=True,
        help_text=_('Roles, as written, e.g. "Service Manager, I&A Officers".'),
    )
    owner_users = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="plan_items",
        verbose_name=_("Owners (users)"),
    )
    timescale = models.TextField(
        _("timescale"),
        max_length=CELL_LIMIT,
        blank=True,
        help_text=_('As written, e.g. "Summer 2023".'),
    )
    due_date = ModelDateField(
        _("due date"),
        null=True,
        blank=True,
        help_text=_("Worked out from the timescale if empty."),
    )
    progress = models.TextField(_("progress"), blank=True, max_length=CELL_LIMIT)
    completion_notes = models.TextField(_("Actual completion"), blank=True, max_length=CELL_LIMIT)
    status = models.CharField(
        _("status"),
        max_length=STATUS_LIMIT,
        blank=True,
        help_text=_("One of the plan's status words; empty for no status."),
    )
    status_meaning = models.CharField(
        _("status means"),
        max_length=20,
        choices=StatusMeaning.choices,
        blank=True,
        editable=False,
    )
    # The plan's columns kept as text, by the column's position ("3": "Funding agreed").
    extra = models.JSONField(_("other columns"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self):
        return next((t for t in (self.objective, self.area_of_work) if t.strip()), "")[:80] or (
            _("Item %(position)s") % {"position": self.position}
        )

    def save(self, *args, **kwargs):
        if self.due_date is None and self.timescale:
            self.due_date = due_date_for(self.timescale)
        self.status_meaning = self.plan.meaning_of(self.status)
        if kwargs.get("update_fields") and "status" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "status_meaning"}
        super().save(*args, **kwargs)

    def text_in(self, column) -> str:
        """What the item has in one of its plan's columns, as written (an action or outcome
        column's text is its lines', joined: PlanAction, PlanOutcome)."""
        if column.meaning in FIELD_OF_MEANING:
            return getattr(self, FIELD_OF_MEANING[column.meaning])
        if column.meaning in LISTED_MEANINGS:
            lines = getattr(self, LISTED_MEANINGS[column.meaning]).all()
            return "".join(line.lead + line.text for line in lines)
        return self.extra.get(str(column.position), "")

    @property
    def status_or_none(self) -> str:
        return self.status or _("No status")

    @property
    def timescale_not_understood(self) -> bool:
        """A timescale was written, but no due date could be read from it (nor set by hand)."""
        return (
            bool(self.timescale)
            and self.due_date is None
            and not read_timescale(self.timescale).understood
        )

    def is_open(self) -> bool:
        return self.status_meaning in OPEN_MEANINGS

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        on = on or datetime.date.today()
        return bool(self.due_date and self.due_date < on and self.is_open())

    def is_due_soon(self, on: datetime.date | None = None) -> bool:
        on = on or datetime.date.today()
        return bool(
            self.due_date
            and on <= self.due_date <= on + datetime.timedelta(days=DUE_SOON_DAYS)
            and self.is_open()
        )


class ListedText(models.Model):
    """One of the numbered (or bulleted) lines of a cell: an action or an outcome. `lead` is
    what came before its text in the cell as written (a line break, "2. ", a bullet), so the
    cell is the lines' leads and texts joined, character for character."""

    number = models.PositiveIntegerField(_("number"))
    lead = models.TextField(_("written before it"), max_length=CELL_LIMIT, blank=True)
    text = models.TextField(_("text"), max_length=CELL_LIMIT)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.lead.lstrip()}{self.text}" if self.lead.strip() else self.text

    def save(self, *args, **kwargs):
        if self._state.adding and not self.lead and self.number > 1:
            self.lead = f"\n{self.number}. "  # added in the admin: numbered like the others
        super().save(*args, **kwargs)


class PlanAction(ListedText):
    item = ParentalKey(
        PlanItem, on_delete=models.CASCADE, related_name="actions", verbose_name=_("item")
    )
    done_on = ModelDateField(
        _("done on"), null=True, blank=True, help_text=_("When it was done, if it is.")
    )

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["item", "number"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")


class PlanOutcome(ListedText):
    item = ParentalKey(
        PlanItem, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("item")
    )

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["item", "number"]
        verbose_name = _("plan outcome")
        verbose_name_plural = _("plan outcomes")


class ProgressUpdate(models.Model):
    """What happened on an item, dated; it may move the item to a new status."""

    item = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, related_name="updates", verbose_name=_("item")
    )
    date = ModelDateField(_("date"), default=datetime.date.today)
    text = models.TextField(_("What happened"), max_length=CELL_LIMIT)
    new_status = models.CharField(
        _("new status"),
        max_length=STATUS_LIMIT,
        blank=True,
        help_text=_("One of the plan's status words; empty to leave the status as it is."),
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
                item.save(update_fields=["status", "version"])  # and what it means
                self.item = item

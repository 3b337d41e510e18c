"""What an Advisory Group meeting decided: part of its record, and of its minutes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_minimum_standards.compliance.history import TrackerHistoricalRecords

from .plans import PlanItem


class Decision(models.Model):
    class Kind(models.TextChoices):
        RATIFY = "ratify", _("Ratify a self-assessment")
        NEW_ACTION = "new-action", _("Agree a new action")
        CHANGE_ITEM = "change-item", _("Change a plan item")
        CLOSE_ITEM = "close-item", _("Close a plan item")
        APPROVE_MINUTES = "approve-minutes", _("Approve the minutes of an earlier meeting")
        OTHER = "other", _("Another decision")

    meeting = models.ForeignKey(
        "minimum_standards.AdvisoryGroupMeeting",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("What was decided"), max_length=3000)
    assessment = models.ForeignKey(
        "minimum_standards.SelfAssessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Self-assessment"),
    )
    plan_item = models.ForeignKey(
        PlanItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("Plan item"),
    )
    minutes_of = models.ForeignKey(
        "minimum_standards.AdvisoryGroupMeeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Minutes of"),
    )
    acknowledged_checks = models.TextField(
        _("Quality checks' warnings acknowledged"),
        blank=True,
        help_text=_("One a line, as they stood when the self-assessment was ratified."),
    )
    acknowledgement = models.TextField(
        _("Why the Advisory Group ratified despite these warnings"), blank=True, max_length=3000
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = TrackerHistoricalRecords()

    class Meta:
        ordering = ["meeting", "recorded_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

"""What an Advisory Group meeting decided: part of its record, and of its minutes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .plans import PlanItem


class Decision(models.Model):
    class Kind(models.TextChoices):
        RATIFY = "ratify", "Ratify a self-assessment"
        NEW_ACTION = "new-action", "Agree a new action"
        CHANGE_ITEM = "change-item", "Change a plan item"
        CLOSE_ITEM = "close-item", "Close a plan item"
        APPROVE_MINUTES = "approve-minutes", "Approve the minutes of an earlier meeting"
        OTHER = "other", "Another decision"

    meeting = models.ForeignKey(
        "minimum_standards.AdvisoryGroupMeeting", on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField("What was decided", max_length=3000)
    assessment = models.ForeignKey(
        "minimum_standards.SelfAssessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Self-assessment",
    )
    plan_item = models.ForeignKey(
        PlanItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name="Plan item",
    )
    minutes_of = models.ForeignKey(
        "minimum_standards.AdvisoryGroupMeeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Minutes of",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

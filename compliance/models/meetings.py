"""The independent Advisory Group's meetings: where self-assessments are ratified and delivery
plans reviewed (Minimum Standards 1.7 and 1.8)."""

from django.db import models
from simple_history.models import HistoricalRecords

from ..spreadsheets.cells import CELL_LIMIT


class AdvisoryGroupMeeting(models.Model):
    """A meeting of the independent Advisory Group, which ratifies self-assessments and reviews
    the delivery plans (plans builds on this app, so the meeting lives here, below both)."""

    date = models.DateField()
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True, max_length=CELL_LIMIT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"{self.title} ({self.date:%-d %B %Y})"

"""Delivery plans and their review by the Advisory Group."""

from django.db import models
from simple_history.models import HistoricalRecords

from compliance.spreadsheets.cells import CELL_LIMIT


class AdvisoryGroupMeeting(models.Model):
    """A meeting of the independent Advisory Group, which ratifies self-assessments."""

    date = models.DateField()
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True, max_length=CELL_LIMIT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"{self.title} ({self.date:%-d %B %Y})"

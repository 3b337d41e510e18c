"""The independent Advisory Group's meetings: where self-assessments are ratified and delivery
plans reviewed (Minimum Standards 1.7 and 1.8), and the record each keeps."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..concurrency import locked, write
from ..dates import ModelDateField
from ..history import TrackerHistoricalRecords
from ..spreadsheets.cells import CELL_LIMIT


class MeetingLocked(ValidationError):
    """Raised on any change to a meeting whose minutes a later meeting approved."""

    def __init__(self, meeting):
        super().__init__(
            gettext(
                "The minutes of “%(meeting)s” were approved at %(approved_at)s: its record is "
                "locked."
            )
            % {"meeting": meeting, "approved_at": meeting.minutes_approved_at}
        )


class AdvisoryGroupMeeting(models.Model):
    """A meeting of the independent Advisory Group, which ratifies self-assessments and reviews
    the delivery plans (plans builds on this app, so the meeting lives here, below both).

    Its record: who came (members of the site and named guests), apologies, notes, and (in
    plans) its decisions. Once a later meeting approves its minutes, the record is locked."""

    date = ModelDateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="advisory_group_meetings",
        verbose_name=_("Attended (people with an account)"),
    )
    guests = models.TextField(
        _("Attended (others)"), blank=True, max_length=2000, help_text=_("One person a line.")
    )
    apologies = models.TextField(
        _("apologies"), blank=True, max_length=2000, help_text=_("One person a line.")
    )
    notes = models.TextField(_("notes"), blank=True, max_length=CELL_LIMIT)
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_approved",
        verbose_name=_("Minutes approved at"),
        editable=False,
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = TrackerHistoricalRecords(m2m_fields=[attendees])

    class Meta:
        ordering = ["-date"]
        verbose_name = _("advisory group meeting")
        verbose_name_plural = _("advisory group meetings")

    def __str__(self):
        return f"{self.title} ({format_date(self.date, 'j F Y')})"

    def save(self, *args, **kwargs):
        if self.pk and not getattr(self, "_approving", False):
            stored = AdvisoryGroupMeeting.objects.filter(pk=self.pk).values_list(
                "minutes_approved_at", flat=True
            )
            if stored and stored[0] is not None:
                raise MeetingLocked(self)
        super().save(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.minutes_approved_at_id is not None

    @transaction.atomic
    def approve_minutes(self, at: "AdvisoryGroupMeeting", drawn_version=None) -> None:
        """A later meeting approves this one's minutes, once: its record is locked from now on.
        Decided on the row as stored, locked while this is decided (two approvals cannot both
        pass, and notes saved meanwhile are kept): only when the minutes were approved is
        written. Refused (StaleEdit) if it changed after a form drawn at `drawn_version`
        showed it."""
        stored = locked(self, drawn_version)
        if stored.is_locked:
            raise MeetingLocked(stored)
        if at.date <= stored.date:
            raise ValidationError(gettext("Minutes are approved at a later meeting."))
        stored._approving = True
        write(
            stored,
            {"minutes_approved_at": at},
            gettext("Minutes approved at %(meeting)s") % {"meeting": at},
        )
        self.refresh_from_db()

    def lines(self, field: str) -> list[str]:
        return [line.strip() for line in getattr(self, field).splitlines() if line.strip()]

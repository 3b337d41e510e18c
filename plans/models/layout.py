"""A delivery plan's own shape: its columns (each heading as written, and what the column holds)
and its status vocabulary (each word as the plan writes it, and what it means for the tracker).

Both are data, so that Appendix 4's eight columns, a strategy's four-column work plan and a
council's RAG plan each keep their own words without a code change.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from wagtail_minimum_standards.compliance.history import InlineHistoricalRecords

HEADING_LIMIT = 255  # characters in a column's heading (docs/delivery-plans.md)
STATUS_LIMIT = 255  # characters in a status word


class Meaning(models.TextChoices):
    """What a plan's column holds. Each but "text" may be the meaning of one column only."""

    AREA = "area", _("Area of work")
    OBJECTIVE = "objective", _("Objective")
    STANDARDS = "standards", _("Standards")
    ACTIONS = "actions", _("Actions")
    OUTCOMES = "outcomes", _("Outcomes")
    OWNERS = "owners", _("Owners")
    TIMESCALE = "timescale", _("Timescale")
    STATUS = "status", _("Status")
    PROGRESS = "progress", _("Progress")
    COMPLETION = "completion", _("Completion notes")
    TEXT = "text", _("Keep as text")


class StatusMeaning(models.TextChoices):
    """What a status word means for the tracker: "open" items, at risk or off track or not,
    are overdue once past their due date; "ongoing" and "done" never are."""

    OPEN = "open", _("Open")
    AT_RISK = "at-risk", _("At risk")
    OFF_TRACK = "off-track", _("Off track")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")


# The item's field that holds each meaning's text, as written; an action or outcome column's
# text is its lines' (PlanAction, PlanOutcome), and a "keep as text" column's is in
# PlanItem.extra, by the column's position.
FIELD_OF_MEANING = {
    Meaning.AREA: "area_of_work",
    Meaning.OBJECTIVE: "objective",
    Meaning.STANDARDS: "standards_text",
    Meaning.OWNERS: "owners",
    Meaning.TIMESCALE: "timescale",
    Meaning.STATUS: "status",
    Meaning.PROGRESS: "progress",
    Meaning.COMPLETION: "completion_notes",
}
LISTED_MEANINGS = {Meaning.ACTIONS: "actions", Meaning.OUTCOMES: "outcomes"}

OPEN_MEANINGS = [StatusMeaning.OPEN, StatusMeaning.AT_RISK, StatusMeaning.OFF_TRACK]

# The 2018 default (Appendix 4's), for a plan made in the admin or imported without statuses.
# The plan's own words: data, so not translated.
DEFAULT_STATUSES = [
    ("Not started", StatusMeaning.OPEN),
    ("On track", StatusMeaning.OPEN),
    ("At risk", StatusMeaning.AT_RISK),
    ("Off track", StatusMeaning.OFF_TRACK),
    ("Ongoing", StatusMeaning.ONGOING),
    ("Complete", StatusMeaning.DONE),
]

# Appendix 4's columns, for a plan made in the admin.
DEFAULT_COLUMNS = [
    ("Area of work (link to Standard)", Meaning.AREA),
    ("Task objective", Meaning.OBJECTIVE),
    ("Action", Meaning.ACTIONS),
    ("Outcome", Meaning.OUTCOMES),
    ("Who?", Meaning.OWNERS),
    ("Timescale", Meaning.TIMESCALE),
    ("Actual Completion", Meaning.COMPLETION),
    ("Status", Meaning.STATUS),
]


class PlanColumn(models.Model):
    plan = ParentalKey(
        "DeliveryPlan", on_delete=models.CASCADE, related_name="columns", verbose_name=_("plan")
    )
    position = models.PositiveIntegerField(_("position"))
    heading = models.CharField(
        _("heading"),
        max_length=HEADING_LIMIT,
        blank=True,
        help_text=_("As the plan writes it; it may be empty."),
    )
    meaning = models.CharField(
        _("holds"), max_length=20, choices=Meaning.choices, default=Meaning.TEXT
    )

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("plan column")
        verbose_name_plural = _("plan columns")

    def __str__(self):
        return self.heading or str(self.get_meaning_display())


class PlanStatus(models.Model):
    plan = ParentalKey(
        "DeliveryPlan", on_delete=models.CASCADE, related_name="statuses", verbose_name=_("plan")
    )
    position = models.PositiveIntegerField(_("position"))
    label = models.CharField(
        _("word"), max_length=STATUS_LIMIT, help_text=_("As the plan writes it, e.g. “Amber”.")
    )
    meaning = models.CharField(_("means"), max_length=20, choices=StatusMeaning.choices)

    history = InlineHistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("plan status")
        verbose_name_plural = _("plan statuses")
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="unique_plan_status_label"),
        ]

    def __str__(self):
        return self.label

"""The Advisory Group's review for a meeting: what changed since the previous meeting, what is
overdue, what falls due before the next one, and the quality checks on the self-assessment it
covers (review_checks). A fixed number of queries, however many
items and history records there are.
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance import questions
from wagtail_minimum_standards.compliance.lookups import by_pk
from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    EvidenceLink,
    Rating,
    RatingLevel,
    SelfAssessment,
)
from wagtail_minimum_standards.compliance.quality_checks import Findings

from .models import OPEN_MEANINGS, Decision, PlanAction, PlanItem, ProgressUpdate
from .review_checks import checks_for
from .review_figures import FiguresToDate, figures_to_date

NEXT_MEETING_DEFAULT = datetime.timedelta(days=91)  # the horizon when no next meeting is set


@dataclass
class Change:
    when: datetime.datetime
    who: object
    subject: object
    before: str
    after: str


@dataclass
class Review:
    meeting: AdvisoryGroupMeeting
    previous: AdvisoryGroupMeeting | None
    next: AdvisoryGroupMeeting | None
    new_items: list = field(default_factory=list)
    status_changes: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    completed_actions: list = field(default_factory=list)
    rating_changes: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    due_before_next: list = field(default_factory=list)
    questions: list = field(default_factory=list)  # open first, then answered
    agreed_last_time: list = field(default_factory=list)  # [(decision, its item now)]
    evidence_due: list = field(default_factory=list)  # evidence links past or near review
    figures: FiguresToDate = field(default_factory=FiguresToDate)  # the year to date
    assessment: SelfAssessment | None = None  # the self-assessment whose checks it shows
    findings: Findings = field(default_factory=Findings)  # its quality checks' findings

    @property
    def open_questions(self) -> list:
        return [q for q in self.questions if q.is_open]

    @property
    def next_date(self) -> datetime.date:
        return self.next.date if self.next else self.meeting.date + NEXT_MEETING_DEFAULT


def end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def changed_fields(model, window, field_name):
    """[(latest record in the window, value before, value after)] where `field_name` changed.

    Two queries: the history rows in the window, then every earlier row of the same objects.
    """
    in_window = list(model.history.filter(**window, history_type="~").values_list("id", flat=True))
    if not in_window:
        return []
    rows = (
        model.history.filter(id__in=set(in_window), history_date__lte=window["history_date__lte"])
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    changes = []
    start = window.get("history_date__gt")
    for _id, versions in groupby(rows, key=lambda r: r.id):
        versions = list(versions)
        before = [v for v in versions if start is not None and v.history_date <= start]
        during = [v for v in versions if start is None or v.history_date > start]
        first_value = getattr(before[-1] if before else during[0], field_name)
        last = during[-1]
        if getattr(last, field_name) != first_value:
            changes.append((last, first_value, getattr(last, field_name)))
    return changes


def review_for(meeting: AdvisoryGroupMeeting, user=None) -> Review:
    """The review; `user` is who reads it (the quality checks' fix links are for them)."""
    meetings = AdvisoryGroupMeeting.objects.order_by("date")
    previous = meetings.filter(date__lt=meeting.date).last()
    review = Review(meeting, previous, meetings.filter(date__gt=meeting.date).first())
    window = {"history_date__lte": end_of(meeting.date)}
    if previous:
        window["history_date__gt"] = end_of(previous.date)
    open_items = PlanItem.objects.filter(
        plan__status="active", status_meaning__in=OPEN_MEANINGS
    ).select_related("plan")

    created = PlanItem.history.filter(history_type="+", **window).values_list("id", flat=True)
    review.new_items = list(PlanItem.objects.filter(pk__in=list(created)).select_related("plan"))
    status_changes = changed_fields(PlanItem, window, "status")
    ids = [record.id for record, *_ in status_changes]
    items = by_pk(PlanItem.objects.select_related("plan"), ids)
    review.status_changes = [
        Change(
            record.history_date,
            record.history_user,
            items.get(record.id),
            old or _("No status"),  # the plan's own words
            new or _("No status"),
        )
        for record, old, new in status_changes
    ]
    dates = {"date__lte": meeting.date}
    if previous:
        dates["date__gt"] = previous.date
    review.updates = list(ProgressUpdate.objects.filter(**dates).select_related("item__plan", "by"))
    done = {f"done_on__{k.removeprefix('date__')}": v for k, v in dates.items()}
    review.completed_actions = list(PlanAction.objects.filter(**done).select_related("item__plan"))
    review.rating_changes = _rating_changes(window)
    review.overdue = list(open_items.filter(due_date__lt=meeting.date).order_by("due_date"))
    review.due_before_next = list(
        open_items.filter(due_date__gte=meeting.date, due_date__lte=review.next_date).order_by(
            "due_date"
        )
    )
    review.questions = questions.raised(window.get("history_date__gt"), end_of(meeting.date))
    if previous:
        review.agreed_last_time = list(
            Decision.objects.filter(meeting=previous, kind=Decision.Kind.NEW_ACTION)
            .select_related("plan_item__plan")
            .order_by("recorded_at", "pk")
        )
    review.evidence_due = evidence_due(review.next_date)
    review.figures = figures_to_date(meeting.date)
    review.assessment, review.findings = checks_for(meeting, user)
    return review


def evidence_due(before) -> list:
    """Evidence of the self-assessments being worked on (not yet superseded by a later one of
    their framework) whose review date is past or falls before `before`: two queries."""
    latest = {}
    for assessment in SelfAssessment.objects.order_by("framework_id", "-assessed_on", "-pk"):
        latest.setdefault(assessment.framework_id, assessment.pk)
    return list(
        EvidenceLink.objects.filter(
            rating__assessment_id__in=latest.values(), review_by__lte=before
        )
        .select_related("rating__standard", "rating__assessment", "document")
        .order_by("review_by", "pk")
    )


def _rating_changes(window) -> list[Change]:
    changes = changed_fields(Rating, window, "level_id")
    if not changes:
        return []
    levels = {lv.pk: lv for lv in RatingLevel.objects.all()}
    ratings = by_pk(
        Rating.objects.select_related("standard", "assessment"), [r.id for r, *_ in changes]
    )
    return [
        Change(
            record.history_date,
            record.history_user,
            ratings.get(record.id),
            levels[old].code,
            levels[new].code,
        )
        for record, old, new in changes
        if old in levels and new in levels
    ]

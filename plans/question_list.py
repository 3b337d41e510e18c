"""The Advisory Group's questions as one list: open or answered, those raised for a meeting,
those about a standard (a rating of it, or a plan item serving it). The list, its count on the
admin home, and the open ones in the review and the meeting pack all come from `question_list`,
so a count shown is the length of the list it stands for."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail_minimum_standards.compliance import questions
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, Question, Rating

from .models import PlanItem
from .review import end_of

OPEN, ANSWERED = "open", "answered"


def raised_for(meeting: AdvisoryGroupMeeting) -> Q:
    """Asked after the previous meeting, up to the end of this one's day: what its review
    shows."""
    previous = AdvisoryGroupMeeting.objects.filter(date__lt=meeting.date).order_by("date").last()
    window = Q(asked_at__lte=end_of(meeting.date))
    if previous is not None:
        window &= Q(asked_at__gt=end_of(previous.date))
    return window


def about_standard(standard_id) -> Q:
    """About a rating of the standard, or about a plan item that serves it."""
    ratings = Rating.objects.filter(standard_id=standard_id).values("pk")
    items = PlanItem.objects.filter(standards__id=standard_id).values("pk")
    return Q(subject_type=ContentType.objects.get_for_model(Rating), subject_id__in=ratings) | Q(
        subject_type=ContentType.objects.get_for_model(PlanItem), subject_id__in=items
    )


def question_list(status: str = "", meeting=None, standard_id=None) -> list[Question]:
    """The questions chosen, open ones first, then the newest: each with who asked, its
    replies and its subject, in a fixed number of queries (compliance.questions.described)."""
    found = Question.objects.all()
    if status == OPEN:
        found = found.filter(answered_at__isnull=True)
    elif status == ANSWERED:
        found = found.filter(answered_at__isnull=False)
    if meeting is not None:
        found = found.filter(raised_for(meeting))
    if standard_id:
        found = found.filter(about_standard(standard_id))
    listed = questions.described(found)
    listed.reverse()  # newest first ...
    return sorted(listed, key=lambda q: not q.is_open)  # ... open ones before answered


def open_questions() -> list[Question]:
    return question_list(OPEN)

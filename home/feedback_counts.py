"""The anonymous counts of the feedback the site receives, kept in the tracker's figures when
the feedback itself is deleted (docs/figures.md, "Counts from the website's feedback").

The site tells the tracker only the day the feedback arrived and labels, as {breakdown list
key: label}: when it arrives, its rating (list `feedback-rating`), and the age group (`age-group`,
the enquiry form's labels) and who gave it (`feedback-from`) if the person said; when staff tag
it with a theme, the theme's name (list `feedback-theme`), taken off again when they untag it.
Nothing the person wrote goes to the tracker.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from wagtail_minimum_standards.figures.counting import count_feedback
from wagtail_minimum_standards.figures.models import BreakdownList, BreakdownValue

from .models.feedback import Feedback, FeedbackTheme

logger = logging.getLogger(__name__)

RATING_LIST = "feedback-rating"
FROM_LIST = "feedback-from"
THEME_LIST = "feedback-theme"


def answers(feedback: Feedback) -> dict[str, str]:
    """The labels of its answers, by list, in the site's language (the lists' labels)."""
    with translation.override(settings.LANGUAGE_CODE):
        found = {RATING_LIST: str(feedback.get_rating_display())}
        if feedback.age_group:
            found["age-group"] = str(feedback.get_age_group_display())
        if feedback.given_by:
            found[FROM_LIST] = str(feedback.get_given_by_display())
    return found


def _day(feedback: Feedback):
    return timezone.localdate(feedback.created_at)


def count(feedback: Feedback) -> None:
    """Count feedback just stored, in the transaction that stores it. Should counting fail,
    the error is logged and the feedback is kept: the person is thanked whatever happens."""
    try:
        with transaction.atomic():
            count_feedback(_day(feedback), answers(feedback))
    except Exception:  # any failure to count: the feedback is safe, and the log says why
        logger.exception("Could not count feedback %s in the figures", feedback.pk)


def themes_changed(feedback: Feedback, added, removed) -> None:
    """Staff tagged the feedback with the themes `added` and took `removed` off: each counts,
    or is taken off, in the period of the day the feedback arrived."""
    day = _day(feedback)
    for themes, change in ((added, 1), (removed, -1)):
        for theme in themes:
            count_feedback(day, {THEME_LIST: theme.name}, change=change, arrived=False)


def theme_saved(theme: FeedbackTheme, old_name: str | None) -> None:
    """Keep the `feedback-theme` list's labels the themes' names, if the list exists: a new
    theme is added to it, a renamed theme's label (and so its counts) renamed with it."""
    breakdown = BreakdownList.objects.filter(key=THEME_LIST).first()
    if breakdown is None:
        return
    values = BreakdownValue.objects.filter(breakdown=breakdown)
    if values.filter(label__iexact=theme.name).exists():
        return
    old = values.filter(label=old_name).first() if old_name else None
    if old is not None:
        old.label = theme.name
        old.save(update_fields=["label"])
    else:
        position = values.count()
        BreakdownValue.objects.create(breakdown=breakdown, label=theme.name, sort_order=position)

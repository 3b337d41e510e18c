"""Counts from the website's enquiries and feedback, kept when they are deleted.

The site calls `count_enquiry(day, answers)` when it stores an enquiry, in the same transaction
(docs/figures.md "Counts from the website's enquiries"): every measure flagged "counted from the
website's enquiries" gains one, in the reporting year and period of `day`, under the breakdown
value the enquiry names. `answers` is what the site tells the tracker of the enquiry, as
{breakdown list key: label}, for example {"contact-route": "Web form", "age-group": "5 to 10
(primary school age)"}.

- A measure without a breakdown counts every enquiry.
- A measure broken down by a list the answers do not name, or by a label its list does not
  hold, is not counted (counting it under another value, or none, would misstate it) and a
  warning is logged, naming the measure, the list and the label: add the label to the list and
  the enquiries from then on are counted.
- Nothing about the person goes into a count: no name, no reference, no user in its history;
  only the day and the labels of the answers.
- A year whose report is approved is still counted (`add_one`): the count records what
  happened and changes nothing anyone entered.

Feedback is counted the same way (`count_feedback`), in the measures flagged "counted from the
website's feedback", with one difference: the site may tell the tracker more about a piece of
feedback after it arrived (staff tag it with a theme, or take a theme off), and then calls
`count_feedback(day, {list key: label}, change=1 or -1)` with the day the feedback arrived.
So a measure broken down by a list the answers do not name is left alone (the label may come
later), and a measure without a breakdown counts feedback only when it arrives (`arrived`).
"""

import datetime
import logging

from django.utils.translation import gettext

from . import periods
from .models import BreakdownValue, Figure, Measure, ReportingYear
from .models.figures import add_one, take_one

logger = logging.getLogger(__name__)


def count_enquiry(day: datetime.date, answers: dict[str, str]) -> list[Figure]:
    """One more, for an enquiry received on `day`, in each measure counted from enquiries;
    the figures counted, in the measures' order."""
    return _count(
        Measure.objects.filter(counted_from_enquiries=True),
        day,
        answers,
        reason=gettext("Counted from an enquiry to the website"),
        what="Enquiry",
        every=True,
    )


def count_feedback(
    day: datetime.date, answers: dict[str, str], change: int = 1, arrived: bool = True
) -> list[Figure]:
    """One more (`change` 1) or one fewer (-1), for feedback received on `day`, in each
    measure counted from feedback that is broken down by a list the answers name, and (when
    the feedback has just `arrived`) in each such measure without a breakdown."""
    return _count(
        Measure.objects.filter(counted_from_feedback=True),
        day,
        answers,
        reason=gettext("Counted from feedback to the website"),
        what="Feedback",
        every=arrived,
        change=change,
        unanswered_too=False,
    )


def _count(measures, day, answers, reason, what, every, change=1, unanswered_too=True):
    measures = list(
        measures.select_related("breakdown").order_by("position", "pk")
    )  # always the same order: two counts at once never deadlock
    if not measures:
        return []
    values = _values_named(answers)
    year = ReportingYear.objects.for_day(day)
    counted = []
    for measure in measures:
        value = None
        if measure.breakdown_id is None:
            if not every:
                continue
        else:
            key = measure.breakdown.key
            if key not in answers and not unanswered_too:
                continue
            value = values.get((key, answers.get(key)))
            if value is None:
                _not_counted(what, measure, key, answers.get(key))
                continue
        period = periods.period_of(measure.period, day)
        if change > 0:
            counted.append(add_one(measure, year, period, value, reason=reason))
        else:
            counted.append(take_one(measure, year, period, value, reason=reason))
    return [figure for figure in counted if figure is not None]


def _values_named(answers: dict[str, str]) -> dict[tuple[str, str], BreakdownValue]:
    """The breakdown values the answers name, by (list key, label), in one query."""
    found = {}
    for key, label in answers.items():
        found.setdefault(key, set()).add(label)
    values = BreakdownValue.objects.filter(
        breakdown__key__in=found, label__in={label for labels in found.values() for label in labels}
    ).select_related("breakdown")
    return {(value.breakdown.key, value.label): value for value in values}


def _not_counted(what: str, measure: Measure, key: str, label: str | None) -> None:
    if label is None:
        logger.warning(
            "%s not counted in the measure %r: it is broken down by the list %r, which "
            "the website's %s do not answer.",
            what,
            measure.key,
            key,
            "enquiries" if what == "Enquiry" else "feedback",
        )
    else:
        logger.warning(
            "%s not counted in the measure %r: its list %r has no value %r. Add it to the "
            "list to count the %s that name it from now on.",
            what,
            measure.key,
            key,
            label,
            "enquiries" if what == "Enquiry" else "feedback",
        )

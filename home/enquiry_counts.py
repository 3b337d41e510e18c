"""The anonymous counts of the enquiries the site receives, kept in the tracker's figures when
the enquiries themselves are deleted (docs/figures.md, "Counts from the website's enquiries").

The site tells the tracker only the day an enquiry arrived and the labels of its answers, as
{breakdown list key: label}: the route (always "Web form"), the age group, the topic and who
is asking, in the words of the form's choices (home/models/enquiry.py), which are the labels of
the built-in lists `age-group`, `enquiry-topic` and `enquirer-role`. Nothing about the person
(name, contact details, message, reference) goes to the tracker.
"""

import logging

from django.db import transaction
from django.utils import timezone

from wagtail_minimum_standards.figures.counting import count_enquiry

from .models.enquiry import Enquiry

logger = logging.getLogger(__name__)

WEB_FORM = "Web form"  # the `contact-route` list's value for an enquiry sent through the site


def answers(enquiry: Enquiry) -> dict[str, str]:
    """What the counts are broken down by: the labels of the enquiry's answers, by list."""
    return {
        "contact-route": WEB_FORM,
        "age-group": enquiry.get_age_group_display(),
        "enquiry-topic": enquiry.get_topic_display(),
        "enquirer-role": enquiry.get_role_display(),
    }


def count(enquiry: Enquiry) -> None:
    """Count a stored enquiry, in the transaction that stores it: an enquiry never stored is
    never counted. Should counting itself fail, the error is logged and the enquiry is kept:
    the family is told it was received whatever the counts do."""
    try:
        with transaction.atomic():
            count_enquiry(timezone.localdate(enquiry.created_at), answers(enquiry))
    except Exception:  # any failure to count: the enquiry is safe, and the log says why
        logger.exception("Could not count enquiry %s in the figures", enquiry.pk)

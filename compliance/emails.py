"""The tracker's emails: each written in its reader's own admin language (Account →
Preferences in the Wagtail admin), or else the site's (LANGUAGE_CODE), whoever caused it to be
sent; a link, never the words of a question or of anything confidential."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from wagtail.users.models import UserProfile

logger = logging.getLogger(__name__)


def send_to_each(people, write, fail_silently: bool) -> int:
    """One email to each person with an address, `write()` giving (subject, body) in their
    language; the number sent."""
    people = [person for person in people if person.email]
    chosen = dict(
        UserProfile.objects.filter(user__in=[person.pk for person in people]).values_list(
            "user_id", "preferred_language"
        )
    )
    messages = []
    for person in people:
        with translation.override(chosen.get(person.pk) or settings.LANGUAGE_CODE):
            subject, body = write()
        messages.append((str(subject), str(body), None, [person.email]))
    if not messages:
        return 0
    try:
        return send_mass_mail(messages)
    except OSError:  # smtplib's errors and a refused or lost connection
        if not fail_silently:
            raise
        logger.exception("The tracker could not send %d email(s)", len(messages))
        return 0

"""The tracker's emails: each written in its reader's own admin language (Account →
Preferences in the Wagtail admin), or else the site's (LANGUAGE_CODE), whoever caused it to be
sent; a link, never the words of a question or of anything confidential."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from wagtail.users.models import UserProfile


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
    return send_mass_mail(messages, fail_silently=fail_silently) if messages else 0

import datetime

from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_minimum_standards.compliance import emails, links, roles
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.plans.review import review_for


class Command(BaseCommand):
    # A command's module is imported when it runs, with translation set up; argparse, which
    # shows the help, takes text and not lazy translations.
    help = _(
        "Email every Advisory Group member (the tracker's read role) a link to the review "
        "for each meeting that is --days days away (default 7). Run it daily, e.g. from "
        "cron; in development the email goes to the console."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, **options):
        day = datetime.date.today() + datetime.timedelta(days=options["days"])
        members = list(roles.members(roles.READ))  # the Advisory Group, as the site maps it
        base = links.base_url()  # WAGTAILADMIN_BASE_URL, or the default Site's address
        sent = 0
        for meeting in AdvisoryGroupMeeting.objects.filter(date=day):
            link = base + reverse("minimum_standards_plans_meeting_review", args=[meeting.pk])
            waiting = len(review_for(meeting).open_questions)

            def write(meeting=meeting, waiting=waiting, link=link):
                subject = _("Before the meeting on %(date)s: the review") % {
                    "date": date_format(meeting.date, "j F")
                }
                return subject, reminder(meeting, waiting, link)

            sent += emails.send_to_each(members, write, fail_silently=False)
        # The English says "reminder(s)" whatever the number, as it always has; a language
        # with plural forms gives each its own.
        done = ngettext(
            "Sent %(count)d reminder(s) for meetings on %(date)s.",
            "Sent %(count)d reminder(s) for meetings on %(date)s.",
            sent,
        )
        self.stdout.write(done % {"count": sent, "date": date_format(day, "j F Y")})


def reminder(meeting, waiting: int, link: str) -> str:
    """The email's text: when the meeting is, how many questions wait, and the review's link."""
    meets = _("The Advisory Group meets on %(date)s (%(title)s).") % {
        "date": date_format(meeting.date, "l j F Y"),
        "title": meeting.title,
    }
    open_line = ""
    if waiting:
        open_line = ngettext(
            "%(count)d question raised since the last meeting is still open: they are listed "
            "at the top of the review.",
            "%(count)d questions raised since the last meeting are still open: they are listed "
            "at the top of the review.",
            waiting,
        ) % {"count": waiting}
        open_line += "\n\n"
    before = _(
        "Before the meeting, please read what has changed since the last one, what is overdue "
        "and what falls due next, ask any questions, and download the meeting pack:"
    )
    return f"{meets}\n\n{open_line}{before}\n{link}\n"

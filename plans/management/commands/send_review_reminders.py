import datetime

from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand
from django.urls import reverse

from wagtail_minimum_standards.compliance import links, roles
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.plans.review import review_for


class Command(BaseCommand):
    help = (
        "Email every Advisory Group member (the tracker's read role) a link to the review "
        "for each meeting that is --days days away (default 7). Run it daily, e.g. from "
        "cron; in development the email goes to the console."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, **options):
        day = datetime.date.today() + datetime.timedelta(days=options["days"])
        members = roles.members(roles.READ)  # the Advisory Group, as the site maps it
        addresses = [user.email for user in members if user.email]
        messages = []
        base = links.base_url()  # WAGTAILADMIN_BASE_URL, or the default Site's address
        for meeting in AdvisoryGroupMeeting.objects.filter(date=day):
            link = base + reverse("minimum_standards_plans_meeting_review", args=[meeting.pk])
            waiting = len(review_for(meeting).open_questions)
            open_line = (
                f"{waiting} question{'s' if waiting != 1 else ''} raised since the last meeting "
                f"{'are' if waiting != 1 else 'is'} still open: they are listed at the top of "
                "the review.\n\n"
                if waiting
                else ""
            )
            body = (
                f"The Advisory Group meets on {meeting.date:%A %-d %B %Y} ({meeting.title}).\n\n"
                f"{open_line}"
                f"Before the meeting, please read what has changed since the last one, what is "
                f"overdue and what falls due next, ask any questions, and download the meeting "
                f"pack:\n{link}\n"
            )
            messages += [
                (f"Before the meeting on {meeting.date:%-d %B}: the review", body, None, [a])
                for a in addresses
            ]
        sent = send_mass_mail(messages, fail_silently=False) if messages else 0
        self.stdout.write(f"Sent {sent} reminder(s) for meetings on {day:%-d %B %Y}.")

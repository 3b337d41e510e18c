from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from home import mail_queue


class Command(BaseCommand):
    help = _(
        "Send the queued email (enquiry notices, password resets, the tracker's reminders and "
        "question notices), retrying what the mail server does not take. Runs until stopped "
        "(deploy/systemd/sendias-mail.service); --once sends what is queued now and stops."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help=_("One round, then stop."))

    def handle(self, *args, once=False, **options):
        if once:
            outcome = mail_queue.send_round(mail_queue.new_worker())
            if outcome["queued"]:
                self.stderr.write(
                    _("%(count)s email(s) are still queued: the mail server did not take them.")
                    % {"count": outcome["queued"]}
                )
            return
        mail_queue.run(poll_seconds=settings.MAIL_POLL_SECONDS)

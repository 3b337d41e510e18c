from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.management import save_workbook
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.plans.pack import meeting_pack
from wagtail_minimum_standards.plans.review import review_for


class Command(BaseCommand):
    # A command's module is imported when it runs, with translation set up; argparse, which
    # shows the help, takes text and not lazy translations.
    help = _(
        "Write the Advisory Group's meeting pack to an .xlsx file: what changed since the "
        "previous meeting, what is overdue, and what falls due before the next meeting."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meeting", type=int, required=True, help=_("the meeting's id"))
        parser.add_argument("-o", "--output", required=True, help=_("the .xlsx file to write"))

    def handle(self, *args, **options):
        meeting = AdvisoryGroupMeeting.objects.filter(pk=options["meeting"]).first()
        if meeting is None:
            raise CommandError(_("No such meeting."))
        save_workbook(meeting_pack(review_for(meeting)), options["output"])
        wrote = _("Wrote the pack for “%(meeting)s” to %(path)s.") % {
            "meeting": meeting,
            "path": options["output"],
        }
        self.stdout.write(self.style.SUCCESS(wrote))

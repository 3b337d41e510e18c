from django.core.management.base import BaseCommand, CommandError

from wagtail_minimum_standards.compliance.management import save_workbook
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.plans.pack import meeting_pack
from wagtail_minimum_standards.plans.review import review_for


class Command(BaseCommand):
    help = (
        "Write the Advisory Group's meeting pack to an .xlsx file: what changed since the "
        "previous meeting, what is overdue, and what falls due before the next meeting."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meeting", type=int, required=True, help="the meeting's id")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, **options):
        meeting = AdvisoryGroupMeeting.objects.filter(pk=options["meeting"]).first()
        if meeting is None:
            raise CommandError("No such meeting.")
        save_workbook(meeting_pack(review_for(meeting)), options["output"])
        self.stdout.write(
            self.style.SUCCESS(f"Wrote the pack for “{meeting}” to {options['output']}.")
        )

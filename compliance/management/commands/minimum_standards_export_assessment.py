from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.management import save_workbook
from wagtail_minimum_standards.compliance.models import SelfAssessment
from wagtail_minimum_standards.compliance.spreadsheets.assessments import export_assessment


class Command(BaseCommand):
    help = _(
        "Write a self-assessment to an .xlsx file in the annual report's layout "
        "(Standard | rating | Notes, grouped by section), ready to paste into the report."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("id", nargs="?", type=int, help=_("the self-assessment's id"))
        which.add_argument(
            "--latest", action="store_true", help=_("the latest ratified self-assessment")
        )
        parser.add_argument("-o", "--output", required=True, help=_("the .xlsx file to write"))

    def handle(self, *args, **options):
        if options["latest"]:
            assessment = (
                SelfAssessment.objects.filter(status=SelfAssessment.Status.RATIFIED)
                .order_by("-assessed_on", "-pk")
                .first()
            )
        else:
            assessment = SelfAssessment.objects.filter(pk=options["id"]).first()
        if assessment is None:
            raise CommandError(_("No such self-assessment."))
        save_workbook(export_assessment(assessment), options["output"])
        wrote = _("Wrote “%(assessment)s” to %(path)s.")
        self.stdout.write(
            self.style.SUCCESS(wrote % {"assessment": assessment, "path": options["output"]})
        )

import datetime

from django.core.management.base import BaseCommand, CommandError

from wagtail_minimum_standards.compliance.models import Framework
from wagtail_minimum_standards.compliance.spreadsheets.assessments import import_assessment
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors


class Command(BaseCommand):
    help = (
        "Create a draft self-assessment from an .xlsx file in the annual report's layout "
        "(Standard | rating | Notes, grouped by section), as export_assessment writes it. "
        "All or nothing: any error names its sheet, row and column, and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx workbook")
        parser.add_argument(
            "--framework", required=True, help="the framework's code, e.g. iass-2018"
        )
        parser.add_argument("--title", default="", help="defaults to the sheet's title row")
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="YYYY-MM-DD; today")

    def handle(self, *args, **options):
        framework = Framework.objects.filter(code=options["framework"]).first()
        if framework is None:
            known = ", ".join(Framework.objects.values_list("code", flat=True)) or "none yet"
            raise CommandError(f"No framework “{options['framework']}” (known: {known}).")
        try:
            assessment = import_assessment(
                options["file"], framework, title=options["title"], assessed_on=options["date"]
            )
        except SheetErrors as errors:
            raise CommandError(f"Nothing was imported.\n{errors}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{assessment}” (id {assessment.pk}) as a draft: "
                f"{assessment.rated_summary()}."
            )
        )

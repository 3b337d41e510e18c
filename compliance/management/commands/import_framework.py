from django.core.management.base import BaseCommand, CommandError

from compliance.spreadsheets.errors import SheetErrors
from compliance.spreadsheets.frameworks import import_framework


class Command(BaseCommand):
    help = (
        "Load a framework of standards and its rating scale from an .xlsx file in the template "
        "described in docs/spreadsheets.md (sheets Framework, Scale, Standards, Checklist). "
        "All or nothing: any error names its sheet, row and column, and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx workbook")

    def handle(self, *args, **options):
        try:
            framework = import_framework(options["file"])
        except SheetErrors as errors:
            raise CommandError(f"Nothing was imported.\n{errors}") from None
        standards = sum(s.standards.count() for s in framework.sections.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {framework} as “{framework.code}”: {framework.sections.count()} "
                f"sections, {standards} standards, {framework.levels.count()} rating levels."
            )
        )
        for notice in framework.import_notices:
            self.stdout.write(self.style.WARNING(notice))

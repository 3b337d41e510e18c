from django.core.management.base import BaseCommand, CommandError

from wagtail_minimum_standards.compliance.builtin_frameworks import BUILTIN, load_builtin
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework


class Command(BaseCommand):
    help = (
        "Load a framework of standards and its rating scale from an .xlsx file in the template "
        "described in docs/spreadsheets.md (sheets Framework, Scale, Standards, Checklist), or "
        "one that ships with the tracker: --builtin iass-2018 (the 2018 Minimum Standards). "
        "All or nothing: any error names its sheet, row and column, and nothing is saved."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("file", nargs="?", help="the .xlsx workbook")
        which.add_argument(
            "--builtin",
            choices=sorted(BUILTIN),
            help="a framework that ships with the tracker; nothing happens if it is loaded",
        )

    def handle(self, *args, **options):
        try:
            if options["builtin"]:
                framework, new = load_builtin(options["builtin"])
                if not new:
                    self.stdout.write(f"{framework} is loaded already, as “{framework.code}”.")
                    return
            else:
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

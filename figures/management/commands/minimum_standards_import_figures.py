from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.figures.models import YearLocked
from wagtail_minimum_standards.figures.spreadsheets.figures_import import import_figures


class Command(BaseCommand):
    help = _(
        "Read figures from an .xlsx file, a row a figure (measure key, measure name, year, "
        "period, breakdown value, value), as minimum_standards_export_figures writes it. A "
        "blank value means no figure. All or nothing: any error names its sheet, row and "
        "column, and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .xlsx workbook"))

    def handle(self, *args, **options):
        try:
            preview = import_figures(options["file"])
        except SheetErrors as errors:
            raise CommandError(_("Nothing was imported.") + f"\n{errors}") from None
        except YearLocked as locked:
            raise CommandError(_("Nothing was imported.") + f"\n{locked.messages[0]}") from None
        changed = len(preview.changes)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(count)s figure changed, %(same)s as they were.",
                    "%(count)s figures changed, %(same)s as they were.",
                    changed,
                )
                % {"count": changed, "same": preview.unchanged}
            )
        )

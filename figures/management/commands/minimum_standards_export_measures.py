from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wagtail_minimum_standards.figures.spreadsheets.measures_export import export_measures


class Command(BaseCommand):
    help = _(
        "Write the service's measures and breakdown lists to an .xlsx file in the measures "
        "template (docs/figures.md), which minimum_standards_load_measures --file reads back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .xlsx file to write"))

    def handle(self, *args, **options):
        export_measures().save(options["file"])
        self.stdout.write(self.style.SUCCESS(_("Written: %(file)s") % {"file": options["file"]}))

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.models import ReportingYear
from wagtail_minimum_standards.figures.spreadsheets.figures_export import export_figures
from wagtail_minimum_standards.figures.spreadsheets.figures_import import YEAR_LABEL


class Command(BaseCommand):
    help = _(
        "Write figures to an .xlsx file, a row a figure (measure key, measure name, year, "
        "period, breakdown value, value): one year's (--year 2021-22), every figure it can have "
        "with a blank where there is none yet, or every year's figures. "
        "minimum_standards_import_figures reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .xlsx file to write"))
        parser.add_argument("--year", help=_("the reporting year, as 2021-22"))

    def handle(self, *args, **options):
        year = None
        if options["year"]:
            found = YEAR_LABEL.fullmatch(options["year"])
            starts_on = periods.year_starting(int(found.group(1))) if found else None
            if starts_on is None or periods.year_label(starts_on) != options["year"]:
                raise CommandError(
                    _("“%(year)s” is not a reporting year: write it as %(example)s")
                    % {
                        "year": options["year"],
                        "example": periods.year_label(starts_on or periods.year_starting(2021)),
                    }
                )
            year, _made = ReportingYear.objects.get_or_create(starts_on=starts_on)
        export_figures(year).save(options["file"])
        self.stdout.write(self.style.SUCCESS(_("Written: %(file)s") % {"file": options["file"]}))

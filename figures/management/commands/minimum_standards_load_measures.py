from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.models import Framework
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.figures.builtin_measures import BUILTIN, load_builtin
from wagtail_minimum_standards.figures.spreadsheets.measures import import_measures


class Command(BaseCommand):
    help = _(
        "Load measures and their breakdown lists from an .xlsx file in the measures template "
        "(docs/figures.md: sheets Measures and Breakdown lists), or the set that ships with the "
        "tracker: --builtin sendiass-2021-22. A key already loaded is updated; nothing is "
        "deleted. All or nothing: any error names its sheet, row and column, and nothing is "
        "saved."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--file", help=_("the .xlsx workbook"))
        which.add_argument(
            "--builtin",
            choices=sorted(BUILTIN),
            help=_("a measure set that ships with the tracker"),
        )
        parser.add_argument(
            "--framework",
            help=_(
                "the code of the framework whose standards the file names (if not the only one)"
            ),
        )

    def handle(self, *args, **options):
        framework = None
        if options["framework"]:
            framework = Framework.objects.filter(code=options["framework"]).first()
            if framework is None:
                raise CommandError(_("No framework “%(code)s”.") % {"code": options["framework"]})
        try:
            if options["builtin"]:
                done = load_builtin(options["builtin"])
            else:
                done = import_measures(options["file"], framework=framework)
        except SheetErrors as errors:
            raise CommandError(_("Nothing was imported.") + f"\n{errors}") from None
        self.stdout.write(self.style.SUCCESS(summary(done)))
        for notice in done.notices:
            self.stdout.write(self.style.WARNING(notice))


def summary(done) -> str:
    parts = {
        "created": len(done.created),
        "updated": len(done.updated),
        "lists_created": len(done.lists_created),
        "lists_updated": len(done.lists_updated),
    }
    return (
        _(
            "Measures: %(created)s new, %(updated)s updated. Breakdown lists: "
            "%(lists_created)s new, %(lists_updated)s updated."
        )
        % parts
    )

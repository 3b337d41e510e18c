from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_minimum_standards.compliance.models import Framework
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.plans.spreadsheets import import_plan


class Command(BaseCommand):
    # A command's module is imported when it runs, with translation set up; argparse, which
    # shows the help, takes text and not lazy translations.
    help = _(
        "Create a delivery plan from an .xlsx file in Appendix 4's layout (Area of work (link to "
        "Standard) | Task objective | Action | Outcome | Who? | Timescale | Actual Completion "
        "[| Status]); the headings of row 2 become the plan's own. All or nothing: any error "
        "names its sheet, row and column, and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .xlsx workbook"))
        parser.add_argument(
            "--framework",
            help=_("the code of the framework whose standards the rows name, e.g. iass-2018"),
        )
        parser.add_argument("--title", default="", help=_("defaults to the sheet's title row"))

    def handle(self, *args, **options):
        framework = None
        if options["framework"]:
            framework = Framework.objects.filter(code=options["framework"]).first()
            if framework is None:
                raise CommandError(_("No framework “%(code)s”.") % {"code": options["framework"]})
        try:
            plan = import_plan(options["file"], framework, options["title"])
        except SheetErrors as errors:
            raise CommandError(f"{_('Nothing was imported.')}\n{errors}") from None
        count = plan.items.count()
        imported = ngettext(
            "Imported “%(plan)s” (id %(id)s) with %(count)d item.",
            "Imported “%(plan)s” (id %(id)s) with %(count)d items.",
            count,
        ) % {"plan": plan, "id": plan.pk, "count": count}
        self.stdout.write(self.style.SUCCESS(imported))

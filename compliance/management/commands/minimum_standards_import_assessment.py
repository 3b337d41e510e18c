from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance import dates
from wagtail_minimum_standards.compliance.models import Framework
from wagtail_minimum_standards.compliance.spreadsheets.assessments import import_assessment
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors


class Command(BaseCommand):
    help = _(
        "Create a draft self-assessment from an .xlsx file in the annual report's layout "
        "(Standard | rating | Notes, grouped by section), as export_assessment writes it. "
        "All or nothing: any error names its sheet, row and column, and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .xlsx workbook"))
        parser.add_argument(
            "--framework", required=True, help=_("the framework's code, e.g. iass-2018")
        )
        parser.add_argument("--title", default="", help=_("defaults to the sheet's title row"))
        parser.add_argument(
            "--date",
            type=dates.argument,
            help=_("the self-assessment's date, such as 30/06/2027 or 2027-06-30; today"),
        )

    def handle(self, *args, **options):
        framework = Framework.objects.filter(code=options["framework"]).first()
        if framework is None:
            known = ", ".join(Framework.objects.values_list("code", flat=True)) or _("none yet")
            raise CommandError(
                _("No framework “%(code)s” (known: %(known)s).")
                % {"code": options["framework"], "known": known}
            )
        try:
            assessment = import_assessment(
                options["file"], framework, title=options["title"], assessed_on=options["date"]
            )
        except SheetErrors as errors:
            raise CommandError(_("Nothing was imported.") + f"\n{errors}") from None
        imported = _("Imported “%(assessment)s” (id %(id)s) as a draft: %(summary)s.") % {
            "assessment": assessment,
            "id": assessment.pk,
            "summary": assessment.rated_summary(),
        }
        self.stdout.write(self.style.SUCCESS(imported))

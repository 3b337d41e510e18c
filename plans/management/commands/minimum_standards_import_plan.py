from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_minimum_standards.compliance.models import Framework
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.plans.models import Meaning, StatusMeaning
from wagtail_minimum_standards.plans.spreadsheets import prepare, save


class Command(BaseCommand):
    # A command's module is imported when it runs, with translation set up; argparse, which
    # shows the help, takes text and not lazy translations.
    help = _(
        "Create a delivery plan from an .xlsx file in its own shape: a title (optional), a row "
        "of headings, then a row per item, every cell kept as written (docs/spreadsheets.md). "
        "What each column holds is suggested from its heading unless --holds says; an export "
        "of ours says it itself. All or nothing: any error names its sheet, row and column, "
        "and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .xlsx workbook"))
        parser.add_argument(
            "--framework",
            help=_("the code of the framework whose standards the rows name, e.g. iass-2018"),
        )
        parser.add_argument("--title", default="", help=_("defaults to the sheet's title row"))
        parser.add_argument(
            "--holds",
            help=_("what each column holds, in order, separated by commas: %(meanings)s")
            % {"meanings": ", ".join(Meaning.values)},
        )
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            metavar="WORD=MEANING",
            help=_("what a status word means (%(meanings)s); may be given again")
            % {"meanings": ", ".join(StatusMeaning.values)},
        )
        parser.add_argument(
            "--heading-row", type=int, help=_("the row of the headings, if not the first with two")
        )

    def handle(self, *args, **options):
        framework = None
        if options["framework"]:
            framework = Framework.objects.filter(code=options["framework"]).first()
            if framework is None:
                raise CommandError(_("No framework “%(code)s”.") % {"code": options["framework"]})
        meanings = [m.strip() for m in options["holds"].split(",")] if options["holds"] else None
        status_meanings = {}
        for given in options["status"]:
            word, equals, meaning = given.rpartition("=")
            if not equals or meaning not in StatusMeaning.values:
                raise CommandError(
                    _("--status “%(given)s”: write WORD=MEANING, the meaning one of %(meanings)s.")
                    % {"given": given, "meanings": ", ".join(StatusMeaning.values)}
                )
            status_meanings[word] = meaning
        try:
            preview = prepare(
                options["file"],
                framework,
                options["title"],
                meanings=meanings,
                status_meanings=status_meanings,
                heading_row=options["heading_row"],
            )
            plan = save(preview)
        except SheetErrors as errors:
            raise CommandError(f"{_('Nothing was imported.')}\n{errors}") from None
        for warning in preview.warnings:  # kept as written, and flagged
            self.stdout.write(self.style.WARNING(warning))
        count = plan.items.count()
        imported = ngettext(
            "Imported “%(plan)s” (id %(id)s) with %(count)d item.",
            "Imported “%(plan)s” (id %(id)s) with %(count)d items.",
            count,
        ) % {"plan": plan, "id": plan.pk, "count": count}
        self.stdout.write(self.style.SUCCESS(imported))

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_minimum_standards.compliance.builtin_frameworks import BUILTIN, load_builtin
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.frameworks import import_framework


class Command(BaseCommand):
    help = _(
        "Load a framework of standards and its rating scale from an .xlsx file in the template "
        "described in docs/spreadsheets.md (sheets Framework, Scale, Standards, Checklist), or "
        "one that ships with the tracker: --builtin iass-2018 (the 2018 Minimum Standards). "
        "All or nothing: any error names its sheet, row and column, and nothing is saved."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("file", nargs="?", help=_("the .xlsx workbook"))
        which.add_argument(
            "--builtin",
            choices=sorted(BUILTIN),
            help=_("a framework that ships with the tracker; nothing happens if it is loaded"),
        )

    def handle(self, *args, **options):
        try:
            if options["builtin"]:
                framework, new = load_builtin(options["builtin"])
                if not new:
                    loaded = _("%(framework)s is loaded already, as “%(code)s”.")
                    self.stdout.write(loaded % {"framework": framework, "code": framework.code})
                    return
            else:
                framework = import_framework(options["file"])
        except SheetErrors as errors:
            raise CommandError(_("Nothing was imported.") + f"\n{errors}") from None
        sections, levels = framework.sections.count(), framework.levels.count()
        standards = sum(s.standards.count() for s in framework.sections.all())
        counted = {
            "framework": framework,
            "code": framework.code,
            "sections": ngettext("%(n)d section", "%(n)d sections", sections) % {"n": sections},
            "standards": ngettext("%(n)d standard", "%(n)d standards", standards)
            % {"n": standards},
            "levels": ngettext("%(n)d rating level", "%(n)d rating levels", levels) % {"n": levels},
        }
        imported = _(
            "Imported %(framework)s as “%(code)s”: %(sections)s, %(standards)s, %(levels)s."
        )
        self.stdout.write(self.style.SUCCESS(imported % counted))
        for notice in framework.import_notices:
            self.stdout.write(self.style.WARNING(notice))

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.builtin_frameworks import (
    BUILTIN_MAPPINGS,
    load_builtin_mapping,
)
from wagtail_minimum_standards.compliance.spreadsheets.errors import SheetErrors
from wagtail_minimum_standards.compliance.spreadsheets.mappings import import_mapping


class Command(BaseCommand):
    help = _(
        "Load a framework mapping from an .xlsx file in the template described in "
        "docs/spreadsheets.md (sheets Mapping, Standards, Levels), replacing the mapping "
        "between the same two frameworks, or one that ships with the tracker: --builtin "
        "iass-2016-to-2018. All or nothing: any error names its sheet, row and column."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("file", nargs="?", help=_("the .xlsx workbook"))
        which.add_argument(
            "--builtin",
            choices=sorted(BUILTIN_MAPPINGS),
            help=_("a mapping that ships with the tracker; nothing happens if it is loaded"),
        )

    def handle(self, *args, **options):
        try:
            if options["builtin"]:
                mapping, new = load_builtin_mapping(options["builtin"])
                if not new:
                    self.stdout.write(_("“%(mapping)s” is loaded already.") % {"mapping": mapping})
                    return
            else:
                mapping = import_mapping(options["file"])
        except SheetErrors as errors:
            raise CommandError(_("Nothing was imported.") + f"\n{errors}") from None
        imported = _("Imported the mapping “%(mapping)s”: %(rows)s rows.")
        rows = mapping.rows.count()
        self.stdout.write(self.style.SUCCESS(imported % {"mapping": mapping, "rows": rows}))
        missing = mapping.missing_summary()
        if missing:
            self.stdout.write(self.style.WARNING(missing))

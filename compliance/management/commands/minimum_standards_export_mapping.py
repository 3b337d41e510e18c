from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.management import save_workbook
from wagtail_minimum_standards.compliance.models import FrameworkMapping
from wagtail_minimum_standards.compliance.spreadsheets.mappings import export_mapping


class Command(BaseCommand):
    help = _(
        "Write a framework mapping to an .xlsx file in its import template "
        "(docs/spreadsheets.md): the frameworks' codes, each row, and the levels."
    )

    def add_arguments(self, parser):
        parser.add_argument("from_framework", help=_("the code of the framework mapped from"))
        parser.add_argument("to_framework", help=_("the code of the framework mapped to"))
        parser.add_argument("-o", "--output", required=True, help=_("the .xlsx file to write"))

    def handle(self, *args, **options):
        mapping = FrameworkMapping.objects.filter(
            from_framework__code=options["from_framework"],
            to_framework__code=options["to_framework"],
        ).first()
        if mapping is None:
            raise CommandError(_("No such mapping."))
        save_workbook(export_mapping(mapping), options["output"])
        wrote = _("Wrote “%(mapping)s” to %(path)s.")
        self.stdout.write(
            self.style.SUCCESS(wrote % {"mapping": mapping, "path": options["output"]})
        )

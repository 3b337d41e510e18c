from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance import uninstall
from wagtail_minimum_standards.compliance.management import confirmed


class Command(BaseCommand):
    help = _(
        "Before removing the tracker: delete the groups it made, and take back the permissions "
        "it gave to groups the site had before (and every permission of its own models). Asks "
        "first; --dry-run only says what it would do. Then says how to drop its tables."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Say what would be removed; change nothing.")
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help=_("Do not ask first.")
        )

    def handle(self, *args, database, dry_run, interactive, **options):
        connection = connections[database]
        try:
            removal = uninstall.work_out(connection)
        except uninstall.TablesGone as problem:
            raise CommandError(str(problem)) from None
        if removal.is_empty():
            self.stdout.write(_("The tracker holds no group or permission: nothing to remove."))
        for line in removal.lines():
            self.stdout.write(f"- {line}")
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        elif not removal.is_empty():
            if interactive and not confirmed(_("Type “yes” to remove them: ")):
                raise CommandError(_("Nothing was changed."))
            uninstall.carry_out(removal, database)
            self.stdout.write(self.style.SUCCESS(_("Done: the groups and permissions above.")))
        self.stdout.write(uninstall.next_steps(connection, removal))

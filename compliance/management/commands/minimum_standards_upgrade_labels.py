from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance import old_labels
from wagtail_minimum_standards.compliance.management import confirmed


class Command(BaseCommand):
    help = _(
        "Move a database made by version 0.1 of the tracker (app labels “compliance” and "
        "“plans”) to this version's names, keeping every row: tables, history, content types, "
        "permissions and migration records are renamed in one transaction. Then runs the "
        "tracker's own newer migrations. Back up the database first."
    )
    requires_system_checks = []  # the check that finds such a database sends people here

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Say what would be renamed; change nothing.")
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=_("Do not ask before renaming."),
        )

    def handle(self, *args, database, dry_run, interactive, **options):
        connection = connections[database]
        try:
            models = old_labels.movable(connection)
        except old_labels.CannotMove as problem:
            raise CommandError(str(problem)) from None
        for line in old_labels.describe(models):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
            return
        if interactive and not confirmed(
            _("Have you backed up the database? Type “yes” to rename: ")
        ):
            raise CommandError(_("Nothing was changed."))
        try:
            old_labels.move(connection, report=self.stdout.write)
        except old_labels.CannotMove as problem:
            raise CommandError(str(problem)) from None
        for label in old_labels.OLD_LABELS:
            call_command("migrate", label, database=database, interactive=False, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(_("Moved. Now run “python manage.py migrate” for your other apps."))
        )

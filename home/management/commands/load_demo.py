from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo
from home.demo import (
    annual_report,
    delivery_plans,
    figures,
    framework_move,
    meetings,
    self_assessments,
    workflow,
)
from home.demo import users as demo_users


class Command(BaseCommand):
    help = (
        "Build the demo site from the service's published facts, and create one demo user "
        "per role (Service manager, Advisory Group, Editor). Safe to run again: it brings "
        "the demo content back to its known state without duplicating anything. Demo "
        "passwords are set only where settings.DEMO_PASSWORDS is on (development)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even where settings.DEMO_CONTENT is off (production settings), e.g. "
            "for the benchmark's throwaway database. It overwrites the home page and the "
            "service settings.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not (getattr(settings, "DEMO_CONTENT", False) or options["force"]):
            raise CommandError(
                "load_demo would overwrite the home page and service settings and add demo "
                "users: it runs only under development or test settings (DEMO_CONTENT), "
                "or with --force."
            )
        home = demo.load()
        users = demo_users.load()
        workflow.load()  # page moderation the Service manager approves
        self_assessments.load()
        framework_move.load()  # the 2016 framework, its mapping to 2018, a 2017-18 assessment
        delivery_plans.load()
        demo_users.link_plan_owners()
        meetings.load()
        figures.load()  # the 2021-22 annual report's figures, through the figures upload
        annual_report.load()  # its narrative and appendices
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: home page “{home.title}”."))
        admin_url = settings.WAGTAILADMIN_BASE_URL + settings.ADMIN_PATH_PREFIX
        self.stdout.write(f"Sign in to the admin at {admin_url} as:")
        for username, role, password in users:
            if password:
                self.stdout.write(f"  {role}: username {username}, password {password}")
            else:
                self.stdout.write(
                    f"  {role}: username {username} (no password: set one with "
                    f"`python manage.py changepassword {username}`)"
                )

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_minimum_standards.compliance.management import save_workbook
from wagtail_minimum_standards.plans.models import DeliveryPlan
from wagtail_minimum_standards.plans.spreadsheets import export_plan


class Command(BaseCommand):
    # A command's module is imported when it runs, with translation set up; argparse, which
    # shows the help, takes text and not lazy translations.
    help = _(
        "Write a delivery plan to an .xlsx file in its own shape (Appendix 4's, for the annual "
        "report, or the plan's own columns); --full for a full copy that imports back to an "
        "identical plan on another installation."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("id", nargs="?", type=int, help=_("the plan's id"))
        which.add_argument(
            "--latest", action="store_true", help=_("the active plan that started last")
        )
        parser.add_argument("-o", "--output", required=True, help=_("the .xlsx file to write"))
        parser.add_argument(
            "--full",
            action="store_true",
            help=_("also progress updates, actions done, due dates and owners who are users"),
        )

    def handle(self, *args, **options):
        plans = DeliveryPlan.objects.all()
        if options["latest"]:
            plan = plans.filter(status="active").order_by("-period_start", "-pk").first()
        else:
            plan = plans.filter(pk=options["id"]).first()
        if plan is None:
            raise CommandError(_("No such delivery plan."))
        save_workbook(export_plan(plan, full=options["full"]), options["output"])
        wrote = _("Wrote “%(plan)s” to %(path)s.") % {"plan": plan, "path": options["output"]}
        self.stdout.write(self.style.SUCCESS(wrote))

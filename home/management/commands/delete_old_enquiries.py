from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from home.cache import changed
from home.limits import forget_expired
from home.models import Enquiry, Feedback
from wagtail_minimum_standards.figures.models import Figure, FiguresUpload
from wagtail_minimum_standards.plans.models import PlanUpload


def refresh_counts() -> None:
    """The public pages show the day's counts from the website's enquiries: a count purges
    nothing when it is made (home.cache), so once a day, if any was made, the pages are
    refreshed (the content version changes and nginx's copies are purged)."""
    day_ago = timezone.now() - timedelta(days=1)
    if Figure.history.filter(history_date__gte=day_ago, history_user__isnull=True).exists():
        changed()


class Command(BaseCommand):
    help = (
        "Delete enquiries and feedback older than settings.ENQUIRY_RETENTION_DAYS (365 days), "
        "as the privacy notice promises (their anonymous counts in the tracker's figures "
        "stay), the "
        "counts of limits whose hour has passed, and delivery plans uploaded but not imported "
        "within a day; and refreshes the public pages if enquiries were counted. Run it daily "
        "(deploy/systemd/sendias-delete-old-enquiries.timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, *args, **options):
        days = settings.ENQUIRY_RETENTION_DAYS
        before = timezone.now() - timedelta(days=days)
        old = Enquiry.objects.filter(created_at__lt=before)
        old_feedback = Feedback.objects.filter(created_at__lt=before)
        if options["dry_run"]:
            count = old.count()
            feedback = old_feedback.count()
            verb = "Would delete"
        else:
            count, _ = old.delete()
            feedback = old_feedback.delete()[1].get(Feedback._meta.label, 0)
            forget_expired()
            PlanUpload.objects.forget_expired()
            FiguresUpload.objects.forget_expired()
            refresh_counts()
            verb = "Deleted"
        noun = "enquiry" if count == 1 else "enquiries"
        self.stdout.write(f"{verb} {count} {noun} older than {days} days.")
        self.stdout.write(f"{verb} {feedback} feedback older than {days} days.")

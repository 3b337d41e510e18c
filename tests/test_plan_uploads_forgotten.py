"""A workbook uploaded but never imported is not kept: the site's daily clean-up
(delete_old_enquiries) deletes it a day after it was uploaded (docs/delivery-plans.md)."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from wagtail_minimum_standards.figures.models import FiguresUpload
from wagtail_minimum_standards.plans.models import PlanUpload


def test_the_daily_clean_up_forgets_plan_uploads_a_day_old(db):
    old, recent = (PlanUpload.objects.create(data=b"plan") for _ in range(2))
    PlanUpload.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(hours=25)
    )

    call_command("delete_old_enquiries", stdout=io.StringIO())

    assert list(PlanUpload.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_daily_clean_up_forgets_figures_uploads_a_day_old(db):
    old, recent = (FiguresUpload.objects.create(data=b"figures") for _ in range(2))
    FiguresUpload.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(hours=25)
    )

    call_command("delete_old_enquiries", stdout=io.StringIO())

    assert list(FiguresUpload.objects.values_list("pk", flat=True)) == [recent.pk]

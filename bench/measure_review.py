"""Run by bench/review_views.py in a process with the site's settings: grow the demo's delivery
plan to N items with history and the Advisory Group's questions to Q (on plan items, ratings and
the meeting's review, every other one answered), then time the review page and the meeting pack.

Prints one tab-separated line per view: view, items, history rows, questions, queries, p50 ms,
p90 ms.
"""

import datetime
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402  (after setup)
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import time_view  # noqa: E402

from wagtail_minimum_standards.compliance.models import (  # noqa: E402
    AdvisoryGroupMeeting,
    Question,
    Rating,
    Reply,
)
from wagtail_minimum_standards.plans.models import DeliveryPlan, PlanItem  # noqa: E402

BETWEEN = timezone.make_aware(datetime.datetime(2023, 1, 10, 10))


def grow(items: int, history_rows: int):
    """Add items (and history: each item saved again with a new status) up to the targets."""
    plan = DeliveryPlan.objects.get(title__startswith="SPS Operational")
    have = PlanItem.objects.count()
    for n in range(have, items):
        item = PlanItem.objects.create(
            plan=plan,
            position=n,
            objective=f"Benchmark item {n}",
            timescale="Jan 2023",
            status="on-track",
        )
        for change in range(max(0, history_rows // items - 1)):
            item.status = ("at-risk", "on-track", "off-track")[change % 3]
            item.save()
    PlanItem.history.filter(history_date__gt=timezone.now() - datetime.timedelta(hours=1)).update(
        history_date=BETWEEN
    )


def ask(total: int, meeting, user):
    """Questions up to `total`, raised before `meeting` about items, ratings and the meeting."""
    items = list(PlanItem.objects.order_by("pk"))
    ratings = list(Rating.objects.order_by("pk"))
    subjects = [items, ratings, [meeting]]
    have = Question.objects.count()
    new = [
        Question(
            subject=subjects[n % 3][n % len(subjects[n % 3])],
            asked_by=user,
            text=f"Benchmark question {n}",
            asked_at=BETWEEN,
            answered_at=BETWEEN if n % 2 else None,
        )
        for n in range(have, total)
    ]
    Question.objects.bulk_create(new, batch_size=1000)
    Reply.objects.bulk_create(
        [
            Reply(question=q, kind=Reply.Kind.ANSWER, text="Answered", written_by=user)
            for q in Question.objects.filter(answered_at__isnull=False, replies__isnull=True)
        ],
        batch_size=1000,
    )


def main(items: int, history_rows: int, questions: int):
    grow(items, history_rows)
    meeting = AdvisoryGroupMeeting.objects.get(date=datetime.date(2023, 1, 18))
    user = get_user_model().objects.create_superuser(f"bench{items}", "b@example.org", "x")
    ask(questions, meeting, user)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    count_items, count_history = PlanItem.objects.count(), PlanItem.history.count()
    count_questions = Question.objects.count()
    for name, url in (
        ("review", f"/admin/minimum_standards_plans/meeting/{meeting.pk}/review/"),
        ("meeting pack", f"/admin/minimum_standards_plans/meeting/{meeting.pk}/pack/"),
    ):
        count, p50, p90 = time_view(client, url, repeat=10)
        print(
            f"{name}\t{count_items}\t{count_history}\t{count_questions}\t{count}"
            f"\t{p50:.1f}\t{p90:.1f}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))

"""The Advisory Group review: what changed since the last meeting, what is late, the pack."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.plans.models import PlanItem
from wagtail_minimum_standards.plans.review import review_for

ADMIN = "/admin/minimum_standards_plans"


def test_the_january_review_shows_what_changed_since_october(plans_demo):
    review = review_for(plans_demo["january"])

    assert review.previous == plans_demo["october"]
    assert [i.objective for i in review.new_items] == [
        "Produce key information in easy read and audio formats (example)."
    ]
    assert sorted((c.before, c.after) for c in review.status_changes) == [
        ("On track", "Complete"),
        ("Ongoing", "At risk"),
    ]
    assert len(review.updates) == 10  # 8 from Appendix 4's Actual Completion, 2 since
    assert [a.text for a in review.completed_actions] == [
        "Test functionality with team and service users"
    ]
    assert sorted((c.subject.standard.code, c.before, c.after) for c in review.rating_changes) == [
        ("1.6", "C", "P/C"),
        ("3.1", "P/C", "C"),
        ("3.3", "P/C", "C"),
        ("4.2", "P/C", "C"),
    ]
    assert [i.timescale for i in review.overdue] == ["Sept 2022"]
    assert {i.timescale for i in review.due_before_next} == {"January 2023"}


def test_the_review_page_and_the_pack(client, plans_demo, advisory_member):
    client.force_login(advisory_member)
    meeting = plans_demo["january"]

    html = client.get(f"{ADMIN}/meeting/{meeting.pk}/review/").content.decode()
    pack = load_workbook(io.BytesIO(client.get(f"{ADMIN}/meeting/{meeting.pk}/pack/").content))

    assert "since the last meeting, 12 October 2022" in html
    assert "Overdue (1)" in html and "Rating changes in the compliance tracker (4)" in html
    assert "On track → <strong>Complete</strong>" in html
    assert (
        "@media print" not in html and "minimum_standards_plans/admin.css" in html
    )  # the print stylesheet
    assert pack.sheetnames == [
        "Summary", "New items", "Status changes", "Progress updates", "Actions completed",
        "Rating changes", "Questions", "Unanswered questions", "Agreed last time",
        "Evidence due for review", "Overdue", "Due before next meeting",
    ]  # fmt: skip
    assert pack["Rating changes"].max_row == 5
    assert pack["Summary"]["A1"].value.startswith(
        "Advisory Group review: Advisory Group meeting, January 2023"
    )


def test_the_dashboard_panel(client, plans_demo, service_manager, editor):
    client.force_login(service_manager)
    html = client.get("/admin/").content.decode()
    assert 'id="plans-panel-heading">Delivery plans</h2>' in html and "overdue" in html
    assert "Next Advisory Group meeting: <a" in html

    client.force_login(editor)
    assert "plans-panel-heading" not in client.get("/admin/").content.decode()


def test_reminders_go_to_the_advisory_group_before_a_meeting(
    plans_demo, advisory_member, service_manager
):
    upcoming = AdvisoryGroupMeeting.objects.order_by("-date").first()
    days = (upcoming.date - datetime.date.today()).days
    out = io.StringIO()

    call_command("minimum_standards_send_review_reminders", "--days", str(days), stdout=out)

    assert [m.to for m in mail.outbox] == [[advisory_member.email]]
    assert f"/admin/minimum_standards_plans/meeting/{upcoming.pk}/review/" in mail.outbox[0].body
    assert "Sent 1 reminder(s)" in out.getvalue()


def test_review_queries_do_not_grow_with_the_plan(plans_demo):
    meeting = plans_demo["january"]
    with CaptureQueriesContext(connection) as few:
        review_for(meeting)
    plan = plans_demo["plan"]
    for n in range(40):
        item = PlanItem.objects.create(
            plan=plan, objective=f"Extra {n}", timescale="Jan 2023", status="On track"
        )
        item.status = "At risk"
        item.save()

    with CaptureQueriesContext(connection) as many:
        review_for(meeting)

    assert len(many) == len(few)


def test_the_first_meetings_review_shows_every_change_to_date(plans_demo):
    first = AdvisoryGroupMeeting.objects.order_by("date").first()
    before = review_for(first)

    assert before.previous is None
    # Each of Appendix 4's 11 items, its status set from its completion notes, April 2022.
    assert len(before.status_changes) == 11
    assert all(change.before == "No status" for change in before.status_changes)  # imported


def test_review_items_link_to_the_item_in_its_plan(client, plans_demo, advisory_member):
    client.force_login(advisory_member)
    review = review_for(plans_demo["january"])

    html = client.get(
        f"/admin/minimum_standards_plans/meeting/{plans_demo['january'].pk}/review/"
    ).content.decode()

    for item in [*review.overdue, *review.due_before_next, *review.new_items]:
        assert f'href="/admin/minimum_standards_plans/plan/{item.plan_id}/#item-{item.pk}"' in html
    for update in review.updates:
        assert (
            f'href="/admin/minimum_standards_plans/plan/{update.item.plan_id}/#item-{update.item_id}"'
            in html
        )

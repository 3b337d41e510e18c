"""The Advisory Group review: what changed since the last meeting, what is late, the pack."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, EvidenceLink
from wagtail_minimum_standards.figures.models import Figure
from wagtail_minimum_standards.plans.models import PlanItem
from wagtail_minimum_standards.plans.pack import meeting_pack
from wagtail_minimum_standards.plans.review import review_for

from .tracker.figure_factories import BreakdownListFactory, MeasureFactory, figure, year

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
        "Evidence due for review", "Checks", "Figures", "Overdue", "Due before next meeting",
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
    review_for(meeting)  # the first, as any first read of the site settings, creates them
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


def test_review_and_pack_queries_do_not_grow_with_the_checks_findings(plans_demo):
    """The quality checks of the self-assessment the review covers: as many queries for one
    finding as for a finding on every standard and every piece of evidence."""
    meeting = plans_demo["january"]
    draft = plans_demo["draft"]
    assert review_for(meeting).assessment == draft  # and the site settings are created
    draft.ratings.update(evidence_notes="Sampled.", public_summary="We do this.")
    draft.ratings.exclude(standard__code="1.1").update(carried_over=False)
    draft.ratings.filter(standard__code="1.1").update(carried_over=True)
    with CaptureQueriesContext(connection) as few:
        meeting_pack(review_for(meeting))
    draft.ratings.update(carried_over=True, public_summary="", evidence_notes="")
    for rating in draft.ratings.all():
        for n in range(3):
            EvidenceLink.objects.create(
                rating=rating,
                title=f"Old evidence {n}",
                url="https://example.org/",
                review_by=datetime.date(2020, 1, 1),
            )

    with CaptureQueriesContext(connection) as many:
        review = review_for(meeting)
        meeting_pack(review)

    assert len(review.findings) > 3 * draft.ratings.count()
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


def referrals_by_term():
    """Table 1: 2021-22's six terms, and 2022-23's first three (to January 2023)."""
    referrals = MeasureFactory(
        key="new-referrals", name="New referrals", unit="referrals", period="term",
        group="Table 1",
    )  # fmt: skip
    for term, value in enumerate([131, 106, 135, 118, 86, 103], start=1):
        figure(referrals, year(2021), value, period=term)
    for term, value in enumerate([140, 120, 30], start=1):
        figure(referrals, year(2022), value, period=term)
    MeasureFactory(key="caseload", name="Caseload")  # no figures: not in the review
    return referrals


def test_the_review_and_the_pack_show_the_year_to_date_against_last_years_same_terms(
    client, plans_demo, advisory_member
):
    referrals_by_term()
    client.force_login(advisory_member)
    meeting = plans_demo["january"]  # 18 January 2023: terms 1 to 3 begun

    html = client.get(f"{ADMIN}/meeting/{meeting.pk}/review/").content.decode()
    pack = load_workbook(io.BytesIO(client.get(f"{ADMIN}/meeting/{meeting.pk}/pack/").content))

    assert "Figures: 2022-23 to 18 January 2023" in html
    assert "against the same periods of 2021-22" in html
    row = html.split('<th scope="row">New referrals', 1)[1].split("</tr>", 1)[0]
    cells = [c.split("<", 1)[0] for c in row.split('<td class="number">')[1:]]
    assert cells == ["290", "372", "-82 (-22.0 %)"]  # 140 + 120 + 30 against 131 + 106 + 135
    assert '<th scope="row">Caseload' not in html
    assert 'href="/admin/minimum_standards_figures/?year=' in html
    sheet = pack["Figures"]
    assert [c.value for c in sheet[1]] == [
        "Table", "Measure", "2022-23 to date", "2021-22 same periods", "Change", "Change (%)",
    ]  # fmt: skip
    assert [c.value for c in sheet[2]] == ["Table 1", "New referrals", 290, 372, -82, -22]
    assert "Figures: 2022-23 to 18 January 2023" in [c.value for c in pack["Summary"]["A"]][-1]


def test_review_queries_do_not_grow_with_the_figures(plans_demo):
    meeting = plans_demo["january"]
    phases = BreakdownListFactory(key="phase", labels=["Primary", "Secondary"])
    for key in ("one", "two"):
        measure = MeasureFactory(key=key, breakdown=phases)
        for label in ("Primary", "Secondary"):
            figure(measure, year(2022), 1, label=label)
    review_for(meeting)  # the first, as any first read of the site settings, creates them
    with CaptureQueriesContext(connection) as few:
        review_for(meeting)
    labels = [f"Need {n}" for n in range(10)]
    needs = BreakdownListFactory(key="need", labels=labels)
    years = [year(first_year) for first_year in range(2013, 2023)]
    rows = []
    for n in range(50):
        measure = MeasureFactory(key=f"measure-{n}", breakdown=needs, period="term")
        for in_year in years:
            for term in (1, 2, 3):
                for value in needs.values.all():
                    rows.append(
                        Figure(measure=measure, year=in_year, period=term,
                               breakdown_value=value, value=n + term)
                    )  # fmt: skip
    Figure.objects.bulk_create(rows)  # 10 years of 50 measures by 10 needs

    with CaptureQueriesContext(connection) as many:
        review = review_for(meeting)

    assert sum(len(t.rows) for t in review.figures.tables) == 2 * 3 + 50 * 11
    assert len(many) == len(few)

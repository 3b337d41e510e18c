"""The Advisory Group's questions as one list (by status, meeting and standard; who asked, by
name, and when, as a British date), and the admin home's true figures: each count is the
length of the list it stands for, and only a recorded meeting is "next"."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance import questions
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.plans.models import PlanItem

from .factories import AdvisoryGroupMemberFactory

LIST = "/admin/minimum_standards_plans/questions/"


@pytest.fixture
def asked(plans_demo, service_manager):
    member = AdvisoryGroupMemberFactory(first_name="Priya", last_name="Shah")
    rating = plans_demo["draft"].ratings.get(standard__code="1.5")
    item = plans_demo["plan"].items.first()
    item_standard = item.standards.first()
    open_one = questions.ask(rating, member, "Why is 1.5 only partly met?")
    answered = questions.ask(item, member, "Who owns this action?")
    questions.reply(answered, service_manager, "The manager.", "answer")
    return {
        "member": member,
        "open": open_one,
        "answered": answered,
        "item_standard": item_standard,
    }


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="question-row">(.*?)</tr>', html, re.S)


def test_the_list_shows_each_question_with_who_asked_and_when(client, asked):
    client.force_login(asked["member"])

    html = client.get(LIST).content.decode()

    listed = rows(html)
    assert len(listed) == 2
    assert "Why is 1.5 only partly met?" in listed[0] and "Open" in listed[0]  # open first
    assert "Priya Shah" in listed[0] and asked["member"].username not in listed[0]
    day = asked["open"].asked_at.astimezone().date()
    assert f"{day.day} {day:%B %Y}" in listed[0]
    assert f'href="/admin/minimum_standards/question/{asked["open"].pk}/"' in listed[0]
    assert "Answered" in listed[1]


def test_the_list_filters_by_status_standard_and_meeting(client, asked, plans_demo):
    client.force_login(asked["member"])
    standard_1_5 = plans_demo["draft"].ratings.get(standard__code="1.5").standard

    assert len(rows(client.get(LIST + "?status=open").content.decode())) == 1
    answered = rows(client.get(LIST + "?status=answered").content.decode())
    assert len(answered) == 1 and "Who owns this action?" in answered[0]
    by_standard = rows(client.get(f"{LIST}?standard={standard_1_5.pk}").content.decode())
    assert len(by_standard) == 1 and "Why is 1.5" in by_standard[0]
    by_item = rows(client.get(f"{LIST}?standard={asked['item_standard'].pk}").content.decode())
    assert any("Who owns this action?" in row for row in by_item)
    old = plans_demo["january"]  # these were asked today, long after it
    assert rows(client.get(f"{LIST}?meeting={old.pk}").content.decode()) == []


def test_the_list_reads_no_query_per_question(client, asked, plans_demo):
    client.force_login(asked["member"])
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    rating = plans_demo["draft"].ratings.get(standard__code="1.6")
    for n in range(15):
        questions.ask(rating, asked["member"], f"Question {n}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(LIST).content.decode()

    assert len(rows(html)) == 17
    assert len(many) == len(few)


def panel(html: str) -> str:
    return html[
        html.index('id="plans-panel-heading"') : html.index(
            "</section>", html.index('id="plans-panel-heading"')
        )
    ]


def test_the_overdue_count_is_the_overdue_list(client, plans_demo, service_manager):
    plan = plans_demo["plan"]
    for n in range(7):
        PlanItem.objects.create(
            plan=plan, objective=f"Late {n}", status="On track", position=900 + n,
            due_date=datetime.date.today() - datetime.timedelta(days=n + 1),
        )  # fmt: skip
    client.force_login(service_manager)

    html = panel(client.get("/admin/").content.decode())

    count = int(re.search(r"<strong>(\d+)</strong> overdue", html).group(1))
    listed = re.findall(r"<li><a href=\"[^\"]*#item-\d+\">", html)
    assert count == len(listed) >= 7


def test_the_open_questions_count_is_the_open_list(client, asked, service_manager):
    client.force_login(service_manager)

    html = panel(client.get("/admin/").content.decode())

    count = int(re.search(r"<strong>(\d+)</strong> open question", html).group(1))
    assert count == len(rows(client.get(LIST + "?status=open").content.decode())) == 1


def test_with_no_meeting_recorded_ahead_the_home_says_so(client, plans_demo, service_manager):
    AdvisoryGroupMeeting.objects.filter(date__gte=datetime.date.today()).delete()
    client.force_login(service_manager)

    html = panel(client.get("/admin/").content.decode())

    assert "No next meeting recorded." in html and "Next Advisory Group meeting:" not in html
    assert 'href="/admin/minimum_standards/advisorygroupmeeting/create/"' in html


def test_the_advisory_group_is_not_offered_to_record_a_meeting(client, plans_demo):
    AdvisoryGroupMeeting.objects.filter(date__gte=datetime.date.today()).delete()
    client.force_login(AdvisoryGroupMemberFactory())

    html = panel(client.get("/admin/").content.decode())

    assert "No next meeting recorded." in html and "/create/" not in html


def test_the_review_names_no_meeting_that_was_not_recorded(client, plans_demo, service_manager):
    AdvisoryGroupMeeting.objects.filter(date__gt=plans_demo["january"].date).delete()
    client.force_login(service_manager)

    html = client.get(
        f"/admin/minimum_standards_plans/meeting/{plans_demo['january'].pk}/review/"
    ).content.decode()

    assert "No next meeting recorded." in html and "Next meeting:" not in html


def test_the_pack_lists_the_unanswered_questions(client, asked, plans_demo):
    client.force_login(asked["member"])

    response = client.get(
        f"/admin/minimum_standards_plans/meeting/{plans_demo['january'].pk}/pack/"
    )

    book = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    sheet = book["Unanswered questions"]
    listed = [row for row in sheet.iter_rows(min_row=2, values_only=True) if any(row)]
    assert [row[3] for row in listed] == ["Why is 1.5 only partly met?"]
    assert listed[0][1] == "Priya Shah"
    summary = [row[0] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert "Unanswered questions, whenever asked: 1" in summary

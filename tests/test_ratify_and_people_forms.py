"""The ratify decision's form: one message about carried-over ratings, and a real box to tick
beside its label. People are named by their full name, or their username when they gave none,
wherever the tracker lets someone choose a person or shows one (compliance.people)."""

import datetime
import re

import pytest

from wagtail_minimum_standards.compliance import questions
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, SelfAssessment
from wagtail_minimum_standards.compliance.people import name_of

from .factories import AdvisoryGroupMemberFactory, ServiceManagerFactory, UserFactory

CARRIED = "carried over"


@pytest.fixture
def later_meeting(plans_demo):
    return AdvisoryGroupMeeting.objects.create(date=datetime.date(2030, 1, 1), title="Later")


def ratify_url(meeting, assessment=None):
    url = f"/admin/minimum_standards_plans/meeting/{meeting.pk}/decision/ratify/"
    return url + (f"?assessment={assessment.pk}" if assessment else "")


def the_box(html: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="ratify_carried_over"[^>]*>', html)


def the_label(html: str) -> str:
    found = re.search(r'<label[^>]*for="id_ratify_carried_over"[^>]*>\s*([^<]+)', html)
    return found.group(1).strip() if found else ""


def test_a_draft_with_carried_over_ratings_shows_one_note_and_a_box_to_tick(
    client, plans_demo, later_meeting, service_manager, without_quality_checks
):
    client.force_login(service_manager)

    html = client.get(ratify_url(later_meeting, plans_demo["draft"])).content.decode()

    assert len(the_box(html)) == 1
    assert the_label(html).startswith("Ratify it with the ratings carried over")
    assert html.count(CARRIED) == 2  # the note, and the box's label


def test_refused_for_want_of_the_tick_the_message_is_said_once_beside_the_box(
    client, plans_demo, later_meeting, service_manager, without_quality_checks
):
    client.force_login(service_manager)
    draft = plans_demo["draft"]
    url = ratify_url(later_meeting)  # chosen in the form, not given by the link

    response = client.post(url, {"assessment": draft.pk, "text": "Ratified."})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("were carried over and not re-checked") == 1
    assert html.count(CARRIED) == 2  # the message, and the box's label: no second note
    assert len(the_box(html)) == 1 and the_label(html)
    draft.refresh_from_db()
    assert draft.status != SelfAssessment.Status.RATIFIED


def test_ticked_it_is_ratified(
    client, plans_demo, later_meeting, service_manager, without_quality_checks
):
    client.force_login(service_manager)
    draft = plans_demo["draft"]
    page = client.get(ratify_url(later_meeting, draft)).content.decode()
    versions = re.search(r'name="versions" value="([^"]*)"', page).group(1)

    response = client.post(
        ratify_url(later_meeting, draft),
        {"assessment": draft.pk, "text": "Ratified.", "ratify_carried_over": "on",
         "versions": versions},
    )  # fmt: skip

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == SelfAssessment.Status.RATIFIED


def test_with_the_carried_over_check_on_the_warnings_ask_instead_of_a_box(
    client, plans_demo, later_meeting, service_manager, settings
):
    """The check's warning asks for the meeting's reason: the box would ask the same twice."""
    settings.MINIMUM_STANDARDS_QUALITY_CHECKS = {"met-without-evidence": "off"}
    client.force_login(service_manager)
    draft = plans_demo["draft"]
    carried = draft.ratings.filter(carried_over=True).select_related("standard").first()

    html = client.get(ratify_url(later_meeting, draft)).content.decode()

    assert the_box(html) == [] and CARRIED not in html
    assert f"{carried.standard.code}</a>" in html or f"{carried.standard.code}:" in html
    assert "Carried over from the last self-assessment and not re-checked since." in html
    assert "Why the Advisory Group ratifies despite these warnings" in html


def test_no_box_and_no_note_where_nothing_was_carried_over(
    client, plans_demo, later_meeting, service_manager
):
    client.force_login(service_manager)
    draft = plans_demo["draft"]
    draft.ratings.update(carried_over=False)

    html = client.get(ratify_url(later_meeting, draft)).content.decode()

    assert the_box(html) == [] and the_label(html) == ""
    assert CARRIED not in html


def test_a_person_is_their_full_name_or_else_their_username(db):
    assert name_of(UserFactory(first_name="Priya", last_name="Shah")) == "Priya Shah"
    assert name_of(UserFactory(username="pshah", first_name=" ", last_name="")) == "pshah"
    assert name_of(None) == "a former member"


def test_the_meeting_record_form_lists_people_by_name(client, plans_demo, service_manager):
    AdvisoryGroupMemberFactory(username="ag-member-7", first_name="Priya", last_name="Shah")
    AdvisoryGroupMemberFactory(username="no-name-given")
    client.force_login(service_manager)

    html = client.get(
        f"/admin/minimum_standards_plans/meeting/{plans_demo['january'].pk}/record/"
    ).content.decode()

    labels = re.findall(r'name="attendees"[^>]*>\s*([^<]+?)\s*</label>', html)
    assert "Priya Shah" in labels and "no-name-given" in labels
    assert "ag-member-7" not in labels
    assert name_of(service_manager) in labels


def test_new_action_owners_and_plan_item_owners_are_chosen_by_name(
    client, plans_demo, service_manager
):
    ServiceManagerFactory(username="deputy-2", first_name="Jo", last_name="Deputy")
    client.force_login(service_manager)
    meeting = plans_demo["january"]

    decision = client.get(
        f"/admin/minimum_standards_plans/meeting/{meeting.pk}/decision/new-action/"
    ).content.decode()
    item = plans_demo["plan"].items.first()
    edit = client.get(f"/admin/minimum_standards_plans/planitem/edit/{item.pk}/").content.decode()

    for html in (decision, edit):
        field = html[html.index('name="owner_users"') - 2000 :]
        field = field[: field.index("</select>") if "<select" in field[:2100] else 4000]
        assert "Jo Deputy" in field and "deputy-2" not in field


def test_who_asked_and_who_answered_are_named(client, plans_demo, service_manager):
    member = AdvisoryGroupMemberFactory(first_name="Priya", last_name="Shah")
    rating = plans_demo["draft"].ratings.get(standard__code="1.5")
    question = questions.ask(rating, member, "Why P/C?")
    questions.reply(question, service_manager, "Because.", "answer")
    client.force_login(service_manager)

    html = client.get(f"/admin/minimum_standards/question/{question.pk}/").content.decode()

    assert "from Priya Shah" in html and f"from {member.username}" not in html
    assert str(question) == f"Question {question.pk} by Priya Shah"

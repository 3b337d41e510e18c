"""The Advisory Group prepares for a meeting in the tracker (reads, asks, sees the answers,
takes the pack), and the Service manager runs the meeting from it and issues the minutes."""

import datetime
import io
import re

import docx
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    AssessmentLocked,
    EmailChoice,
    MeetingLocked,
    Question,
    SelfAssessment,
)
from wagtail_minimum_standards.plans import meeting_record
from wagtail_minimum_standards.plans.models import OPEN_MEANINGS, Decision

MEETING = "/admin/minimum_standards_plans/meeting"


@pytest.fixture
def january(plans_demo):
    return plans_demo["january"]


def ask(client, subject, pk, text):
    response = client.post(f"/admin/minimum_standards/question/ask/{subject}/{pk}/", {"text": text})
    assert response.status_code == 302, response.content.decode()[:300]
    return Question.objects.get(text=text)


def test_a_question_is_asked_answered_and_each_side_told_with_a_link_only(
    client, plans_demo, advisory_member, service_manager, django_capture_on_commit_callbacks
):
    rating = plans_demo["draft"].ratings.get(standard__code="1.6")
    asker, answerer = client, Client()
    asker.force_login(advisory_member)
    answerer.force_login(service_manager)

    with django_capture_on_commit_callbacks(execute=True):  # emails go once it is saved
        question = ask(asker, "rating", rating.pk, "What stops the school briefings?")
    (to_manager,) = mail.outbox
    report = answerer.get(f"/admin/minimum_standards/assessment/{rating.assessment_id}/").content
    with django_capture_on_commit_callbacks(execute=True):
        answered = answerer.post(
            f"/admin/minimum_standards/question/{question.pk}/",
            {"kind": "answer", "text": "Staffing; they restart in January."},
        )

    assert to_manager.to == [service_manager.email]
    assert f"/admin/minimum_standards/question/{question.pk}/" in to_manager.body
    assert "school briefings" not in to_manager.body + to_manager.subject  # no words
    assert b"What stops the school briefings?" in report  # an open question, by its rating
    assert answered.status_code == 302
    question.refresh_from_db()
    assert not question.is_open
    to_asker = mail.outbox[1]
    assert to_asker.to == [advisory_member.email] and "Staffing" not in to_asker.body
    thread = asker.get(f"/admin/minimum_standards/question/{question.pk}/").content.decode()
    assert "Staffing; they restart in January." in thread and "Answered" in thread
    assert question.history.count() == 2  # asked, then answered: both kept


def test_the_advisory_group_comments_and_corrects_but_cannot_answer(
    client, plans_demo, advisory_member
):
    item = plans_demo["plan"].items.first()
    client.force_login(advisory_member)
    question = ask(client, "planitem", item.pk, "Who owns this?")

    not_allowed = client.post(
        f"/admin/minimum_standards/question/{question.pk}/", {"kind": "answer", "text": "Me"}
    )
    corrected = client.post(
        f"/admin/minimum_standards/question/{question.pk}/",
        {"kind": "correction", "text": "I meant: who owns the second action?"},
    )

    assert "Select a valid choice" in not_allowed.content.decode()
    assert corrected.status_code == 302
    question.refresh_from_db()
    assert question.is_open and question.text == "Who owns this?"  # the words stay as written
    assert [r.kind for r in question.replies.all()] == ["correction"]
    plan = client.get(f"/admin/minimum_standards_plans/plan/{item.plan_id}/").content.decode()
    assert "Who owns this?" in plan and "I meant: who owns the second action?" in plan


def test_nobody_is_emailed_who_turned_the_emails_off(
    client, plans_demo, advisory_member, service_manager
):
    EmailChoice.objects.create(user=service_manager, question_emails=False)
    client.force_login(advisory_member)

    ask(client, "meeting", plans_demo["january"].pk, "Can we see the budget?")

    assert mail.outbox == []


def test_each_person_turns_the_emails_off_in_their_account(client, advisory_member):
    client.force_login(advisory_member)

    page = client.get("/admin/account/").content.decode()
    client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Alex",
            "name_email-last_name": "Member",
            "name_email-email": advisory_member.email,
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
            "tracker_emails-question_emails": "",
        },
    )

    assert "Email me about the Advisory Group" in page
    assert EmailChoice.objects.get(user=advisory_member).question_emails is False


def test_the_review_lists_questions_open_first_and_the_pack_has_them(
    client, january, advisory_member, service_manager
):
    manager = Client()
    manager.force_login(service_manager)
    client.force_login(advisory_member)
    answered = ask(client, "meeting", january.pk, "First question")
    manager.post(
        f"/admin/minimum_standards/question/{answered.pk}/", {"kind": "answer", "text": "Done"}
    )
    Question.objects.filter(pk=answered.pk).update(
        asked_at=datetime.datetime(2022, 12, 1, tzinfo=datetime.UTC)
    )
    still_open = ask(client, "meeting", january.pk, "Second question")
    Question.objects.filter(pk=still_open.pk).update(
        asked_at=datetime.datetime(2022, 12, 2, tzinfo=datetime.UTC)
    )

    html = client.get(f"{MEETING}/{january.pk}/review/").content.decode()
    pack = load_workbook(io.BytesIO(client.get(f"{MEETING}/{january.pk}/pack/").content))

    assert "Questions from the Advisory Group (2, 1 open)" in html
    assert html.index("Second question") < html.index("First question")  # open first
    rows = list(pack["Questions"].iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in rows] == ["Second question", "First question"]
    assert rows[0][4] == "open" and "Answer (" in rows[1][5]


def test_the_rating_editor_shows_the_ratings_open_questions(
    client, plans_demo, advisory_member, service_manager
):
    rating = plans_demo["draft"].ratings.get(standard__code="1.6")
    client.force_login(advisory_member)
    ask(client, "rating", rating.pk, "Is 1.6 really partial?")
    answered = ask(client, "rating", rating.pk, "Which schools?")
    client.force_login(service_manager)
    client.post(
        f"/admin/minimum_standards/question/{answered.pk}/", {"kind": "answer", "text": "All"}
    )

    editor = client.get(f"/admin/minimum_standards/rating/edit/{rating.pk}/").content.decode()

    assert "Open questions about this rating (1)" in editor
    assert "Is 1.6 really partial?" in editor and "Which schools?" not in editor


def test_a_question_in_the_pack_cannot_run_as_a_formula(client, january, advisory_member):
    client.force_login(advisory_member)
    question = ask(client, "meeting", january.pk, '=HYPERLINK("https://evil.example","Open")')
    Question.objects.filter(pk=question.pk).update(
        asked_at=datetime.datetime(2022, 12, 1, tzinfo=datetime.UTC)
    )

    pack = load_workbook(io.BytesIO(client.get(f"{MEETING}/{january.pk}/pack/").content))

    (row,) = pack["Questions"].iter_rows(min_row=2)
    assert row[3].value == '=HYPERLINK("https://evil.example","Open")'  # the words, as written
    assert all(cell.data_type != "f" for cell in row)  # text, never a formula


def test_reminders_say_how_many_questions_are_open(plans_demo, advisory_member):
    meeting = AdvisoryGroupMeeting.objects.order_by("-date").first()
    Question.objects.create(subject=meeting, asked_by=advisory_member, text="Still waiting")
    days = (meeting.date - datetime.date.today()).days

    call_command(
        "minimum_standards_send_review_reminders", "--days", str(days), stdout=io.StringIO()
    )

    assert "1 question raised since the last meeting is still open" in mail.outbox[0].body
    assert "Still waiting" not in mail.outbox[0].body


def decide(client, meeting, kind, data):
    return client.post(f"{MEETING}/{meeting.pk}/decision/{kind}/", data)


def test_an_agreed_action_becomes_a_plan_item_and_the_next_review_starts_with_it(
    client, plans_demo, service_manager
):
    october, january, plan = plans_demo["october"], plans_demo["january"], plans_demo["plan"]
    standard = plan.framework.sections.get(number="4").standards.get(code="4.2")
    client.force_login(service_manager)

    response = decide(
        client,
        october,
        "new-action",
        {
            "text": "Agreed: publish what changed after feedback.",
            "plan": plan.pk,
            "area_of_work": "Quality assurance",
            "standards": [standard.pk],
            "objective": "Publish a You said, we did page",
            "owners": "Manager",
            "owner_users": [],
            "timescale": "December 2022",
        },
    )

    assert response.status_code == 302
    decision = october.decisions.get()
    item = decision.plan_item
    assert item.plan == plan and list(item.standards.all()) == [standard]
    assert item.due_date == datetime.date(2022, 12, 31)
    review = client.get(f"{MEETING}/{january.pk}/review/").content.decode()
    agreed = review.split('id="agreed"', 1)[1].split("</section>", 1)[0]
    assert "Agreed: publish what changed after feedback." in agreed and "Not started" in agreed


def test_changing_and_closing_an_item_are_written_into_its_progress(
    client, plans_demo, service_manager
):
    october = plans_demo["october"]
    first, second = plans_demo["plan"].items.filter(status_meaning__in=OPEN_MEANINGS)[:2]
    client.force_login(service_manager)

    decide(client, october, "change-item", {"text": "Widen the survey", "plan_item": first.pk})
    decide(client, october, "close-item", {"text": "Done well", "plan_item": second.pk})

    assert first.updates.get(date=october.date).text == (
        "Advisory Group, 12 October 2022: Widen the survey"
    )
    second.refresh_from_db()
    assert second.status == "Complete"
    assert [d.kind for d in october.decisions.all()] == ["change-item", "close-item"]


def test_minutes_print_download_as_word_and_lock_once_approved(
    client, plans_demo, service_manager, advisory_member
):
    october, january = plans_demo["october"], plans_demo["january"]
    client.force_login(service_manager)
    record = f"{MEETING}/{october.pk}/record/"
    client.post(
        record,
        {
            "attendees": [service_manager.pk, advisory_member.pk],
            "guests": "A parent member",
            "apologies": "The SEND lead",
            "notes": "Budget discussed.\x0b Next steps agreed.",
            "version": october.version,
        },
    )
    decide(client, october, "other", {"text": "Meet termly from now on"})
    october.refresh_from_db()
    version = october.version  # a second tab, opened before the minutes are approved

    printed = client.get(f"{MEETING}/{october.pk}/minutes/").content.decode()
    word = client.get(f"{MEETING}/{october.pk}/minutes.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    approved = decide(
        client, january, "approve-minutes", {"text": "Approved", "minutes_of": october.pk}
    )
    refused = decide(client, october, "other", {"text": "Too late"})
    stale_form = {"guests": "", "apologies": "", "notes": "Changed after", "version": version}
    stale = client.post(record, stale_form, follow=True).content.decode()
    record_page = client.get(record).content.decode()

    assert "A parent member" in printed and "Meet termly from now on" in printed
    assert "Draft: for approval at the next meeting" in printed
    assert word["Content-Type"].endswith("wordprocessingml.document")
    assert "Meet termly from now on" in text and "The SEND lead" in text
    assert "Budget discussed.\ufffd Next steps agreed." in text  # never lost, never broken
    assert approved.status_code == 302
    october.refresh_from_db()
    assert october.is_locked and october.minutes_approved_at == january
    assert refused.status_code == 302 and october.decisions.count() == 1
    assert "Locked:" in record_page and 'name="notes"' not in record_page
    assert "its record is locked" in stale and october.notes != "Changed after"
    with pytest.raises(MeetingLocked):
        october.save()


def test_two_people_saving_one_meetings_record_cannot_overwrite_each_other(
    client, plans_demo, service_manager
):
    october = plans_demo["october"]
    client.force_login(service_manager)
    form = {"guests": "", "apologies": "", "notes": "", "version": october.version}

    first = client.post(f"{MEETING}/{october.pk}/record/", {**form, "notes": "First"})
    second = client.post(f"{MEETING}/{october.pk}/record/", {**form, "notes": "Second"})

    assert first.status_code == 302
    assert "Someone else saved this since you opened it" in second.content.decode()
    october.refresh_from_db()
    assert october.notes == "First"


def test_the_records_history_says_who_came_what_changed_and_what_was_decided(
    client, plans_demo, service_manager, advisory_member
):
    october, january = plans_demo["october"], plans_demo["january"]
    client.force_login(service_manager)
    record = f"{MEETING}/{october.pk}/record/"
    form = {"guests": "", "apologies": "", "notes": "First notes", "version": october.version}
    client.post(record, {**form, "attendees": [advisory_member.pk]})
    october.refresh_from_db()
    client.post(record, {**form, "notes": "Better notes", "version": october.version})
    decide(client, october, "other", {"text": "Meet termly"})
    decide(client, january, "approve-minutes", {"text": "Approved", "minutes_of": october.pk})
    client.force_login(advisory_member)

    history = client.get(f"{MEETING}/{october.pk}/history/").content.decode()

    member = advisory_member.get_full_name() or advisory_member.get_username()
    assert "Attended" in history and member in history
    assert "First notes" in history and "Better notes" in history  # from, to
    assert "Decision: Another decision" in history and "Meet termly" in history
    assert "Minutes approved at" in history and str(january) in history


def test_evidence_due_for_review_is_flagged_and_listed(client, plans_demo, advisory_member):
    from wagtail_minimum_standards.compliance.models import EvidenceLink

    draft = plans_demo["draft"]
    rating = draft.ratings.get(standard__code="1.1")
    EvidenceLink.objects.create(
        rating=rating,
        title="Old SLA",
        url="https://example.org/",
        review_by=datetime.date(2020, 1, 1),
    )
    client.force_login(advisory_member)

    report = client.get(f"/admin/minimum_standards/assessment/{draft.pk}/").content.decode()
    review = client.get(f"{MEETING}/{plans_demo['january'].pk}/review/").content.decode()
    pack = load_workbook(
        io.BytesIO(client.get(f"{MEETING}/{plans_demo['january'].pk}/pack/").content)
    )

    assert "Review was due 1 Jan 2020" in report
    evidence = review.split('id="evidence"', 1)[1].split("</section>", 1)[0]
    assert "Old SLA" in evidence
    assert "Old SLA" in [
        row[3] for row in pack["Evidence due for review"].iter_rows(values_only=True)
    ]


def test_the_demo_holds_one_meeting_cycle(client, db):
    call_command("load_demo", stdout=io.StringIO())
    october = AdvisoryGroupMeeting.objects.get(date=datetime.date(2022, 10, 12))
    january = AdvisoryGroupMeeting.objects.get(date=datetime.date(2023, 1, 18))
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="advisor"))

    review = client.get(f"{MEETING}/{january.pk}/review/").content.decode()

    assert sorted(october.decisions.values_list("kind", flat=True)) == [
        "change-item",
        "new-action",
        "ratify",
    ]
    assert october.is_locked and january.decisions.get().kind == Decision.Kind.APPROVE_MINUTES
    assert "Questions from the Advisory Group (3, 1 open)" in review
    assert "Agreed at the last meeting (1)" in review
    assert "Evidence due for review (2)" in review
    assert re.search(r"Publish a “You said, we did” page", review)


def review_and_pack_queries(client, meeting) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(f"{MEETING}/{meeting.pk}/review/")  # per-process caches filled
    with CaptureQueriesContext(connection) as review:
        client.get(f"{MEETING}/{meeting.pk}/review/")
    with CaptureQueriesContext(connection) as pack:
        client.get(f"{MEETING}/{meeting.pk}/pack/")
    return len(review), len(pack)


def test_review_and_pack_queries_do_not_grow_with_questions(
    client, plans_demo, advisory_member, service_manager
):
    from wagtail_minimum_standards.compliance.models import EvidenceLink, Reply

    january, october = plans_demo["january"], plans_demo["october"]
    rating = plans_demo["draft"].ratings.get(standard__code="1.1")
    items = list(plans_demo["plan"].items.all())
    client.force_login(advisory_member)

    def add(n):
        for k in range(n):
            for subject in (rating, items[k % len(items)], january):
                question = Question.objects.create(
                    subject=subject, asked_by=advisory_member, text=f"Q{k}",
                    asked_at=datetime.datetime(2022, 12, 1, tzinfo=datetime.UTC),
                )  # fmt: skip
                Reply.objects.create(question=question, written_by=service_manager, text="A")
            Decision.objects.create(
                meeting=october, kind="new-action", text=f"D{k}", plan_item=items[k % len(items)]
            )
            EvidenceLink.objects.create(
                rating=rating, title=f"E{k}", url="https://example.org/",
                review_by=datetime.date(2023, 2, 1),
            )  # fmt: skip

    add(1)
    few = review_and_pack_queries(client, january)
    add(30)
    many = review_and_pack_queries(client, january)

    assert many == few


def test_a_meetings_date_stays_once_it_decided_and_a_locked_meeting_is_not_edited(
    client, plans_demo, service_manager
):
    october, january = plans_demo["october"], plans_demo["january"]
    client.force_login(service_manager)
    decide(client, january, "approve-minutes", {"text": "Approved", "minutes_of": october.pk})
    edit = "/admin/minimum_standards/advisorygroupmeeting/edit/{}/"

    locked = client.post(edit.format(october.pk), {"date": "2022-10-12", "title": "Renamed"})
    moved = client.post(edit.format(january.pk), {"date": "2022-01-01", "title": "January"})
    renamed = client.post(edit.format(january.pk), {"date": "2023-01-18", "title": "Winter"})

    assert locked.status_code == 302 and locked["Location"] == f"{MEETING}/{october.pk}/record/"
    assert "Decisions were recorded at this meeting" in moved.content.decode()
    assert renamed.status_code == 302
    october.refresh_from_db()
    january.refresh_from_db()
    assert october.title != "Renamed"
    assert (january.date, january.title) == (datetime.date(2023, 1, 18), "Winter")


def test_someone_who_has_left_keeps_their_place_in_a_record(
    client, plans_demo, service_manager, advisory_member
):
    january = plans_demo["january"]
    january.attendees.add(advisory_member)
    advisory_member.is_active = False
    advisory_member.save()
    client.force_login(service_manager)
    january.refresh_from_db()
    form = {"guests": "", "apologies": "", "notes": "Typo fixed", "version": january.version}

    page = client.get(f"{MEETING}/{january.pk}/record/").content.decode()
    saved = client.post(
        f"{MEETING}/{january.pk}/record/", {**form, "attendees": [advisory_member.pk]}
    )

    assert f'value="{advisory_member.pk}"' in page
    assert saved.status_code == 302
    assert list(january.attendees.all()) == [advisory_member]


def test_minutes_are_approved_and_a_self_assessment_ratified_once_even_from_a_stale_copy(
    plans_demo, service_manager
):
    october, january = plans_demo["october"], plans_demo["january"]
    april = AdvisoryGroupMeeting.objects.get(date="2023-04-19")
    stale_october = AdvisoryGroupMeeting.objects.get(pk=october.pk)
    draft = plans_demo["draft"]
    stale_draft = SelfAssessment.objects.get(pk=draft.pk)

    meeting_record.decide(
        january, Decision.Kind.APPROVE_MINUTES, "Approved", service_manager, minutes_of=october
    )
    with pytest.raises(MeetingLocked):
        meeting_record.decide(
            april, "approve-minutes", "Again", service_manager, minutes_of=stale_october
        )
    draft.ratify(april, april.date)
    with pytest.raises(AssessmentLocked):
        stale_draft.ratify(january, january.date)

    october.refresh_from_db()
    draft.refresh_from_db()
    assert october.minutes_approved_at == january and april.decisions.count() == 0
    assert draft.ratified_at == april

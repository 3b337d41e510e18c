"""Decisions write only what they decide. Ratifying, approving minutes, unlocking, changing or
closing a plan item and moving an item on with a progress update are each taken on the record
as stored (its row locked), write only their own fields, and are refused with a message if the
record changed after their form was drawn: someone else's edit made in between is never lost.

Each decision: its form is drawn (GET), someone else changes the record, then the decision is
sent: refused, their change kept. And with nothing in between: it applies, changing only its
own fields, and the history records it with the record's other fields as they are."""

import datetime
import html
import re
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, SelfAssessment
from wagtail_minimum_standards.compliance.roles import RUN
from wagtail_minimum_standards.plans.models import Decision, PlanItem

from .conftest import user_with

REFUSED = "changed after you opened this form (Second). Nothing was decided"


@pytest.fixture
def other(db):
    """Someone else running the tracker, in a browser of their own."""
    browser = Client()
    browser.force_login(user_with(RUN, "second"))
    return browser


def drawn(client, url) -> dict:
    """The hidden fields of the form at `url`, as drawn for the person at `client`."""
    page = client.get(url)
    assert page.status_code == 200, url
    found = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.content.decode())
    return {name: html.unescape(value) for name, value in found if name != "csrfmiddlewaretoken"}


def decision_url(meeting, kind) -> str:
    return reverse("minimum_standards_plans_meeting_decision", args=[meeting.pk, kind])


def retitle(browser, assessment, title):
    """Someone else renames a self-assessment in its edit form."""
    edit = reverse("minimum_standards_selfassessment_modeladmin_edit", args=[assessment.pk])
    saved = browser.post(
        edit,
        {"title": title, "assessed_on": "2024-08-31", "version": drawn(browser, edit)["version"]},
    )
    assert saved.status_code == 302, saved.content.decode()[:500]


def latest_history(record):
    return record.history.select_related("history_user").first()


# Ratifying


def test_a_ratification_is_refused_if_the_self_assessment_changed_after_the_form_was_drawn(
    client, manager, other, assessment, meetings
):
    winter = meetings[1]
    client.force_login(manager)
    url = decision_url(winter, "ratify") + f"?assessment={assessment.pk}"
    form = drawn(client, url)

    retitle(other, assessment, "Self-assessment 2024 (final)")
    refused = client.post(url, {**form, "assessment": assessment.pk, "text": "Ratified."})

    assert refused.status_code == 200 and REFUSED in html.unescape(refused.content.decode())
    assessment.refresh_from_db()
    assert assessment.title == "Self-assessment 2024 (final)"  # their edit, kept
    assert not assessment.is_locked and not Decision.objects.exists()


def test_a_ratification_is_refused_if_a_rating_changed_after_the_form_was_drawn(
    client, manager, other, assessment, meetings, without_quality_checks
):
    """The Advisory Group ratifies the ratings it saw: one changed meanwhile (here rated
    compliant in the admin by someone else) moves the self-assessment's version on."""
    winter = meetings[1]
    client.force_login(manager)
    url = decision_url(winter, "ratify") + f"?assessment={assessment.pk}"
    form = drawn(client, url)
    rating = assessment.ratings.get(standard__code="1.3")
    edit = reverse("minimum_standards_rating_modeladmin_edit", args=[rating.pk])
    rated = other.post(
        edit,
        nested_form_data(
            {
                "level": assessment.framework.levels.get(code="C").pk,
                "evidence_notes": "Answerphone checked weekly.",
                "public_summary": "",
                "next_steps": "",
                "version": drawn(other, edit)["version"],
                "evidence_links": inline_formset([]),
            }
        ),
    )
    assert rated.status_code == 302

    refused = client.post(url, {**form, "assessment": assessment.pk, "text": "Ratified."})

    assert refused.status_code == 200 and "changed after you opened this form" in html.unescape(
        refused.content.decode()
    )
    assessment.refresh_from_db()
    assert not assessment.is_locked and not Decision.objects.exists()
    rating.refresh_from_db()
    assert rating.level.code == "C"  # their rating, kept
    again = client.post(
        url, {**drawn(client, url), "assessment": assessment.pk, "text": "Ratified."}
    )  # drawn afresh, it goes through
    assert again.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_locked


def test_a_ratification_changes_only_the_status_and_where_and_when(
    client, manager, assessment, meetings, without_quality_checks
):
    winter = meetings[1]
    client.force_login(manager)
    url = decision_url(winter, "ratify") + f"?assessment={assessment.pk}"
    form = drawn(client, url)
    before = SelfAssessment.objects.values().get(pk=assessment.pk)

    ratified = client.post(url, {**form, "assessment": assessment.pk, "text": "Ratified."})

    assert ratified.status_code == 302
    after = SelfAssessment.objects.values().get(pk=assessment.pk)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"status", "ratified_at_id", "ratified_on", "version"}
    assert (after["status"], after["ratified_at_id"]) == ("ratified", winter.pk)
    last = latest_history(assessment)
    assert last.history_change_reason == f"Ratified at {winter}" and last.history_user == manager
    assert last.title == before["title"] and winter.decisions.get().assessment_id == assessment.pk


def test_a_ratification_from_a_stale_copy_keeps_what_was_saved_since(assessment, meetings):
    """The copy a decision was given is not written back: what was saved since it was read
    (here by a script, which bumps no version) stays."""
    stale = SelfAssessment.objects.get(pk=assessment.pk)
    SelfAssessment.objects.filter(pk=assessment.pk).update(title="Renamed meanwhile")

    stale.ratify(meetings[0], meetings[0].date)

    assessment.refresh_from_db()
    assert assessment.title == "Renamed meanwhile" and assessment.is_locked
    assert stale.title == "Renamed meanwhile"  # the caller's copy is the stored record now


# Unlocking


def test_an_unlock_is_refused_if_someone_else_unlocked_it_first(
    client, manager, other, assessment, meetings
):
    assessment.ratify(meetings[0], meetings[0].date)
    client.force_login(manager)
    url = reverse("minimum_standards_assessment_unlock", args=[assessment.pk])
    form = drawn(client, url)

    theirs = other.post(url, {**drawn(other, url), "reason": "Their reason"})
    retitle(other, assessment, "Self-assessment 2024, corrected")
    refused = client.post(url, {**form, "reason": "My reason"})

    assert theirs.status_code == 302
    assert refused.status_code == 200 and REFUSED in html.unescape(refused.content.decode())
    reasons = list(assessment.history.values_list("history_change_reason", flat=True))
    assert "Unlocked: Their reason" in reasons and "Unlocked: My reason" not in reasons
    assessment.refresh_from_db()
    assert assessment.title == "Self-assessment 2024, corrected"


def test_an_unlock_changes_only_the_status(client, manager, assessment, meetings):
    assessment.ratify(meetings[0], meetings[0].date)
    client.force_login(manager)
    url = reverse("minimum_standards_assessment_unlock", args=[assessment.pk])
    form = drawn(client, url)
    before = SelfAssessment.objects.values().get(pk=assessment.pk)

    unlocked = client.post(url, {**form, "reason": "Correct 1.3"})

    assert unlocked.status_code == 302
    after = SelfAssessment.objects.values().get(pk=assessment.pk)
    assert {name for name in after if after[name] != before[name]} == {"status", "version"}
    assert after["ratified_at_id"] == meetings[0].pk  # where it was ratified stays on record
    last = latest_history(assessment)
    assert last.history_change_reason == "Unlocked: Correct 1.3" and last.history_user == manager


def test_unlocking_what_is_not_locked_is_refused_with_a_message(client, manager, assessment):
    client.force_login(manager)
    url = reverse("minimum_standards_assessment_unlock", args=[assessment.pk])

    refused = client.post(url, {**drawn(client, url), "reason": "Why not"})

    assert "is not ratified: there is nothing to unlock" in html.unescape(refused.content.decode())
    assert SelfAssessment.objects.get(pk=assessment.pk).status == "draft"


def test_an_unlock_from_a_stale_copy_keeps_what_was_saved_since(assessment, meetings):
    assessment.ratify(meetings[0], meetings[0].date)
    stale = SelfAssessment.objects.get(pk=assessment.pk)
    SelfAssessment.objects.filter(pk=assessment.pk).update(title="Renamed meanwhile")

    stale.unlock("Correct 1.3")

    assessment.refresh_from_db()
    assert assessment.title == "Renamed meanwhile" and assessment.status == "in-review"


# Approving minutes


def save_record(browser, meeting, notes):
    """Someone else saves a meeting's record (who came, apologies, notes)."""
    record = reverse("minimum_standards_plans_meeting_record", args=[meeting.pk])
    form = drawn(browser, record)
    saved = browser.post(record, {**form, "guests": "", "apologies": "", "notes": notes})
    assert saved.status_code == 302, saved.content.decode()[:500]


def test_approving_minutes_is_refused_if_the_record_changed_after_the_form_was_drawn(
    client, manager, other, meetings
):
    autumn, winter = meetings
    client.force_login(manager)
    url = decision_url(winter, "approve-minutes")
    form = drawn(client, url)

    save_record(other, autumn, "Apologies from the chair added late.")
    refused = client.post(url, {**form, "minutes_of": autumn.pk, "text": "Approved."})

    assert refused.status_code == 200 and REFUSED in html.unescape(refused.content.decode())
    autumn.refresh_from_db()
    assert autumn.notes == "Apologies from the chair added late." and not autumn.is_locked
    assert not winter.decisions.exists()


def test_approving_minutes_changes_only_when_they_were_approved(client, manager, meetings):
    autumn, winter = meetings
    AdvisoryGroupMeeting.objects.filter(pk=autumn.pk).update(notes="Budget discussed.")
    client.force_login(manager)
    url = decision_url(winter, "approve-minutes")
    form = drawn(client, url)
    before = AdvisoryGroupMeeting.objects.values().get(pk=autumn.pk)

    approved = client.post(url, {**form, "minutes_of": autumn.pk, "text": "Approved."})

    assert approved.status_code == 302
    after = AdvisoryGroupMeeting.objects.values().get(pk=autumn.pk)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"minutes_approved_at_id", "version"}
    last = latest_history(autumn)
    assert last.history_change_reason == f"Minutes approved at {winter}"
    assert last.notes == "Budget discussed." and last.history_user == manager


def test_minutes_approved_from_a_stale_copy_keep_the_notes_saved_since(meetings, manager):
    autumn, winter = meetings
    stale = AdvisoryGroupMeeting.objects.get(pk=autumn.pk)
    AdvisoryGroupMeeting.objects.filter(pk=autumn.pk).update(notes="Saved meanwhile")

    stale.approve_minutes(at=winter)

    autumn.refresh_from_db()
    assert autumn.notes == "Saved meanwhile" and autumn.minutes_approved_at == winter


def test_a_meetings_edit_form_opened_before_its_record_was_saved_is_refused(
    client, manager, other, meetings
):
    """Saving the record, approving the minutes and editing the meeting each bump its version:
    a form opened before any of them cannot write over it."""
    winter = meetings[1]
    client.force_login(manager)
    edit = reverse("minimum_standards_advisorygroupmeeting_modeladmin_edit", args=[winter.pk])
    form = drawn(client, edit)

    save_record(other, winter, "Notes of the winter meeting.")
    stale = client.post(edit, {**form, "date": "2025-01-15", "title": "Winter, renamed"})

    assert "Someone else saved this since you opened it (Second)" in html.unescape(
        stale.content.decode()
    )
    winter.refresh_from_db()
    assert winter.title == "Winter" and winter.notes == "Notes of the winter meeting."


# Changing and closing a plan item, and moving it on with a progress update


def edit_item(browser, item, **changes):
    """Someone else edits a plan item in its edit form."""
    edit = reverse("minimum_standards_plans_planitem_modeladmin_edit", args=[item.pk])
    version = drawn(browser, edit)["version"]
    data = {
        "plan": item.plan_id,
        "position": item.position,
        "area_of_work": item.area_of_work,
        "standards": [s.pk for s in item.standards.all()],
        "objective": item.objective,
        "actions": inline_formset(
            [
                {"id": a.pk, "number": a.number, "text": a.text, "done_on": ""}
                for a in item.actions.all()
            ],
            initial=item.actions.count(),
        ),
        "outcomes": inline_formset([], initial=0),
        "owners": item.owners,
        "owner_users": [],
        "timescale": item.timescale,
        "due_date": item.due_date.isoformat() if item.due_date else "",
        "completion_notes": item.completion_notes,
        "status": item.status,
        "version": version,
        **changes,
    }
    saved = browser.post(edit, nested_form_data(data))
    assert saved.status_code == 302, saved.content.decode()[:500]


@pytest.mark.parametrize("kind", ["close-item", "change-item"])
def test_a_decision_on_a_plan_item_is_refused_if_the_item_changed_after_the_form_was_drawn(
    client, manager, other, plan, meetings, kind
):
    item, winter = plan.items.get(), meetings[1]
    client.force_login(manager)
    url = decision_url(winter, kind)
    form = drawn(client, url)

    edit_item(other, item, owners="Service manager and the forum's chair")
    refused = client.post(url, {**form, "plan_item": item.pk, "text": "Done well."})

    assert refused.status_code == 200 and REFUSED in html.unescape(refused.content.decode())
    item.refresh_from_db()
    assert item.owners == "Service manager and the forum's chair" and item.status == "On track"
    assert not item.updates.exists() and not winter.decisions.exists()


def test_closing_an_item_changes_only_its_status(client, manager, plan, meetings):
    item, winter = plan.items.get(), meetings[1]
    client.force_login(manager)
    url = decision_url(winter, "close-item")
    form = drawn(client, url)
    before = PlanItem.objects.values().get(pk=item.pk)

    closed = client.post(url, {**form, "plan_item": item.pk, "text": "Done well."})

    assert closed.status_code == 302
    after = PlanItem.objects.values().get(pk=item.pk)
    assert {name for name in after if after[name] != before[name]} == {
        "status",
        "status_meaning",
        "version",
    }
    assert after["status"] == "Complete"
    assert latest_history(item).owners == before["owners"]
    assert item.updates.get().text == "Advisory Group, 15 January 2025: Done well."


def test_a_new_status_from_a_progress_update_is_refused_if_the_item_changed(
    client, manager, other, plan
):
    item = plan.items.get()
    client.force_login(manager)
    url = reverse("minimum_standards_plans_item_update", args=[item.pk])
    form = {**drawn(client, url), "date": "2025-02-01", "text": "Forum agreed"}

    edit_item(other, item, status="At risk", owners="The forum")
    refused = client.post(url, {**form, "new_status": "Complete"})
    noted = client.post(url, {**form, "new_status": ""})  # a note alone writes nothing of it

    assert refused.status_code == 200 and REFUSED in html.unescape(refused.content.decode())
    assert noted.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.owners) == ("At risk", "The forum")
    assert [update.new_status for update in item.updates.all()] == [""]


def test_a_progress_update_moves_the_item_on_changing_only_its_status(client, manager, plan):
    item = plan.items.get()
    client.force_login(manager)
    url = reverse("minimum_standards_plans_item_update", args=[item.pk])
    form = drawn(client, url)
    before = PlanItem.objects.values().get(pk=item.pk)

    moved = client.post(
        url, {**form, "date": "2025-02-01", "text": "Two recruited", "new_status": "Complete"}
    )

    assert moved.status_code == 302
    after = PlanItem.objects.values().get(pk=item.pk)
    assert {name for name in after if after[name] != before[name]} == {
        "status",
        "status_meaning",
        "version",
    }


# An edit while a decision holds the row


def test_an_edit_opened_before_a_ratification_and_an_unlock_is_refused(
    client, manager, other, assessment, meetings
):
    client.force_login(manager)
    edit = reverse("minimum_standards_selfassessment_modeladmin_edit", args=[assessment.pk])
    form = drawn(client, edit)

    assessment.ratify(meetings[0], meetings[0].date)
    assessment.unlock("Correct 1.3")
    stale = client.post(edit, {**form, "title": "Renamed", "assessed_on": "2024-08-31"})

    assert "Someone else saved this since you opened it" in html.unescape(stale.content.decode())
    assessment.refresh_from_db()
    assert assessment.title == "Self-assessment 2024" and assessment.status == "in-review"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_made_while_a_ratification_holds_the_row_waits_and_both_are_kept(
    framework, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite locks the whole database)")
    from wagtail_minimum_standards.compliance.models import assessments

    meeting = AdvisoryGroupMeeting.objects.create(date=datetime.date(2024, 10, 9), title="Autumn")
    assessment = SelfAssessment.objects.create(
        framework=framework, title="Self-assessment 2024", assessed_on=datetime.date(2024, 8, 31)
    )
    holding, release = threading.Event(), threading.Event()
    real_write = assessments.write

    def write_when_released(stored, values, reason):
        holding.set()  # the row is locked: the decision is being taken
        assert release.wait(10)
        return real_write(stored, values, reason)

    monkeypatch.setattr(assessments, "write", write_when_released)
    failures = []

    def in_thread(work):
        def run():
            try:
                work()
            except Exception as error:  # noqa: BLE001 (reported by the test)
                failures.append(error)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    deciding = in_thread(
        lambda: SelfAssessment.objects.get(pk=assessment.pk).ratify(meeting, meeting.date)
    )
    assert holding.wait(10)

    def rename():
        with transaction.atomic():
            SelfAssessment.objects.filter(pk=assessment.pk).update(title="Renamed meanwhile")

    editing = in_thread(rename)
    editing.join(0.5)
    waited = editing.is_alive()  # the edit waits for the decision's row lock
    release.set()
    deciding.join(10)
    editing.join(10)

    assert not failures and waited
    assessment.refresh_from_db()
    assert assessment.is_locked and assessment.ratified_at == meeting  # the decision
    assert assessment.title == "Renamed meanwhile"  # and the edit: neither lost

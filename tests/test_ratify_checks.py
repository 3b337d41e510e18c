"""The quality checks on the decision to ratify (issue 23): a blocker refuses it, and nothing
changes; warnings need the Advisory Group's reason, which is kept with them on the decision,
in the self-assessment's history and in the minutes, printed and in Word. A service that turns
a check off is no longer stopped by it."""

import datetime
import io
import re

import docx
import pytest

from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting, SelfAssessment
from wagtail_minimum_standards.compliance.quality_checks import all_checks
from wagtail_minimum_standards.plans.models import Decision

from .factories import ServiceManagerFactory

REASON = "The website checks fail only on the test server; the live site was checked in May."
MEETING = "/admin/minimum_standards_plans/meeting"


@pytest.fixture
def meeting(compliance_demo):
    return AdvisoryGroupMeeting.objects.create(date=datetime.date(2030, 1, 15), title="Winter")


@pytest.fixture
def manager(client):
    user = ServiceManagerFactory()
    client.force_login(user)
    return user


def ratify_url(meeting, assessment) -> str:
    return f"{MEETING}/{meeting.pk}/decision/ratify/?assessment={assessment.pk}"


def with_evidence_for_every_met_rating(assessment):
    """Put the draft's blockers right: each rating of met with no evidence gets its notes."""
    assessment.ratings.filter(
        level__counts_as_met=True, evidence_notes="", evidence_links__isnull=True
    ).update(evidence_notes="Case files sampled by the manager.")


def ratify(client, meeting, assessment, **more):
    return client.post(
        ratify_url(meeting, assessment),
        {"assessment": assessment.pk, "text": "Ratified.", "ratify_carried_over": "on", **more},
    )


def page_text(response) -> str:
    return page_text_of(response.content.decode())


def test_the_form_lists_the_blockers_with_their_fix_links(
    client, compliance_demo, meeting, manager
):
    draft = compliance_demo["draft"]
    rating = draft.ratings.get(standard__code="1.3")

    form = client.get(ratify_url(meeting, draft))
    start = client.get(f"/admin/minimum_standards_plans/assessment/{draft.pk}/ratify/")

    for response in (form, start):
        html, text = response.content.decode(), page_text(response)
        assert "This self-assessment cannot be ratified until these are put right." in text
        assert "1.3 : Rated C, with no evidence notes" in text
        assert f'href="/admin/minimum_standards/rating/edit/{rating.pk}/"' in html
        assert "Edit the rating of 1.3" in text
    assert 'name="acknowledgement"' in form.content.decode()  # the draft has warnings too


def test_a_blocker_refuses_the_ratification_and_nothing_changes(
    client, compliance_demo, meeting, manager
):
    draft = compliance_demo["draft"]

    response = ratify(client, meeting, draft, acknowledgement=REASON)

    assert response.status_code == 200
    text = page_text(response)
    assert "cannot be ratified until these are put right: 1.3: Met, but no evidence;" in text
    draft.refresh_from_db()
    assert draft.status != SelfAssessment.Status.RATIFIED and draft.ratified_at is None
    assert not Decision.objects.exists()


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_warnings_without_a_reason_are_refused(client, compliance_demo, meeting, manager, reason):
    draft = compliance_demo["draft"]
    with_evidence_for_every_met_rating(draft)

    response = ratify(client, meeting, draft, acknowledgement=reason)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Say why the Advisory Group ratifies despite the quality checks" in html
    field = re.search(r"<textarea[^>]*name=\"acknowledgement\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in field and "id_acknowledgement-errors" in field
    assert 'id="id_acknowledgement-errors"' in html
    draft.refresh_from_db()
    assert not draft.is_locked and not Decision.objects.exists()


def test_with_a_reason_it_is_ratified_and_the_reason_is_kept(
    client, compliance_demo, meeting, manager
):
    draft = compliance_demo["draft"]
    with_evidence_for_every_met_rating(draft)

    response = ratify(client, meeting, draft, acknowledgement=f"  {REASON}  ")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_locked and draft.ratified_at == meeting
    decision = Decision.objects.get(assessment=draft)
    assert decision.acknowledgement == REASON
    lines = decision.acknowledged_checks.splitlines()
    assert "Warning, 4.1: No public summary: the public page shows the rating alone." in lines
    assert all(line.startswith("Warning, ") for line in lines)

    history = page_text(client.get(f"/admin/minimum_standards/assessment/{draft.pk}/history/"))
    assert "Ratified at Winter (15 January 2030). Warnings acknowledged:" in history
    assert f"Why: {REASON}" in history

    record = page_text(client.get(f"{MEETING}/{meeting.pk}/record/"))
    assert f"Ratified despite {len(lines)} quality check warnings" in record
    assert f"Why: {REASON}" in record

    minutes = page_text(client.get(f"{MEETING}/{meeting.pk}/minutes/"))
    assert "Ratified despite the quality checks' warnings:" in minutes
    assert "Warning, 4.1: No public summary" in minutes and f"Why: {REASON}" in minutes

    word = client.get(f"{MEETING}/{meeting.pk}/minutes.docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert "Ratified despite the quality checks' warnings:" in paragraphs
    assert "Warning, 4.1: No public summary: the public page shows the rating alone." in paragraphs
    assert f"Why: {REASON}" in paragraphs


def test_a_check_turned_off_no_longer_blocks(client, compliance_demo, meeting, manager, settings):
    settings.MINIMUM_STANDARDS_QUALITY_CHECKS = {"met-without-evidence": "off"}
    draft = compliance_demo["draft"]

    form = page_text(client.get(ratify_url(meeting, draft)))
    response = ratify(client, meeting, draft, acknowledgement=REASON)

    assert "cannot be ratified" not in form and "Met, but no evidence" not in form
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_locked


def test_without_warnings_no_reason_is_asked(client, compliance_demo, meeting, manager, settings):
    settings.MINIMUM_STANDARDS_QUALITY_CHECKS = dict.fromkeys(
        (check.id for check in all_checks()), "note"
    )  # every check a note: shown on the report, asking nothing
    draft = compliance_demo["draft"]

    form = client.get(ratify_url(meeting, draft)).content.decode()
    response = ratify(client, meeting, draft)

    assert 'name="acknowledgement"' not in form
    assert "The quality checks find no blockers and no warnings." in page_text_of(form)
    assert response.status_code == 302
    decision = Decision.objects.get(assessment=compliance_demo["draft"])
    assert decision.acknowledged_checks == "" and decision.acknowledgement == ""
    minutes = page_text(client.get(f"{MEETING}/{meeting.pk}/minutes/"))
    assert "quality checks' warnings" not in minutes


def page_text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

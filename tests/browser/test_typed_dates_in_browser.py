"""Dates typed on the keyboard (never the picker) into every date field of the admin and the
tracker are saved as typed and shown as 30/06/2027.

Wagtail's date picker used to put today's date in place of 30/06/2027 when the field lost
focus (its format was 2027-06-30): these tests type, leave the field with Tab, and submit.
"""

import datetime
import io

import pytest
from wagtail.models import Page

from home.models.information import InformationPage
from home.models.news import NewsArticlePage
from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    EvidenceLink,
    SelfAssessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.assessments import export_assessment
from wagtail_minimum_standards.plans.models import DeliveryPlan, PlanAction, ProgressUpdate

pytestmark = pytest.mark.browser

DAY = datetime.date(2027, 6, 30)


def type_date(page, selector: str, text: str) -> None:
    """Click into the field, replace what is there by typing, and leave it with Tab."""
    field = page.locator(selector)
    field.click()
    field.press("ControlOrMeta+a")
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert field.input_value() == text  # the picker left it as typed


def submit(page, button: str) -> None:
    """Submit with the keyboard: focus the button and press Enter (a picker left open by the
    last field may cover it, as it would for a person using the mouse)."""
    page.get_by_role("button", name=button, exact=True).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_typed_dates_are_saved_and_shown_in_the_tracker(person, demo_server):
    page = person("manager")
    admin = demo_server + "/admin"

    page.goto(f"{admin}/minimum_standards/advisorygroupmeeting/create/")
    type_date(page, "#id_date", "30/06/2027")
    page.locator("#id_title").fill("Summer meeting")
    submit(page, "Save")
    meeting = AdvisoryGroupMeeting.objects.get(title="Summer meeting")
    assert meeting.date == DAY
    page.goto(f"{admin}/minimum_standards/advisorygroupmeeting/edit/{meeting.pk}/")
    assert page.locator("#id_date").input_value() == "30/06/2027"

    draft = SelfAssessment.objects.get(status="draft")
    page.goto(f"{admin}/minimum_standards/selfassessment/edit/{draft.pk}/")
    type_date(page, "#id_assessed_on", "30/6/2027")
    submit(page, "Save")
    draft.refresh_from_db()
    assert draft.assessed_on == DAY
    page.goto(f"{admin}/minimum_standards/selfassessment/edit/{draft.pk}/")
    assert page.locator("#id_assessed_on").input_value() == "30/06/2027"

    plan = DeliveryPlan.objects.get(title__startswith="SPS")
    page.goto(f"{admin}/minimum_standards_plans/deliveryplan/edit/{plan.pk}/")
    type_date(page, "#id_period_start", "30 June 2027")
    type_date(page, "#id_period_end", "31 Mar 2028")
    submit(page, "Save")
    plan.refresh_from_db()
    assert (plan.period_start, plan.period_end) == (DAY, datetime.date(2028, 3, 31))
    page.goto(f"{admin}/minimum_standards_plans/deliveryplan/edit/{plan.pk}/")
    assert page.locator("#id_period_start").input_value() == "30/06/2027"
    assert page.locator("#id_period_end").input_value() == "31/03/2028"

    action = PlanAction.objects.filter(item__plan=plan).order_by("item", "pk").first()
    item = action.item
    page.goto(f"{admin}/minimum_standards_plans/planitem/edit/{item.pk}/")
    type_date(page, "#id_due_date", "2027-06-30")
    type_date(page, "#id_actions-0-done_on", "30 Jun 2027")
    submit(page, "Save")
    item.refresh_from_db()
    action.refresh_from_db()
    assert (item.due_date, action.done_on) == (DAY, DAY)
    page.goto(f"{admin}/minimum_standards_plans/planitem/edit/{item.pk}/")
    assert page.locator("#id_due_date").input_value() == "30/06/2027"
    assert page.locator("#id_actions-0-done_on").input_value() == "30/06/2027"

    page.goto(f"{admin}/minimum_standards_plans/item/{item.pk}/progress/")
    type_date(page, "#id_date", "30/06/2027")
    page.locator("#id_text").fill("Typed on the keyboard")
    submit(page, "Record progress")
    assert ProgressUpdate.objects.get(text="Typed on the keyboard").date == DAY

    link = EvidenceLink.objects.filter(rating__assessment=draft).order_by("pk").first()
    rating = link.rating
    position = list(rating.evidence_links.order_by("sort_order", "pk")).index(link)
    review_by = f"#id_evidence_links-{position}-review_by"
    page.goto(f"{admin}/minimum_standards/rating/edit/{rating.pk}/")
    type_date(page, review_by, "30/06/2027")
    submit(page, "Save")
    link.refresh_from_db()
    assert link.review_by == DAY
    page.goto(f"{admin}/minimum_standards/rating/edit/{rating.pk}/")
    assert page.locator(review_by).input_value() == "30/06/2027"

    ratified = SelfAssessment.objects.filter(status="ratified").first()
    page.goto(f"{admin}/minimum_standards/assessment/{ratified.pk}/next/")
    assert page.locator("#id_assessed_on").input_value() == datetime.date.today().strftime(
        "%d/%m/%Y"
    )
    page.locator("#id_title").fill("Typed next year")
    type_date(page, "#id_assessed_on", "30 June 2027")
    submit(page, "Start the next self-assessment")
    assert SelfAssessment.objects.get(title="Typed next year").assessed_on == DAY

    workbook = io.BytesIO()
    export_assessment(draft).save(workbook)
    page.goto(f"{admin}/minimum_standards/assessment/import/")
    page.locator("#id_framework").select_option(str(draft.framework_id))
    page.locator("#id_title").fill("Typed import")
    type_date(page, "#id_assessed_on", "30 Jun 2027")
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "typed.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": workbook.getvalue(),
            }
        ]  # fmt: skip
    )
    submit(page, "Import a self-assessment")
    assert SelfAssessment.objects.get(title="Typed import").assessed_on == DAY

    assert page.problems.messages == []


def test_a_date_that_cannot_be_read_is_refused_and_nothing_typed_is_lost(person, demo_server):
    page = person("manager")
    page.goto(demo_server + "/admin/minimum_standards/advisorygroupmeeting/create/")
    for typed in ["31/02/2027", "06/30/2027", "tomorrow"]:
        type_date(page, "#id_date", typed)
        page.locator("#id_title").fill("Kept title")
        submit(page, "Save")
        assert page.get_by_text(f"Date: “{typed}” is not a date we can read").is_visible()
        assert page.locator("#id_date").input_value() == typed
        assert page.locator("#id_title").input_value() == "Kept title"
    assert not AdvisoryGroupMeeting.objects.filter(title="Kept title").exists()


def test_typed_dates_are_saved_and_shown_in_the_sites_pages(person, demo_server):
    page = person("editor")
    admin = demo_server + "/admin"
    for model, field, typed in [
        (NewsArticlePage, "date", "30/6/2027"),
        (InformationPage, "last_reviewed", "30 June 2027"),
    ]:
        target = model.objects.live().first()
        page.goto(f"{admin}/pages/{target.pk}/edit/")
        type_date(page, f"#id_{field}", typed)
        submit(page, "Save draft")
        draft = Page.objects.get(pk=target.pk).specific.get_latest_revision_as_object()
        assert getattr(draft, field) == DAY
        page.goto(f"{admin}/pages/{target.pk}/edit/")
        assert page.locator(f"#id_{field}").input_value() == "30/06/2027"
    assert page.problems.messages == []

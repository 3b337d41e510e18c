"""Every date field, in the tracker's forms and the site's page editors, reads a date typed the
British way (or ISO), shows it as 30/06/2027, and refuses one it cannot read with a message
naming the field: never a replacement, and nothing else typed is lost."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.admin.panels import get_edit_handler

from home.models.information import InformationPage
from home.models.news import NewsArticlePage
from wagtail_minimum_standards.compliance.admin_views.actions import (
    AssessmentUploadForm,
    StartNextForm,
)
from wagtail_minimum_standards.compliance.admin_views.modeladmins import (
    RatingAdmin,
    SelfAssessmentAdmin,
)
from wagtail_minimum_standards.compliance.models import (
    AdvisoryGroupMeeting,
    EvidenceLink,
    Rating,
    SelfAssessment,
)
from wagtail_minimum_standards.compliance.spreadsheets.assessments import export_assessment
from wagtail_minimum_standards.plans.admin_views.items import ProgressUpdateForm
from wagtail_minimum_standards.plans.admin_views.modeladmins import (
    DeliveryPlanAdmin,
    MeetingAdmin,
    PlanItemAdmin,
)
from wagtail_minimum_standards.plans.models import DeliveryPlan, PlanItem

DAY = datetime.date(2027, 6, 30)
ACCEPTED = ["30/06/2027", "30/6/2027", "30 June 2027", "30 Jun 2027", "2027-06-30",
            " 30  june 2027 ", "30 JUN 2027"]  # fmt: skip
REFUSED = ["31/02/2027", "06/30/2027", "tomorrow", "30/06/27", "2027", "30.06.2027"]


def admin_form_field(model_admin, model, name):
    form_class = model_admin().get_edit_handler().bind_to_model(model).get_form_class()
    return form_class.base_fields[name]


def inline_form_field(model_admin, model, relation, name):
    form_class = model_admin().get_edit_handler().bind_to_model(model).get_form_class()
    return form_class.formsets[relation].form.base_fields[name]


def page_form_field(model, name):
    return get_edit_handler(model).get_form_class().base_fields[name]


FIELDS = {
    "meeting date": lambda: admin_form_field(MeetingAdmin, AdvisoryGroupMeeting, "date"),
    "self-assessment date": lambda: admin_form_field(
        SelfAssessmentAdmin, SelfAssessment, "assessed_on"
    ),
    "plan period start": lambda: admin_form_field(DeliveryPlanAdmin, DeliveryPlan, "period_start"),
    "plan period end": lambda: admin_form_field(DeliveryPlanAdmin, DeliveryPlan, "period_end"),
    "item due date": lambda: admin_form_field(PlanItemAdmin, PlanItem, "due_date"),
    "action done on": lambda: inline_form_field(PlanItemAdmin, PlanItem, "actions", "done_on"),
    "progress date": lambda: ProgressUpdateForm.base_fields["date"],
    "evidence review-by": lambda: inline_form_field(
        RatingAdmin, Rating, "evidence_links", "review_by"
    ),
    "start the next": lambda: StartNextForm.base_fields["assessed_on"],
    "import an assessment": lambda: AssessmentUploadForm.base_fields["assessed_on"],
    "news article published on": lambda: page_form_field(NewsArticlePage, "date"),
    "information page last reviewed": lambda: page_form_field(InformationPage, "last_reviewed"),
}


@pytest.mark.parametrize("typed", ACCEPTED)
@pytest.mark.parametrize("field", FIELDS)
def test_every_date_field_reads_a_british_or_iso_date(db, field, typed):
    assert FIELDS[field]().clean(typed) == DAY


@pytest.mark.parametrize("typed", REFUSED)
@pytest.mark.parametrize("field", FIELDS)
def test_every_date_field_refuses_what_is_no_date_naming_the_field(db, field, typed):
    form_field = FIELDS[field]()
    with pytest.raises(Exception) as refused:
        form_field.clean(typed)
    assert refused.value.messages == [
        f"{form_field.label}: “{typed}” is not a date we can read. Type it as 30/06/2027 or "
        "30 June 2027."
    ]


@pytest.mark.parametrize("field", FIELDS)
def test_every_date_field_shows_its_date_as_30_06_2027(db, field):
    form_field = FIELDS[field]()
    assert 'value="30/06/2027"' in form_field.widget.render("when", DAY)
    assert form_field.widget.get_config()["validateOnBlur"] is False  # never replaces typing


@pytest.mark.parametrize("field", [f for f in FIELDS if not f.startswith(("news", "info"))])
@override_settings(WAGTAIL_DATE_FORMAT="%m/%d/%Y", LANGUAGE_CODE="en-us", FORMAT_MODULE_PATH=None)
def test_the_tracker_reads_dates_the_same_whatever_the_hosts_settings(db, field):
    form_field = FIELDS[field]()
    assert form_field.clean("30/06/2027") == DAY
    assert 'value="30/06/2027"' in form_field.widget.render("when", DAY)
    with pytest.raises(Exception, match="is not a date we can read"):
        form_field.clean("06/30/2027")


def test_an_empty_required_date_is_an_error_naming_it(db):
    meeting_date = FIELDS["meeting date"]()
    with pytest.raises(Exception) as refused:
        meeting_date.clean("")
    assert refused.value.messages == ["Date: type a date, such as 30/06/2027."]
    assert FIELDS["plan period start"]().clean("") is None  # optional: left empty


# Through the admin, as a person would: saved as typed, or refused with the rest kept.

MEETING_CREATE = "/admin/minimum_standards/advisorygroupmeeting/create/"


@pytest.mark.parametrize("typed", ACCEPTED[:5])
def test_a_typed_meeting_date_is_saved_as_typed(client, service_manager, typed):
    client.force_login(service_manager)
    response = client.post(MEETING_CREATE, {"date": typed, "title": "Summer"})
    assert response.status_code == 302
    meeting = AdvisoryGroupMeeting.objects.get(title="Summer")
    assert meeting.date == DAY
    edit = client.get(f"/admin/minimum_standards/advisorygroupmeeting/edit/{meeting.pk}/")
    assert 'value="30/06/2027"' in edit.content.decode()


@pytest.mark.parametrize("typed", [*REFUSED, ""])
def test_a_meeting_date_that_cannot_be_read_is_refused_and_the_title_kept(
    client, service_manager, typed
):
    client.force_login(service_manager)
    response = client.post(MEETING_CREATE, {"date": typed, "title": "Summer"})
    html = response.content.decode()
    assert response.status_code == 200
    assert ("“" + typed + "” is not a date we can read" if typed else "Date: type a date") in (
        html.replace("&ldquo;", "“").replace("&rdquo;", "”")
    )
    assert 'value="Summer"' in html and f'value="{typed}"' in html
    assert not AdvisoryGroupMeeting.objects.exists()


def test_a_typed_progress_date_is_saved_and_a_wrong_one_refused(
    plans_demo, service_manager, client
):
    client.force_login(service_manager)
    item = plans_demo["plan"].items.first()
    url = f"/admin/minimum_standards_plans/item/{item.pk}/progress/"

    refused = client.post(url, {"date": "31/02/2027", "text": "Kept note"})
    assert "is not a date we can read" in refused.content.decode()
    assert "Kept note" in refused.content.decode()
    assert not item.updates.filter(text="Kept note").exists()

    client.post(url, {"date": "30 June 2027", "text": "Kept note"})
    assert item.updates.get(text="Kept note").date == DAY


def test_an_evidence_review_by_date_typed_the_british_way_is_saved(
    compliance_demo, service_manager, client
):
    link = EvidenceLink.objects.filter(rating__assessment__status="draft").first()
    assert link is not None
    client.force_login(service_manager)
    edit = f"/admin/minimum_standards/rating/edit/{link.rating_id}/"
    form = client.get(edit).context["form"]
    data = {}
    for bound in [*form, *form.formsets["evidence_links"].management_form]:
        if bound.value() is not None:
            data[bound.html_name] = bound.value()
    for inline in form.formsets["evidence_links"].forms:
        for bound in inline:
            value = bound.value()
            data[bound.html_name] = "30/6/2027" if bound.name == "review_by" else value or ""
    for name, value in list(data.items()):
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif value is True:
            data[name] = "on"
        elif value is False:
            del data[name]
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    link.refresh_from_db()
    assert link.review_by == DAY


def test_an_item_timescale_written_as_an_impossible_date_is_refused(
    plans_demo, service_manager, client
):
    form_class = PlanItemAdmin().get_edit_handler().bind_to_model(PlanItem).get_form_class()
    form = form_class(
        data={"timescale": "31/02/2027", "objective": "x"}, instance=PlanItem(), for_user=None
    )
    form.is_valid()
    assert form.errors["timescale"] == [
        "“31/02/2027” is not a real date: write the day first, then the month, then the year, "
        "such as 30/06/2027 or 30 June 2027"
    ]


@override_settings(DATE_FORMAT="Y-m-d", FORMAT_MODULE_PATH=None)
def test_the_trackers_lists_show_dates_in_words_whatever_the_hosts_format(
    plans_demo, service_manager, client
):
    AdvisoryGroupMeeting.objects.create(date=DAY, title="Summer")
    plans_demo["plan"].__class__.objects.filter(pk=plans_demo["plan"].pk).update(period_start=DAY)
    client.force_login(service_manager)
    for index in [
        "/admin/minimum_standards/advisorygroupmeeting/",
        "/admin/minimum_standards_plans/deliveryplan/",
    ]:
        html = client.get(index).content.decode()
        assert "30 June 2027" in html and "2027-06-30" not in html
    sorted_by_date = client.get("/admin/minimum_standards/advisorygroupmeeting/?o=1")
    assert sorted_by_date.status_code == 200


@pytest.mark.parametrize("typed", ["30/06/2027 09:15", "30 June 2027 09:15", "2027-06-30 09:15"])
def test_a_pages_go_live_date_and_time_is_read_the_british_way(db, typed):
    go_live_at = page_form_field(NewsArticlePage, "go_live_at")
    when = go_live_at.clean(typed)
    assert (when.date(), when.hour, when.minute) == (DAY, 9, 15)
    assert go_live_at.widget.get_config()["validateOnBlur"] is False
    assert 'value="30/06/2027 09:15"' in go_live_at.widget.render("go_live_at", when)


def test_the_import_command_reads_its_date_the_british_way_or_stops(compliance_demo, tmp_path):
    workbook = tmp_path / "draft.xlsx"
    export_assessment(compliance_demo["draft"]).save(workbook)
    command = ["minimum_standards_import_assessment", str(workbook), "--framework", "iass-2018"]

    call_command(*command, "--title", "Typed", "--date", "30/06/2027", stdout=io.StringIO())
    assert SelfAssessment.objects.get(title="Typed").assessed_on == DAY
    with pytest.raises(CommandError, match="“06/30/2027” is not a date we can read"):
        call_command(*command, "--title", "Wrong", "--date", "06/30/2027")
    assert not SelfAssessment.objects.filter(title="Wrong").exists()

"""In any host site, whatever its language and date settings, the tracker's date fields read
30/06/2027, 30/6/2027, 30 June 2027, 30 Jun 2027 and 2027-06-30, show 30/06/2027, and refuse
what is no date, naming the field (make test-plugin runs this in bare `wagtail start` sites)."""

import datetime

import pytest

from wagtail_minimum_standards.compliance.admin_views.actions import StartNextForm
from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
from wagtail_minimum_standards.plans.admin_views.items import ProgressUpdateForm
from wagtail_minimum_standards.plans.admin_views.modeladmins import MeetingAdmin

DAY = datetime.date(2027, 6, 30)


def meeting_form(data):
    form_class = MeetingAdmin().get_edit_handler().bind_to_model(AdvisoryGroupMeeting)
    return form_class.get_form_class()(data=data, instance=AdvisoryGroupMeeting(), for_user=None)


@pytest.mark.parametrize(
    "typed", ["30/06/2027", "30/6/2027", "30 June 2027", "30 Jun 2027", "2027-06-30"]
)
def test_the_trackers_date_fields_read_british_dates_in_any_host(db, typed):
    meeting = meeting_form({"date": typed, "title": "Summer"})
    assert meeting.is_valid(), meeting.errors
    assert meeting.cleaned_data["date"] == DAY
    next_one = StartNextForm({"title": "Next", "assessed_on": typed})
    assert next_one.is_valid() and next_one.cleaned_data["assessed_on"] == DAY
    progress = ProgressUpdateForm({"date": typed, "text": "Done"}, record=None)
    assert progress.fields["date"].clean(typed) == DAY


@pytest.mark.parametrize("typed", ["31/02/2027", "06/30/2027", "tomorrow"])
def test_a_date_the_tracker_cannot_read_is_an_error_naming_the_field(db, typed):
    meeting = meeting_form({"date": typed, "title": "Summer"})
    assert not meeting.is_valid()
    assert meeting.errors["date"] == [
        f"Date: “{typed}” is not a date we can read. Type it as 30/06/2027 or 30 June 2027."
    ]
    assert meeting["title"].value() == "Summer"


def test_the_trackers_date_fields_show_30_06_2027_in_any_host(db):
    form = StartNextForm(initial={"assessed_on": DAY})
    assert 'value="30/06/2027"' in str(form["assessed_on"])

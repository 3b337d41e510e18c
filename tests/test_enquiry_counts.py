"""Every enquiry sent through the website adds to the tracker's anonymous counts when it is
stored (home.enquiry_counts): the counts stand when the retention clean-up deletes the
enquiries, two enquiries at once both count, a locked year still counts, an enquiry never stored
is never counted, and the family is told it was received whatever the counts do."""

import datetime
import io
import logging
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from home import enquiry_counts
from home.models import Enquiry
from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.book import Book
from wagtail_minimum_standards.figures.models import Figure, ReportingYear

from .test_enquiries import answers
from .tracker.figure_factories import BreakdownListFactory, MeasureFactory

THANKED = "Thank you: we have your enquiry"


@pytest.fixture
def measures(db):
    """The measures of the built-in set counted from enquiries, with the lists the site's
    enquiry form answers (their labels are the form's choices)."""
    lists = {
        "contact-route": ["Telephone", "Web form", "Email"],
        "age-group": Enquiry.AgeGroup.labels,
        "enquiry-topic": Enquiry.Topic.labels,
        "enquirer-role": Enquiry.Role.labels,
    }
    made = {key: BreakdownListFactory(key=key, labels=labels) for key, labels in lists.items()}
    return {
        "routes": MeasureFactory(
            key="contact-routes", breakdown=made["contact-route"], counted_from_enquiries=True
        ),
        "ages": MeasureFactory(
            key="enquiries-by-age-group",
            period=periods.MONTH,
            breakdown=made["age-group"],
            counted_from_enquiries=True,
        ),
        "topics": MeasureFactory(
            key="enquiries-by-topic",
            period=periods.MONTH,
            breakdown=made["enquiry-topic"],
            counted_from_enquiries=True,
        ),
        "roles": MeasureFactory(
            key="enquiries-by-role",
            period=periods.MONTH,
            breakdown=made["enquirer-role"],
            counted_from_enquiries=True,
        ),
    }


def counts(measures) -> dict:
    """Every count, as the tracker's screens read it: {(measure key, period, label): value}."""
    years = list(ReportingYear.objects.all())
    book = Book(measures.values(), years)
    found = {}
    for measure in measures.values():
        for year in years:
            for period in measure.period_numbers():
                for value in measure.breakdown.values.all():
                    number = book.value(measure, year, period, value)
                    if number is not None:
                        found[measure.key, year.label, period, value.label] = int(number)
    return found


def this_month():
    today = timezone.localdate()
    return periods.year_label(periods.year_start_of(today)), periods.period_of("month", today)


def test_enquiries_sent_through_the_form_are_counted_and_stand_after_the_clean_up(
    client, enquiry_page, measures
):
    sent = [
        client.post(enquiry_page.url, answers(), follow=True),
        client.post(
            enquiry_page.url,
            answers(role="professional", age_group="11-15", topic="exclusion"),
            follow=True,
        ),
    ]
    assert all(THANKED in response.content.decode() for response in sent)
    year, month = this_month()
    expected = {
        ("contact-routes", year, 0, "Web form"): 2,
        ("enquiries-by-age-group", year, month, "5 to 10 (primary school age)"): 1,
        ("enquiries-by-age-group", year, month, "11 to 15 (secondary school age)"): 1,
        ("enquiries-by-topic", year, month, "Asking for an EHC needs assessment"): 1,
        ("enquiries-by-topic", year, month, "Exclusion from school"): 1,
        ("enquiries-by-role", year, month, "A parent or carer"): 1,
        ("enquiries-by-role", year, month, "A professional"): 1,
    }
    assert counts(measures) == expected

    Enquiry.objects.update(created_at=timezone.now() - timedelta(days=366))
    out = io.StringIO()
    call_command("delete_old_enquiries", stdout=out)

    assert "Deleted 2 enquiries older than 365 days" in out.getvalue()
    assert not Enquiry.objects.exists()
    assert counts(measures) == expected  # the counts stand


def test_a_count_says_nothing_about_who_sent_the_enquiry(
    client, enquiry_page, measures, service_manager
):
    """Not even a signed-in member of staff trying the form is named in the counts' history."""
    client.force_login(service_manager)

    client.post(enquiry_page.url, answers(name="Jo Parent", email="jo@example.org"))

    history = Figure.history.all()
    assert history.count() == 4
    assert {record.history_user_id for record in history} == {None}
    assert {record.history_change_reason for record in history} == {
        "Counted from an enquiry to the website"
    }
    stored = Enquiry.objects.get()
    for record in Figure.history.values():
        assert stored.reference not in str(record) and "Jo Parent" not in str(record)


def test_an_enquiry_never_stored_is_never_counted(client, enquiry_page, measures):
    refused = client.post(enquiry_page.url, answers(consent_to_store=None))
    robot = client.post(enquiry_page.url, answers(website="http://spam.example"))

    assert refused.status_code == 400 and robot.status_code == 302
    assert not Enquiry.objects.exists() and not Figure.objects.exists()


def test_the_same_form_sent_twice_is_counted_once(client, enquiry_page, measures):
    form = client.get(enquiry_page.url).content.decode()
    token = re.search(r'name="submission" value="([0-9a-f-]{36})"', form).group(1)

    first = client.post(enquiry_page.url, answers(submission=token), follow=True)
    again = client.post(enquiry_page.url, answers(submission=token), follow=True)

    assert THANKED in first.content.decode() and THANKED in again.content.decode()
    year, _ = this_month()
    assert counts(measures)["contact-routes", year, 0, "Web form"] == 1


def test_a_locked_year_still_counts(client, enquiry_page, measures):
    year = ReportingYear.objects.for_day(timezone.localdate())
    year.approve(timezone.localdate())

    sent = client.post(enquiry_page.url, answers(), follow=True)

    assert THANKED in sent.content.decode()
    year.refresh_from_db()
    assert year.is_locked
    assert counts(measures)["contact-routes", year.label, 0, "Web form"] == 1


def test_the_family_is_told_it_was_received_whatever_the_counts_do(
    client, enquiry_page, measures, settings, caplog
):
    """Counting fails here (the year's start month is wrongly set): the enquiry is stored, the
    family thanked with its reference, and the failure logged for the service to put right."""
    settings.MINIMUM_STANDARDS_YEAR_START_MONTH = 13

    with caplog.at_level(logging.ERROR, logger="home.enquiry_counts"):
        sent = client.post(enquiry_page.url, answers(), follow=True)

    enquiry = Enquiry.objects.get()
    assert THANKED in sent.content.decode() and enquiry.reference in sent.content.decode()
    assert not Figure.objects.exists()
    assert [record.getMessage() for record in caplog.records] == [
        f"Could not count enquiry {enquiry.pk} in the figures"
    ]


def test_an_enquiry_is_counted_by_its_day_in_the_uk(client, enquiry_page, measures):
    """Sent at 00:30 on 1 September, British Summer Time (23:30 the day before in UTC), it is
    counted in September, in the reporting year that starts that day."""
    client.post(enquiry_page.url, answers())
    enquiry = Enquiry.objects.get()
    Figure.objects.all().delete()
    enquiry.created_at = datetime.datetime(2022, 8, 31, 23, 30, tzinfo=datetime.UTC)

    enquiry_counts.count(enquiry)

    assert (
        counts(measures)["enquiries-by-age-group", "2022-23", 1, "5 to 10 (primary school age)"]
        == 1
    )


def test_a_count_purges_nothing_and_an_entered_figure_does(client, enquiry_page, measures):
    """A crowd of enquiries must not empty nginx's cache: a count leaves the content version
    (what every cached part of a public page is kept under) as it was; a figure entered by
    hand changes it, as every other change a public page shows does."""
    from home.models import ContentVersion

    ReportingYear.objects.for_day(timezone.localdate())  # a new year is a change, once a year
    before = ContentVersion.current()
    assert client.post(enquiry_page.url, answers()).status_code == 302
    assert Figure.objects.exists()
    assert ContentVersion.current() == before

    counted = Figure.objects.first()
    counted.value += 5
    counted.save()
    assert ContentVersion.current() != before


def test_the_daily_clean_up_refreshes_the_public_pages_after_counts(client, enquiry_page, measures):
    from home.models import ContentVersion

    ReportingYear.objects.for_day(timezone.localdate())
    call_command("delete_old_enquiries", stdout=io.StringIO())
    quiet = ContentVersion.current()
    call_command("delete_old_enquiries", stdout=io.StringIO())
    assert ContentVersion.current() == quiet  # no count that day: nothing refreshed

    assert client.post(enquiry_page.url, answers()).status_code == 302
    assert ContentVersion.current() == quiet
    call_command("delete_old_enquiries", stdout=io.StringIO())
    assert ContentVersion.current() != quiet

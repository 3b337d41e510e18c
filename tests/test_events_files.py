"""Events' calendar files (.ics, read back with icalendar), their schema.org JSON-LD, how long the
HTTP cache in front may keep their pages (never past the soonest shown event's end), and the
queries they take with 1 and with 500 events."""

import datetime
import json
import re

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.kept import forget

from .factories import EventIndexPageFactory, EventPageFactory

LONDON_EVENT_START = timezone.make_aware(datetime.datetime(2030, 7, 2, 10, 30))  # BST


@pytest.fixture
def index(home_page):
    return EventIndexPageFactory(slug="events")


def calendar_of(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_an_events_calendar_file_holds_its_details(client, index):
    long_notes = "Step-free access from the car park, a hearing loop and a quiet room. " * 3
    event = EventPageFactory(
        parent=index,
        slug="coffee",
        title="Coffee and chat, café",
        start=LONDON_EVENT_START,
        end=LONDON_EVENT_START + datetime.timedelta(hours=2),
        place="Example Library\n4 Example Street\nBath",
        online_link="https://meet.example/chat",
        audience="Parents of children at primary school",
        booking="<p>No need to <b>book</b>.</p>",
        accessibility=long_notes,
    )

    response = client.get("/events/coffee/event.ics")
    calendar = calendar_of(response)

    [entry] = calendar.walk("VEVENT")
    assert str(entry["UID"]) == f"event-{event.pk}@localhost"
    assert entry["SUMMARY"] == "Coffee and chat, café"
    assert entry["DTSTART"].dt == LONDON_EVENT_START
    assert entry["DTSTART"].params["TZID"] == "Europe/London"
    assert entry["DTSTART"].dt.utcoffset() == datetime.timedelta(hours=1)
    assert entry["DTEND"].dt == LONDON_EVENT_START + datetime.timedelta(hours=2)
    assert entry["DTSTAMP"].dt.tzinfo is not None  # in UTC
    assert entry["LOCATION"] == "Example Library, 4 Example Street, Bath, or online"
    assert entry["URL"] == "http://localhost/events/coffee/"
    description = str(entry["DESCRIPTION"])
    assert "Who it is for: Parents of children at primary school" in description
    assert "Booking: No need to book." in description  # plain text
    assert "Join online: https://meet.example/chat" in description
    assert long_notes.strip() in description
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    # RFC 5545 3.1: lines end CRLF and are folded at 75 octets, a space starting each fold.
    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)
    assert b"\n" not in response.content.replace(b"\r\n", b"")
    assert calendar_of(client.get("/events/coffee/event.ics")).to_ical() == calendar.to_ical()


def test_the_listings_calendar_file_holds_every_upcoming_event(client, index):
    soon = EventPageFactory(parent=index, title="Drop-in", start=timezone.now())
    later = EventPageFactory(parent=index, title="Workshop")
    EventPageFactory(parent=index, title="Old", start=timezone.now() - datetime.timedelta(days=9))

    calendar = calendar_of(client.get("/events/events.ics"))

    entries = calendar.walk("VEVENT")
    assert [e["SUMMARY"] for e in entries] == ["Drop-in", "Workshop"]
    assert [str(e["UID"]) for e in entries] == [
        f"event-{soon.pk}@localhost",
        f"event-{later.pk}@localhost",
    ]
    assert 'href="/events/events.ics"' in client.get("/events/").content.decode()
    assert f'href="{soon.url}event.ics"' in client.get(soon.url).content.decode()


def test_no_calendar_file_for_an_unpublished_or_private_event(client, index):
    hidden = EventPageFactory(parent=index, slug="hidden")
    private = EventPageFactory(parent=index, slug="private")
    hidden.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert client.get("/events/hidden/event.ics").status_code == 404
    assert client.get("/events/private/event.ics").status_code == 404
    assert client.get("/events/hidden/events.ics").status_code == 404  # not an events index
    assert client.get("/no-such-page/event.ics").status_code == 404


def structured_data(html) -> dict:
    [found] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found)


def test_an_event_page_has_schema_org_event_data(client, index):
    event = EventPageFactory(
        parent=index,
        slug="workshop",
        title="Annual reviews </script><script>alert(1)</script> & more",
        summary="How an annual review works.",
        start=LONDON_EVENT_START,
        end=LONDON_EVENT_START + datetime.timedelta(hours=2),
        place="Example Family Hub\n3 Example Lane\nKeynsham",
        online_link="https://meet.example/reviews",
    )

    html = client.get(event.url).content.decode()
    data = structured_data(html)

    assert "<script>alert(1)</script>" not in html
    assert data["@type"] == "Event"
    assert data["name"] == "Annual reviews </script><script>alert(1)</script> & more"
    assert data["startDate"] == "2030-07-02T10:30:00+01:00"
    assert data["endDate"] == "2030-07-02T12:30:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"] == [
        {
            "@type": "Place",
            "name": "Example Family Hub",
            "address": "Example Family Hub, 3 Example Lane, Keynsham",
        },
        {"@type": "VirtualLocation", "url": "https://meet.example/reviews"},
    ]
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Sendias Test",
        "url": "http://localhost",
    }
    assert data["description"] == "How an annual review works."
    assert data["url"] == "http://localhost/events/workshop/"


def test_an_online_event_has_a_virtual_location(client, index):
    event = EventPageFactory(parent=index, place="", online_link="https://meet.example/x")

    data = structured_data(client.get(event.url).content.decode())

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example/x"}


@pytest.fixture
def nginx_keeps_ten_minutes(settings):
    settings.HTTP_CACHE_SECONDS = 600
    return settings


def kept_for(client, path) -> int:
    response = client.get(path)
    assert response.status_code == 200
    return int(response["X-Accel-Expires"])


def test_cached_copies_expire_when_the_soonest_shown_event_ends(
    client, index, nginx_keeps_ten_minutes
):
    """nginx keeps a page for at most HTTP_CACHE_SECONDS; a page showing an event as upcoming
    no longer than until that event ends, so it never goes on showing it after."""
    ends_in = datetime.timedelta(seconds=120)
    soon = EventPageFactory(
        parent=index,
        start=timezone.now() - datetime.timedelta(hours=1),
        end=timezone.now() + ends_in,
    )
    later = EventPageFactory(parent=index)
    past = EventPageFactory(parent=index, start=timezone.now() - datetime.timedelta(days=3))

    for path in ("/events/", "/", soon.url, "/events/events.ics"):
        assert 100 <= kept_for(client, path) <= 119, path
    for path in (later.url, past.url, f"{later.url}event.ics", f"{soon.url}event.ics"):
        assert kept_for(client, path) == 599, path


def test_a_page_is_not_kept_at_all_in_the_last_second_of_an_event(
    client, index, nginx_keeps_ten_minutes
):
    event = EventPageFactory(
        parent=index,
        start=timezone.now() - datetime.timedelta(hours=1),
        end=timezone.now() + datetime.timedelta(milliseconds=900),
    )

    response = client.get(event.url)

    assert response.status_code == 200 and "X-Accel-Expires" not in response


def test_the_purge_after_a_change_reaches_the_calendar_files(index, nginx_in_front):
    """home.cache's purge (run once a publish is committed) asks nginx to forget every live
    page at each of its cached paths: the events' calendar files among them."""
    from home.cache import Purge, served_at

    event = EventPageFactory(parent=index, slug="drop-in")
    nginx_in_front.clear()

    Purge()()

    assert "http://localhost/events/drop-in/event.ics" in nginx_in_front
    assert "http://localhost/events/events.ics" in nginx_in_front
    assert served_at(event) == [
        "http://localhost/events/drop-in/",
        "http://localhost/events/drop-in/event.ics",
    ]


def queries_for(client, path) -> tuple[int, int]:
    """The queries for `path` with nothing kept, and then with the kept copies."""
    forget()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    return tuple(counts)


PATHS = ["/events/", "/", "/events/events.ics", "/events/event-1000/"]


def test_the_listing_home_page_and_calendar_take_as_many_queries_for_500_events(client, index):
    now = timezone.now()
    EventPageFactory(parent=index, start=now - datetime.timedelta(days=1))  # one past
    EventPageFactory(parent=index, start=now + datetime.timedelta(days=1), slug="event-1000")
    few = {path: queries_for(client, path) for path in PATHS}

    for n in range(249):
        EventPageFactory(parent=index, start=now - datetime.timedelta(days=2 + n))
        EventPageFactory(parent=index, start=now + datetime.timedelta(days=2 + n))
    many = {path: queries_for(client, path) for path in PATHS}

    assert many == few
    assert all(kept <= 10 for _, kept in few.values()), few

"""Events: the listing (upcoming first, soonest first, then past events), "This event has
passed", the editor refusing an event that ends before it starts, and the home page's next
three events. Calendar files, JSON-LD, caching and query counts: tests/test_events_files.py."""

import datetime
import re
import time
from html import unescape

from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.events import when
from home.models import EventPage

from .factories import EventIndexPageFactory, EventPageFactory


def at(days=0, hours=0, minutes=0):
    """A moment this many days, hours and minutes from now (before it if negative)."""
    moment = timezone.now() + datetime.timedelta(days=days, hours=hours, minutes=minutes)
    return moment.replace(microsecond=0)


def titles_in(html, section_id):
    """The event titles listed in the section labelled by `section_id`, in order."""
    section = html.split(f'aria-labelledby="{section_id}"', 1)[1].split("</section>", 1)[0]
    return [unescape(t) for t in re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', section)]


def test_the_listing_shows_upcoming_events_soonest_first_then_past_ones(client, home_page):
    index = EventIndexPageFactory(slug="events")
    for title, days in [("Workshop", 20), ("Drop-in", 3), ("Old coffee morning", -30)]:
        EventPageFactory(parent=index, title=title, start=at(days))
    EventPageFactory(parent=index, title="Last week's drop-in", start=at(-7))
    # Started an hour ago and still going on: still upcoming until it ends.
    EventPageFactory(parent=index, title="Coffee morning now", start=at(hours=-1))

    html = client.get("/events/").content.decode()

    assert titles_in(html, "upcoming-heading") == ["Coffee morning now", "Drop-in", "Workshop"]
    assert titles_in(html, "past-heading") == ["Last week's drop-in", "Old coffee morning"]


def test_an_event_leaves_the_upcoming_list_when_it_ends_with_nothing_run(client, home_page):
    """Nothing is published, no job runs: the same kept listing, read after the event's end."""
    index = EventIndexPageFactory(slug="events")
    ends = timezone.now() + datetime.timedelta(seconds=2)
    event = EventPageFactory(parent=index, title="Drop-in", start=at(hours=-2))
    EventPage.objects.filter(pk=event.pk).update(end=ends)  # as published, ending in 2 s
    index.save_revision().publish()  # a new content version: the listing is kept afresh
    before = client.get("/events/").content.decode()
    page_before = client.get(event.url).content.decode()

    time.sleep(max(0, (ends - timezone.now()).total_seconds()) + 0.5)
    after = client.get("/events/").content.decode()
    page_after = client.get(event.url).content.decode()

    assert titles_in(before, "upcoming-heading") == ["Drop-in"]
    assert "This event has passed" not in page_before
    assert titles_in(after, "upcoming-heading") == []
    assert titles_in(after, "past-heading") == ["Drop-in"]
    assert "This event has passed" in page_after


def test_a_past_event_is_listed_under_past_events_by_the_clock(client, home_page):
    index = EventIndexPageFactory(slug="events")
    EventPageFactory(parent=index, title="Drop-in", start=at(minutes=-150))  # ended 30 min ago
    html = client.get("/events/").content.decode()

    assert titles_in(html, "upcoming-heading") == []
    assert "There are no events planned at the moment." in html
    assert titles_in(html, "past-heading") == ["Drop-in"]


def test_past_events_are_paged_and_can_be_left_out(client, home_page):
    index = EventIndexPageFactory(slug="events")
    for n in range(12):
        EventPageFactory(parent=index, title=f"Old drop-in {n:02}", start=at(-1 - n))

    first = client.get("/events/").content.decode()
    second = client.get("/events/?page=2").content.decode()

    assert titles_in(first, "past-heading") == [f"Old drop-in {n:02}" for n in range(10)]
    assert titles_in(second, "past-heading") == ["Old drop-in 10", "Old drop-in 11"]
    assert 'aria-labelledby="upcoming-heading"' not in second  # the upcoming list is on page 1
    assert client.get("/events/?page=3").status_code == 404
    assert client.get("/events/?page=x").status_code == 404

    index.show_past_events = False
    index.save_revision().publish()
    assert "Past events" not in client.get("/events/").content.decode()


def test_an_event_page_says_when_where_and_for_whom(client, home_page):
    start = timezone.make_aware(datetime.datetime(2030, 3, 12, 10, 0))
    event = EventPageFactory(
        title="Coffee and chat",
        start=start,
        end=start + datetime.timedelta(hours=2),
        place="Example Library\n4 Example Street\nBath",
        online_link="https://meet.example/chat",
        audience="Parents of children at primary school",
        booking="<p>No need to book.</p>",
        booking_link="https://book.example/chat",
        accessibility="Step-free access and a hearing loop.",
    )

    html = client.get(event.url).content.decode()

    assert '<time datetime="2030-03-12T10:00:00+00:00">Tuesday 12 March 2030, 10:00 to 12:00' in (
        html
    )
    assert "Example Library<br>4 Example Street<br>Bath" in html
    assert '<a href="https://meet.example/chat">Join the event online</a>' in html
    assert "Parents of children at primary school" in html
    assert "<p>No need to book.</p>" in html
    assert '<a href="https://book.example/chat">Book a place</a>' in html
    assert "Step-free access and a hearing loop." in html
    assert "This event has passed" not in html


def test_times_are_shown_in_british_time_the_british_way():
    summer = datetime.datetime(2030, 7, 2, 9, 30, tzinfo=datetime.UTC)  # 10:30 BST
    over_two_days = summer + datetime.timedelta(days=1, hours=6)

    assert when(summer, summer + datetime.timedelta(hours=2)) == (
        "Tuesday 2 July 2030, 10:30 to 12:30"
    )
    assert when(summer, summer + datetime.timedelta(hours=2), short=True) == (
        "02/07/2030, 10:30 to 12:30"
    )
    assert (
        when(summer, over_two_days) == "Tuesday 2 July 2030, 10:30 to Wednesday 3 July 2030, 16:30"
    )


def test_a_past_event_says_so_prominently(client, home_page):
    event = EventPageFactory(title="Workshop", start=at(-3))

    html = client.get(event.url).content.decode()
    main = html.split('<main id="main-content"', 1)[1]

    assert main.index("This event has passed.") < main.index("<h1>Workshop</h1>")
    assert f'<a href="{event.get_parent().url}">See our upcoming events</a>' in html


def test_an_event_ending_before_it_starts_is_refused_in_the_editor(client, home_page, editor):
    index = EventIndexPageFactory()
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/add/home/eventpage/{index.pk}/",
        nested_form_data(
            {
                "title": "Coffee morning",
                "slug": "coffee-morning",
                "summary": "Meet us.",
                "start": "14/03/2030 12:00",
                "end": "14/03/2030 10:00",
                "place": "Example Library",
                "online_link": "",
                "audience": "",
                "booking": rich_text(""),
                "booking_link": "",
                "accessibility": "",
                "body": streamfield([]),
            }
        ),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["end"] == [
        "The event must end after it starts. Check the date and the time."
    ]
    assert "The event must end after it starts." in response.content.decode()
    assert not EventPage.objects.exists()


def test_an_event_with_neither_a_place_nor_a_link_is_refused(client, home_page, editor):
    index = EventIndexPageFactory()
    client.force_login(editor)
    form = {
        "title": "Coffee morning",
        "slug": "coffee-morning",
        "summary": "Meet us.",
        "start": "14/03/2030 10:00",
        "end": "14/03/2030 12:00",
        "place": "",
        "online_link": "",
        "audience": "",
        "booking": rich_text(""),
        "booking_link": "",
        "accessibility": "",
        "body": streamfield([]),
    }

    refused = client.post(f"/admin/pages/add/home/eventpage/{index.pk}/", nested_form_data(form))
    form["place"] = "Example Library"
    saved = client.post(f"/admin/pages/add/home/eventpage/{index.pk}/", nested_form_data(form))

    assert refused.context["form"].errors["place"] == [
        "Give the address, or the link to join online, or both."
    ]
    assert saved.status_code == 302
    event = EventPage.objects.get()
    assert timezone.localtime(event.start) == timezone.make_aware(
        datetime.datetime(2030, 3, 14, 10, 0)
    )


def test_the_home_page_shows_the_next_three_events(client, home_page):
    index = EventIndexPageFactory(slug="events")
    for title, days in [("Fourth", 40), ("Second", 10), ("Third", 20), ("First", 2)]:
        EventPageFactory(parent=index, title=title, start=at(days))
    EventPageFactory(parent=index, title="Gone", start=at(-2))

    html = client.get("/").content.decode()

    assert titles_in(html, "next-events-heading") == ["First", "Second", "Third"]
    assert '<a href="/events/">See all our events</a>' in html
    assert "Example Library, 1 Example Street, Bath" in html  # where


def test_the_home_page_says_when_no_events_are_planned(client, home_page):
    assert "next-events-heading" not in client.get("/").content.decode()  # no events index

    index = EventIndexPageFactory(slug="events")
    EventPageFactory(parent=index, title="Gone", start=at(-2))
    html = client.get("/").content.decode()

    assert titles_in(html, "next-events-heading") == []
    assert "There are no events planned at the moment." in html


def test_the_demo_has_upcoming_and_past_events_in_person_and_online(client, demo_site):
    events = EventPage.objects.live()
    now = timezone.now()

    assert events.count() >= 8
    assert events.filter(start__gt=now).count() >= 3 and events.filter(end__lt=now).count() >= 2
    assert events.filter(online_link="").exists() and events.filter(place="").exists()
    assert all(event.accessibility for event in events)
    assert len(titles_in(client.get("/").content.decode(), "next-events-heading")) == 3
    menu = client.get("/events/").content.decode().split('class="main-menu"', 1)[1]
    assert 'href="/events/"' in menu.split("</nav>", 1)[0]

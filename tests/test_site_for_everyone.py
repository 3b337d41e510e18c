"""Issue 24 as a newcomer meets it on the demo site: from the home page, by links alone, they
reach the young people's section, easy-read pages linked both ways with their standard
versions, the A to Z glossary (and its words marked on the pages that use them), the events
listing with its calendar files, and the feedback form; every one is in the sitemap, and the
HTML of each new page type passes the Nu Html Checker."""

import re

import icalendar
import pytest

from tests.nu_html_checker import html_errors
from tests.test_site_navigation import crawl, parsed, sitemap_paths

YOUNG_PEOPLE = "/young-people/"
EASY_READ_EHCP = "/easy-read/what-is-an-ehcp/"
EHCP = "/send-topics/ehc-plans-and-annual-reviews/"
GLOSSARY = "/jargon-buster/"
EVENTS = "/events/"
FEEDBACK = "/feedback/"


@pytest.fixture
def reached(client, demo_site):
    return crawl(client)


def test_the_sitemap_holds_every_new_section_and_a_crawl_from_the_home_page_reaches_it(
    client, reached
):
    in_sitemap = sitemap_paths(client)
    for path in (YOUNG_PEOPLE, EASY_READ_EHCP, EHCP, GLOSSARY, EVENTS, FEEDBACK):
        assert path in in_sitemap, path
        assert path in reached, path
    young = sorted(path for path in in_sitemap if path.startswith(YOUNG_PEOPLE))
    assert len(young) >= 7  # the section, its two parts and their pages
    assert all(path in reached for path in young)
    events = [path for path in in_sitemap if path.startswith(EVENTS) and path != EVENTS]
    assert len(events) >= 8
    assert all(path in reached for path in events)


def test_an_easy_read_page_and_its_standard_version_link_to_each_other(client, reached):
    assert EHCP in parsed(client.get(EASY_READ_EHCP)).hrefs
    assert EASY_READ_EHCP in parsed(client.get(EHCP)).hrefs
    assert EASY_READ_EHCP in reached[EHCP] and EHCP in reached[EASY_READ_EHCP]


def test_pages_mark_the_glossary_words_they_use_and_explain_them_at_the_end(client, reached):
    html = client.get(EHCP).content.decode()

    marked = re.findall(r'<a class="glossary-word" href="/jargon-buster/#(term-[\w-]+)"', html)
    assert marked and len(marked) == len(set(marked))  # each word once, its first use
    assert "<dfn>" in html or "<abbr title=" in html
    assert "Words explained on this page" in html
    glossary = client.get(GLOSSARY).content.decode()
    assert all(f'id="{anchor}"' in glossary for anchor in marked)


def test_the_events_listing_and_each_event_offer_a_valid_calendar_file(client, reached):
    calendars = sorted(path for path in reached if path.endswith(".ics"))
    assert f"{EVENTS}events.ics" in calendars
    assert len(calendars) >= 7  # the listing's, and each upcoming event's

    for path in calendars:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        assert events, path
        for event in events:
            assert event["UID"] and event["SUMMARY"] and event["DTSTAMP"]
            assert event.decoded("DTEND") > event.decoded("DTSTART")
        assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))  # RFC 5545


def test_the_feedback_form_is_reached_from_the_home_page_and_asks_how_we_did(client, reached):
    html = client.get(FEEDBACK).content.decode()

    assert re.search(r'<form[^>]* method="post"', html)
    assert "How did we do?" in html
    assert FEEDBACK in parsed(client.get("/")).hrefs  # the footer, on every page


def test_the_new_page_types_are_valid_html(client, demo_site, tmp_path):
    event = next(
        path for path in sorted(sitemap_paths(client)) if path.startswith(EVENTS) and path != EVENTS
    )
    paths = [
        YOUNG_PEOPLE,
        "/young-people/16-to-25/your-rights-16-to-25/",
        "/easy-read/",
        EASY_READ_EHCP,
        GLOSSARY,
        EVENTS,
        event,
        FEEDBACK,
        EHCP,
    ]
    files = []
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        files.append(tmp_path / f"{number}.html")
        files[-1].write_bytes(response.content)

    assert html_errors(files) == []

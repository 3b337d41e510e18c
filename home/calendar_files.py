"""Calendar files (.ics, RFC 5545) for one event and for every upcoming event, built with the
icalendar library: times in Europe/London with its VTIMEZONE, a UID that stays the same for an
event (event-<page id>@<site's host name>), plain-text descriptions.

Served beside the pages (/events/<slug>/event.ics, /events/events.ics: Wagtail serves only
addresses that end in a slash, so config.urls routes these here), kept by the HTTP cache in front
as the pages are (HTTP_CACHE_URL_NAMES) and purged with them (the pages' get_cached_paths,
home.cache); the listing's file expires from it when its soonest event ends.
"""

import datetime

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from .events import all_events, cache_until, plain, upcoming
from .site_content import SiteContent


@require_safe
def calendar_file(request, path: str, name: str) -> HttpResponse:
    """The .ics file of the live, public event or events index at `path` on this site."""
    from .models import EventIndexPage, EventPage

    site = SiteContent.for_request(request).site
    model = {EventPage.calendar_file: EventPage, EventIndexPage.calendar_file: EventIndexPage}
    page = (
        model[name].objects.live().public().filter(url_path=site.root_page.url_path + path).first()
        if site is not None
        else None
    )
    if page is None:
        raise Http404("There is no such calendar.")
    return (
        event_ics(page, request) if name == EventPage.calendar_file else listing_ics(page, request)
    )


def event_ics(page, request) -> HttpResponse:
    return _response(request, [plain(page, request)], page.title, f"{page.slug}.ics")


def listing_ics(index, request) -> HttpResponse:
    events = upcoming(all_events(index, request), timezone.now())
    if events:
        cache_until(request, min(event["end"] for event in events))
    return _response(request, events, index.title, "events.ics")


def _response(request, events, name: str, file_name: str) -> HttpResponse:
    response = HttpResponse(
        calendar(request, events, name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def calendar(request, events, name: str) -> bytes:
    site_content = SiteContent.for_request(request)
    service = site_content.service
    service_name = service.service_name if service else ""
    host = site_content.site.hostname if site_content.site else request.get_host()
    ics = Calendar()
    ics.add("prodid", f"-//{service_name}//{host}//EN")
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("method", "PUBLISH")
    ics.add("x-wr-calname", f"{name}: {service_name}" if service_name else name)
    for event in events:
        ics.add_component(_event(event, host, service))
    if events:  # Europe/London's rules over the years of these events, not since 1970
        first, last = min(e["start"] for e in events), max(e["end"] for e in events)
        ics.add_missing_timezones(
            first_date=datetime.date(first.year, 1, 1), last_date=datetime.date(last.year + 1, 1, 1)
        )
    return ics.to_ical()


def _event(event: dict, host: str, service) -> Event:
    entry = Event()
    entry.add("uid", f"event-{event['pk']}@{host}")
    entry.add("dtstamp", (event["published"] or timezone.now()).astimezone(datetime.UTC))
    entry.add("dtstart", timezone.localtime(event["start"]))
    entry.add("dtend", timezone.localtime(event["end"]))
    entry.add("summary", event["title"])
    location = event["place_line"] or event["online_link"]
    if event["place_line"] and event["online_link"]:
        location = _("%(place)s, or online") % {"place": event["place_line"]}
    entry.add("location", location)
    entry.add("url", event["full_url"])
    entry.add("description", description(event))
    if service is not None and service.email:
        entry.add("organizer", f"mailto:{service.email}", parameters={"cn": service.service_name})
    return entry


def description(event: dict) -> str:
    """The event's details as plain text, a paragraph each."""
    parts = [event["summary"]]
    if event["audience"]:
        parts.append(_("Who it is for: %(audience)s") % {"audience": event["audience"]})
    if event["online_link"]:
        parts.append(_("Join online: %(link)s") % {"link": event["online_link"]})
    if event["booking"]:
        parts.append(_("Booking: %(booking)s") % {"booking": event["booking"]})
    if event["booking_link"]:
        parts.append(_("Book a place: %(link)s") % {"link": event["booking_link"]})
    if event["accessibility"]:
        parts.append(_("Accessibility: %(notes)s") % {"notes": event["accessibility"]})
    parts.append(_("More about this event: %(url)s") % {"url": event["full_url"]})
    return "\n\n".join(parts)

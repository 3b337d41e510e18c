"""What the events pages show at the time of each request: which events are still to come, and
for how long a cached copy of a page stays right.

Kept (under the content version, home/site_content.py) are plain values of the events only,
never which of them are still to come: an event leaves the upcoming list, and its page says
"This event has passed", by the clock at each request, with no job to run. A page that shows
an upcoming event asks the HTTP cache in front (config.http_cache) to keep its copy no later
than the moment that event ends (request.http_cache_until).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import dateformat, timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .paging import PAGE_NUMBER, page_or_404
from .site_content import SiteContent

PAST_EVENTS_PER_PAGE = 10


def when(start, end, short: bool = False) -> str:
    """ "Tuesday 14 March 2023, 10:00 to 12:00" (short: "14/03/2023, 10:00 to 12:00"), in the
    site's time (Europe/London); an event over several days names both."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    day = "d/m/Y" if short else "l j F Y"
    if start.date() == end.date():
        return _("%(day)s, %(start)s to %(end)s") % {
            "day": dateformat.format(start, day),
            "start": dateformat.format(start, "H:i"),
            "end": dateformat.format(end, "H:i"),
        }
    return _("%(start)s to %(end)s") % {
        "start": dateformat.format(start, f"{day}, H:i"),
        "end": dateformat.format(end, f"{day}, H:i"),
    }


def cache_until(request, moment) -> None:
    """The HTTP cache keeps this response's copy no later than `moment` (config.http_cache)."""
    earlier = getattr(request, "http_cache_until", None)
    request.http_cache_until = moment if earlier is None else min(earlier, moment)


def plain(event, request) -> dict:
    """What lists, calendar files and the home page show of an event: no query to read."""
    return {
        "pk": event.pk,
        "title": event.title,
        "url": event.get_url(request),
        "full_url": event.get_full_url(request),
        "start": event.start,
        "end": event.end,
        "place": event.place,
        "place_line": ", ".join(line.strip() for line in event.place.splitlines() if line.strip()),
        "online_link": event.online_link,
        "audience": event.audience,
        "summary": event.summary,
        "booking": strip_tags(event.booking).strip(),
        "booking_link": event.booking_link,
        "accessibility": event.accessibility,
        "published": event.last_published_at or event.latest_revision_created_at,
    }


def all_events(index, request) -> list[dict]:
    """Every live, public event of the index, soonest first, as plain values: kept."""
    return SiteContent.for_request(request).kept_for_page(
        index,
        "events",
        lambda: [plain(e, request) for e in index.events().order_by("start", "pk")],
    )


def upcoming(events, moment) -> list[dict]:
    """The events not yet ended at `moment`, in their order (soonest first)."""
    return [event for event in events if event["end"] > moment]


def listing_context(index, request, context: dict) -> dict:
    moment = timezone.now()
    events = all_events(index, request)
    context["upcoming"] = upcoming(events, moment)
    if context["upcoming"]:
        cache_until(request, min(event["end"] for event in context["upcoming"]))
    if index.show_past_events:
        past = [event for event in reversed(events) if event["end"] <= moment]
        number = request.GET.get("page") or "1"
        if not PAGE_NUMBER.fullmatch(number):
            number = "0"  # not a page of ours: page_or_404's 404
        context["past"] = page_or_404(past, PAST_EVENTS_PER_PAGE, number)
    context["calendar_url"] = calendar_url(index, request)
    return context


def calendar_url(page, request) -> str:
    return (page.get_url(request) or "") + page.calendar_file


def event_context(page, request, context: dict) -> dict:
    context["passed"] = page.end <= timezone.now()
    if not context["passed"]:
        cache_until(request, page.end)
    context["calendar_url"] = calendar_url(page, request)
    context["structured_data"] = structured_data(page, request)
    return context


def structured_data(page, request) -> str:
    """schema.org Event as JSON-LD in its script element, escaped so that no text in it (a
    title with "</script>" in it, say) can end the element: as Django's json_script."""
    service = SiteContent.for_request(request).service
    site = SiteContent.for_request(request).site
    online = {"@type": "VirtualLocation", "url": page.online_link}
    place = {
        "@type": "Place",
        "name": page.place.splitlines()[0].strip() if page.place else "",
        "address": ", ".join(line.strip() for line in page.place.splitlines() if line.strip()),
    }
    if page.place and page.online_link:
        mode, location = "MixedEventAttendanceMode", [place, online]
    elif page.online_link:
        mode, location = "OnlineEventAttendanceMode", online
    else:
        mode, location = "OfflineEventAttendanceMode", place
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": location,
        "organizer": {
            "@type": "Organization",
            "name": service.service_name if service else "",
            "url": site.root_url if site else request.build_absolute_uri("/"),
        },
        "url": page.get_full_url(request),
    }
    escaped = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
    )
    return mark_safe(f'<script type="application/ld+json">{escaped}</script>')  # noqa: S308

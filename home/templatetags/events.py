"""Events in templates: {{ event.start|event_when:event.end }} ("Tuesday 14 March 2023, 10:00
to 12:00"), |event_when_short (14/03/2023, 10:00 to 12:00), and {% next_events as next %} for
the home page (what is kept and when it goes: home/events.py; `shown` names the events shown,
for {% keep %})."""

from django import template
from django.utils import timezone

from ..events import cache_until, plain, upcoming, when
from ..kept import kept
from ..models import EventIndexPage, EventPage
from ..site_content import SiteContent

NEXT_EVENTS_ON_THE_HOME_PAGE = 3

register = template.Library()


@register.filter
def event_when(start, end):
    return when(start, end)


@register.filter
def event_when_short(start, end):
    return when(start, end, short=True)


@register.simple_tag(takes_context=True)
def next_events(context):
    return next_events_for(context["request"])


def next_events_for(request, count: int = NEXT_EVENTS_ON_THE_HOME_PAGE) -> dict:
    """The home page's next `count` events and the address of the events index. Kept: every
    event still to come when it was built, so one that has ended since is left out here."""
    site_content = SiteContent.for_request(request)
    site = site_content.site
    if site is None:
        return {"index_url": None, "events": []}

    def build():
        index = EventIndexPage.objects.live().public().descendant_of(site.root_page).first()
        if index is None:
            return {"index_url": None, "events": []}
        events = (
            EventPage.objects.child_of(index)
            .live()
            .public()
            .filter(end__gt=timezone.now())
            .order_by("start", "pk")
        )
        return {"index_url": index.get_url(request), "events": [plain(e, request) for e in events]}

    found = kept(site_content.version, "next-events", build, site.pk)
    events = upcoming(found["events"], timezone.now())[:count]
    if events:
        cache_until(request, min(event["end"] for event in events))
    # The section as rendered is the same until one of these events ends ({% keep %} by it).
    shown = "-".join(str(event["pk"]) for event in events)
    return {"index_url": found["index_url"], "events": events, "shown": f"next-events-{shown}"}

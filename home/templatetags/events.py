"""Events in templates: {{ event.start|event_when:event.end }} ("Tuesday 14 March 2023, 10:00
to 12:00"), |event_when_short (14/03/2023, 10:00 to 12:00), and {% next_events as next %} for
the home page (home/events.py)."""

from django import template

from ..events import next_events as next_events_for
from ..events import when

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

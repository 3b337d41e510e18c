"""Events: coffee mornings, workshops and drop-ins, upcoming first, each with its calendar file.

The listing, the home page's next events and "This event has passed" are decided at the time of
each request (home/events.py), not by a job: what is kept (under the content version) is the
events themselves, never which of them are still to come.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock


class EventPage(Page):
    start = models.DateTimeField(_("starts"), help_text=_("The date and time it starts."))
    end = models.DateTimeField(_("ends"), help_text=_("The date and time it ends."))
    place = models.TextField(
        _("place"),
        blank=True,
        help_text=_("The address, one part a line. Leave empty for an event only online."),
    )
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Where to join online (a Teams or Zoom link, say), if it is online."),
    )
    audience = models.CharField(
        _("who it is for"),
        max_length=200,
        blank=True,
        help_text=_("For example: parents and carers of children with SEND in primary school."),
    )
    booking = RichTextField(
        _("booking details"),
        blank=True,
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("How to book a place, or that there is no need to."),
    )
    booking_link = models.URLField(_("booking link"), blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, parking, toilets, hearing loops, captions, breaks."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two plain sentences. Shown under the title, in lists and in search."),
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading=_("When")
        ),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("online_link")], heading=_("Where")),
        FieldPanel("audience"),
        MultiFieldPanel([FieldPanel("booking"), FieldPanel("booking_link")], heading=_("Booking")),
        FieldPanel("accessibility"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("place"),
        index.SearchField("audience"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts. Check the date and the time.")
        if not (self.place or self.online_link):
            errors["place"] = _("Give the address, or the link to join online, or both.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from ..events import event_context

        return event_context(self, request, super().get_context(request, *args, **kwargs))

    calendar_file = "event.ics"  # at the page's address (home/calendar_files.py)

    def get_cached_paths(self):
        return ["/", f"/{self.calendar_file}"]


class EventIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)
    show_past_events = models.BooleanField(
        _("show past events"),
        default=True,
        help_text=_("List the events that have passed, most recent first, under the others."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    settings_panels = [*Page.settings_panels, FieldPanel("show_past_events")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.EventPage"]

    class Meta:
        verbose_name = _("events index")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from ..events import listing_context

        return listing_context(self, request, super().get_context(request, *args, **kwargs))

    calendar_file = "events.ics"  # every upcoming event (home/calendar_files.py)

    def get_cached_paths(self):
        return ["/", f"/{self.calendar_file}"]

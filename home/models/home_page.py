"""The home page: what the service is, how to get help now, where to go next."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import QuickLinkBlock


class HomePage(Page):
    """The front door: what the service is, how to get help now, where to go next."""

    introduction = models.TextField(
        help_text="Who the service is for and what it does, in plain words.",
    )
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    quick_links = StreamField([("link", QuickLinkBlock())], blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("quick_links"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.TopicIndexPage",
        "home.PolicyIndexPage",
        "home.InformationPage",
        "home.SignpostingPage",
        "home.NewsIndexPage",
        "home.EventIndexPage",
        "home.YouSaidWeDidPage",
        "home.EnquiryPage",
        "home.GlossaryPage",
        "home.FeedbackPage",
        "home.YoungPeoplePage",
        "home.EasyReadIndexPage",
        "minimum_standards_pages.HowWeAreDoingPage",  # the tracker's page type
    ]

    class Meta:
        verbose_name = "Home page"

    def route(self, request, path_components):
        """Wagtail's routing, with the way to each page kept (home.site_content)."""
        from ..site_content import SiteContent  # it reads these models

        return SiteContent.for_request(request).route(
            self, path_components, lambda: Page.route(self, request, path_components)
        )

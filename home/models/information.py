"""Information pages: SEND topics, key policies, and pages about the service."""

from django.db import models
from django.template.defaultfilters import truncatewords
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock


class ListsChildren:
    """A page that lists pages under it (listed_children): the list, as links with their
    summaries, is kept under the content version, which every publish moves on."""

    def listed_children(self):
        return []

    def get_context(self, request, *args, **kwargs):
        from ..site_content import SiteContent

        def listed():
            return [
                {
                    "title": child.title,
                    "url": child.get_url(request),
                    "summary": getattr(child, "summary", "")
                    or truncatewords(getattr(child, "introduction", ""), 30),
                }
                for child in self.listed_children()
            ]

        context = super().get_context(request, *args, **kwargs)
        context["listed"] = SiteContent.for_request(request).kept_for_page(self, "listed", listed)
        return context


class ArticlePage(Page):
    """A page of writing: a summary that lists and search results show, and a body."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two plain sentences. Shown under the title, in lists and in search.",
    )
    body = StreamField(BodyBlock(), blank=True)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class ContentPage(ListsChildren, ArticlePage):
    """An information page: an article that someone checks is still right."""

    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When someone last checked this page is still right."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # One template for every kind of information page (Wagtail would look
        # for one per page type).
        return "home/content_page.html"


class SectionIndexPage(ListsChildren, Page):
    """A section's front page: an introduction and a list of its pages."""

    introduction = models.TextField(blank=True)
    child_model: type[Page]

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return "home/section_index_page.html"

    def listed_children(self):
        return self.child_model.objects.child_of(self).live().public()


class TopicPage(ContentPage):
    """Information on one SEND topic, e.g. EHC needs assessments."""

    parent_page_types = ["home.TopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "SEND topic page"


class TopicIndexPage(SectionIndexPage):
    child_model = TopicPage
    subpage_types = ["home.TopicPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = "SEND topics index"


class PolicyPage(ContentPage):
    """One of the service's key policies, e.g. its complaints procedure."""

    class PolicyType(models.TextChoices):
        COMPLAINTS = "complaints", "Complaints procedure"
        IMPARTIALITY = "impartiality", "Impartiality"
        CONFIDENTIALITY = "confidentiality", "Confidentiality"
        PRIVACY = "privacy", "Privacy notice"
        EQUAL_OPPORTUNITIES = "equal-opportunities", "Equal opportunities"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        OTHER = "other", "Other policy"

    policy_type = models.CharField(max_length=30, choices=PolicyType.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The full policy to download, if there is one.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("policy_type"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["home.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "policy page"


class PolicyIndexPage(SectionIndexPage):
    child_model = PolicyPage
    subpage_types = ["home.PolicyPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = "key policies index"


class InformationPage(ContentPage):
    """A page about the service: who it is for, how it works, the Advisory Group, the team."""

    parent_page_types = ["home.HomePage", "home.InformationPage"]

    class Meta:
        verbose_name = "information page"

    def listed_children(self):
        """Every live, public page under this one, whatever its type (You said, we did; How
        we are doing): a page nobody links to is a page nobody finds."""
        return self.get_children().live().public().specific()

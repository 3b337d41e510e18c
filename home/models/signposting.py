"""Signposting: other groups and services that can help, grouped as families look for them."""

from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from .service_settings import dialable


class Signpost(Orderable):
    """One group or service on the signposting page."""

    class Group(models.TextChoices):
        LOCAL_OFFER = "local-offer", "The Local Offer"
        PARENT_GROUPS = "parent-groups", "Parent and carer groups"
        YOUTH_FORUMS = "youth-forums", "Groups and forums for young people"
        LOCAL_SERVICES = "local-services", "Other local services"
        NATIONAL_HELPLINES = "national-helplines", "National helplines and advice"

    page = ParentalKey("home.SignpostingPage", on_delete=models.CASCADE, related_name="signposts")
    group = models.CharField(max_length=30, choices=Group.choices)
    name = models.CharField(max_length=120)
    description = models.TextField("What they do", max_length=500)
    url = models.URLField("Website", blank=True)
    phone = models.CharField(max_length=30, blank=True)

    panels = [
        FieldPanel("group"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("phone"),
    ]

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.url or self.phone.strip()):
            message = "Give a website or a phone number (or both): people need a way to reach them."
            raise ValidationError({"url": message})

    @property
    def phone_href(self) -> str:
        return "tel:" + dialable(self.phone)


class SignpostingPage(Page):
    introduction = models.TextField(blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("signposts", label="Groups and services", min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.RelatedFields(
            "signposts", [index.SearchField("name"), index.SearchField("description")]
        ),
    ]
    parent_page_types = ["home.HomePage", "home.InformationPage"]
    subpage_types = []

    class Meta:
        verbose_name = "signposting page"

    def get_context(self, request, *args, **kwargs):
        from ..site_content import SiteContent

        context = super().get_context(request, *args, **kwargs)
        context["signposts"] = SiteContent.for_request(request).kept_for_page(
            self, "signposts", self.rendered_signposts
        )
        return context

    def rendered_signposts(self) -> str:
        context = {"groups": self.grouped_signposts()}
        return render_to_string("home/includes/signposts.html", context)

    def grouped_signposts(self):
        """[(group label, [signposts])], in the order of Signpost.Group, editors' order within."""
        order = {value: position for position, value in enumerate(Signpost.Group.values)}
        signposts = sorted(self.signposts.all(), key=lambda s: (order[s.group], s.sort_order or 0))
        return [
            (Signpost.Group(group).label, list(items))
            for group, items in groupby(signposts, key=lambda s: s.group)
        ]

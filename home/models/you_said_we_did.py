"""“You said, we did” (Minimum Standard 4.2): what service users told us and what changed."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BODY_TEXT_FEATURES


class FeedbackThemeBlock(blocks.StructBlock):
    theme = blocks.CharBlock(max_length=120, help_text='E.g. "Getting through on the phone".')
    period = blocks.CharBlock(max_length=60, required=False, help_text='E.g. "2021-22".')
    you_said = blocks.RichTextBlock(features=BODY_TEXT_FEATURES, label="You said")
    we_did = blocks.RichTextBlock(features=BODY_TEXT_FEATURES, label="We did")

    class Meta:
        icon = "comment"
        label = "Feedback theme"
        template = "home/blocks/feedback_theme.html"


class YouSaidWeDidPage(Page):
    introduction = models.TextField(blank=True)
    themes = StreamField([("theme", FeedbackThemeBlock())], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("themes")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("themes"),
    ]
    parent_page_types = ["home.HomePage", "home.InformationPage"]
    subpage_types = []

    class Meta:
        verbose_name = "“You said, we did” page"

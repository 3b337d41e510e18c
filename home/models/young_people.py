"""Pages written for children and for young people aged 16 to 25: large type, short
sentences, one idea a paragraph, and the ways young people get in touch first."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..young_blocks import YoungPeopleBodyBlock
from .information import ListsChildren


class YoungPeoplePage(ListsChildren, Page):
    """A page for children or young people: a section's front page (it lists the pages under
    it) or a page of its own."""

    class Audience(models.TextChoices):
        YOUNG_PEOPLE = "young-people", _("Young people (16 to 25)")
        CHILDREN = "children", _("Children")
        BOTH = "both", _("Children and young people")

    audience = models.CharField(
        _("who it is for"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.YOUNG_PEOPLE,
        help_text=_("Shown at the top of the page, so a reader knows it is written for them."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=160,
        help_text=_("One short sentence. Shown under the title, in lists and in search."),
    )
    body = StreamField(YoungPeopleBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage", "home.YoungPeoplePage"]
    subpage_types = ["home.YoungPeoplePage"]

    class Meta:
        verbose_name = _("page for children or young people")
        verbose_name_plural = _("pages for children or young people")

    def listed_children(self):
        return self.get_children().live().public().specific()

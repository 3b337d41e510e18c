"""Easy-read versions of pages: pictures on the left, short sentences on the right, each
linked both ways with the page it is the easy-read version of."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..young_blocks import EasyReadBodyBlock
from .information import SectionIndexPage


class EasyReadPage(Page):
    """The easy-read version of one page of the site."""

    standard_version = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("standard version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="easy_read_versions",
        help_text=_(
            "The page this is the easy-read version of. That page links here "
            "(“Easy read version”) and this page links back (“Standard version”). "
            "A page has one easy-read version."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=160,
        help_text=_("One short sentence. Shown in lists and in search."),
    )
    body = StreamField(EasyReadBodyBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        PageChooserPanel("standard_version", heading=_("Easy-read version of")),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    # A copy starts as a version of no page: a page has one easy-read version.
    exclude_fields_in_copy = ["standard_version"]
    parent_page_types = ["home.EasyReadIndexPage"]
    subpage_types = []
    explains_in_easy_read = True  # home.glossary: "Words explained" in easy words

    class Meta:
        verbose_name = _("easy-read page")
        verbose_name_plural = _("easy-read pages")

    def clean(self):
        super().clean()
        standard = self.standard_version
        if standard is None or self.alias_of_id:  # an alias shows its original's choice
            return
        if standard.specific_class is EasyReadPage or (self.pk and standard.pk == self.pk):
            raise ValidationError(
                {"standard_version": _("Choose the standard page, not an easy-read page.")}
            )
        # Aliases of an easy-read page copy its choice, and are not versions of their own.
        others = EasyReadPage.objects.filter(standard_version=standard, alias_of__isnull=True)
        other = others.exclude(pk=self.pk).first()
        if other is not None:
            raise ValidationError(
                {
                    "standard_version": _(
                        "“%(page)s” already has an easy-read version: “%(other)s”. A page has "
                        "one easy-read version: change that one, or choose another page."
                    )
                    % {"page": standard.title, "other": other.title}
                }
            )


class EasyReadIndexPage(SectionIndexPage):
    """The easy-read pages, listed."""

    child_model = EasyReadPage
    subpage_types = ["home.EasyReadPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    explains_in_easy_read = True

    class Meta:
        verbose_name = _("easy-read index")

"""The jargon buster: SEND words and abbreviations in plain English (GlossaryTerm, a snippet),
listed A to Z on the glossary page (GlossaryPage) and explained where a page first uses them
(home.glossary)."""

from string import ascii_uppercase

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page, RevisionMixin
from wagtail.search import index


class GlossaryTerm(RevisionMixin, index.Indexed, ClusterableModel):
    """A word or phrase families meet (tribunal, annual review), perhaps with its abbreviation
    (EHCP), and what it means in plain words."""

    term = models.CharField(
        _("word or phrase"),
        max_length=120,
        help_text=_('In full, as people say it: "Education, Health and Care plan".'),
    )
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=20,
        blank=True,
        help_text=_('Letters people use for it, exactly as written: "EHCP". Leave empty if none.'),
    )
    meaning = models.TextField(
        _("plain meaning"),
        max_length=600,
        help_text=_("What it means, in one to three short, plain sentences."),
    )
    easy_read_meaning = models.TextField(
        _("easy-read meaning"),
        max_length=300,
        blank=True,
        help_text=_("Optional: the meaning in very short, simple sentences, one idea each."),
    )
    slug = models.SlugField(
        max_length=140, unique=True, editable=False, help_text=_("Its place on the A to Z page.")
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("abbreviation"),
        FieldPanel("meaning"),
        FieldPanel("easy_read_meaning"),
        InlinePanel("related_pages", label=_("Pages about it")),
    ]
    search_fields = [
        index.SearchField("term"),
        index.SearchField("abbreviation"),
        index.AutocompleteField("term"),
        index.SearchField("meaning"),
    ]

    class Meta:
        verbose_name = _("glossary word")
        verbose_name_plural = _("glossary words")
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="home_glossary_term_once",
                violation_error_message=_("This word is in the glossary already."),
            ),
            models.UniqueConstraint(
                Lower("abbreviation"),
                condition=~models.Q(abbreviation=""),
                name="home_glossary_abbreviation_once",
                violation_error_message=_("This abbreviation is in the glossary already."),
            ),
        ]

    def __str__(self):
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term

    @property
    def anchor(self) -> str:
        """Its id on the A to Z page: "term-ehcp"."""
        return f"term-{self.slug}"

    def make_slug(self) -> str:
        return slugify(self.abbreviation or self.term)[:140] or "word"

    def clean(self):
        """Each word and abbreviation is in the glossary once, whatever its case, and no word
        is another entry's abbreviation (a page could not say which one it meant)."""
        super().clean()
        self.term, self.abbreviation = self.term.strip(), self.abbreviation.strip()
        others = GlossaryTerm.objects.exclude(pk=self.pk)
        errors = {}
        for field, value in (("term", self.term), ("abbreviation", self.abbreviation)):
            if not value:
                continue
            clash = others.filter(
                models.Q(term__iexact=value) | models.Q(abbreviation__iexact=value)
            ).first()
            if clash is not None:
                errors[field] = _("“%(value)s” is in the glossary already: %(entry)s.") % {
                    "value": value,
                    "entry": clash,
                }
        if not errors and others.filter(slug=self.make_slug()).exists():
            errors["abbreviation" if self.abbreviation else "term"] = _(
                "Another glossary word has the same address on the A to Z page (%(slug)s): "
                "change the spelling of this one."
            ) % {"slug": self.make_slug()}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.slug = self.make_slug()
        super().save(*args, **kwargs)


class GlossaryTermPage(Orderable):
    """A page of the site that says more about a glossary word."""

    term = ParentalKey(GlossaryTerm, on_delete=models.CASCADE, related_name="related_pages")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("page about it")


class GlossaryPage(Page):
    """The A to Z of the glossary's words (one per site)."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    explains_words = False  # home.glossary: the A to Z is the explanation

    class Meta:
        verbose_name = _("glossary (A to Z) page")

    def get_context(self, request, *args, **kwargs):
        from ..site_content import SiteContent

        context = super().get_context(request, *args, **kwargs)
        context["letters"] = SiteContent.for_request(request).kept_for_page(
            self, "a-to-z", lambda: a_to_z(request)
        )
        return context


def a_to_z(request) -> list[dict]:
    """Every glossary word grouped by its first letter, A to Z (then any starting otherwise),
    each with the live pages about it: three queries however many words there are."""
    pages = GlossaryTermPage.objects.filter(page__live=True).select_related("page")
    pages = pages.only("term_id", "sort_order", "page__url_path", "page__title", "page__id")
    words = GlossaryTerm.objects.prefetch_related(
        Prefetch("related_pages", queryset=pages.order_by("sort_order"))
    )
    groups: dict[str, list[dict]] = {letter: [] for letter in ascii_uppercase}
    other = []
    for word in words:
        entry = {
            "term": word.term,
            "abbreviation": word.abbreviation,
            "anchor": word.anchor,
            "meaning": word.meaning,
            "easy_read_meaning": word.easy_read_meaning,
            "pages": [
                {"title": link.page.title, "url": Page.get_url(link.page, request)}
                for link in word.related_pages.all()
            ],
        }
        groups.get(word.term[:1].upper(), other).append(entry)
    letters = [{"letter": letter, "entries": entries} for letter, entries in groups.items()]
    if other:
        letters.append({"letter": "#", "entries": other, "other": True})
    return letters

"""News: articles, newest first, with documents attached (e.g. the annual report)."""

import datetime

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..paging import PAGE_NUMBER, page_of_plain_values, page_or_404
from .information import ArticlePage

ARTICLES_PER_PAGE = 10


class NewsArticlePage(ArticlePage):
    date = models.DateField("Published on", default=datetime.date.today)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="Attachments"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news article"


class NewsAttachment(Orderable):
    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=160, blank=True, help_text="Defaults to its title.")

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self):
        return self.title or self.document.title


class NewsIndexPage(Page):
    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsArticlePage"]

    class Meta:
        verbose_name = "news index"

    def articles(self):
        return NewsArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        from ..site_content import SiteContent

        context = super().get_context(request, *args, **kwargs)
        number = request.GET.get("page") or "1"

        def listing():
            return page_of_plain_values(
                page_or_404(self.articles(), ARTICLES_PER_PAGE, number),
                lambda article: {
                    "title": article.title,
                    "url": article.get_url(request),
                    "date": article.date,
                    "summary": article.summary,
                },
            )

        # A page of the list that exists is kept under the content version (any article
        # published or unpublished moves it on); anything else finds its 404 afresh.
        context["articles"] = (
            SiteContent.for_request(request).kept_for_page(self, "news", listing, number)
            if PAGE_NUMBER.fullmatch(number)
            else listing()
        )
        return context

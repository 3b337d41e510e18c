"""“How we are doing”: the latest ratified self-assessment, as the public may see it."""

from django.db import models
from django.template.loader import render_to_string
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class HowWeAreDoingPage(Page):
    """Each standard, its rating and its public summary; never the confidential evidence notes."""

    introduction = models.TextField(blank=True)
    framework = models.ForeignKey(
        "minimum_standards.Framework",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Which framework's self-assessment to show; the latest ratified one if empty.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("framework")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage", "home.InformationPage"]
    subpage_types = []

    class Meta:
        verbose_name = "“How we are doing” page"

    def get_context(self, request, *args, **kwargs):
        from ..site_content import SiteContent

        context = super().get_context(request, *args, **kwargs)
        # Built again only when the content version moves on (a self-assessment ratified or
        # unlocked, the framework's wording changed: home.cache).
        site_content = SiteContent.for_request(request)
        context["report"] = site_content.kept_for_page(self, "how-we-are-doing", self.report)
        return context

    def report(self) -> str:
        from wagtail_minimum_standards.compliance.reports import latest_ratified, public_view

        assessment = latest_ratified(self.framework_id)
        context = {"assessment": assessment, **(public_view(assessment) if assessment else {})}
        return render_to_string("home/includes/how_we_are_doing_report.html", context)

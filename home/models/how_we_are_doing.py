"""“How we are doing”: the latest ratified self-assessment, as the public may see it."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class HowWeAreDoingPage(Page):
    """Each standard, its rating and its public summary; never the confidential evidence notes."""

    introduction = models.TextField(blank=True)
    framework = models.ForeignKey(
        "compliance.Framework",
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
        from compliance.reports import latest_ratified, public_view

        context = super().get_context(request, *args, **kwargs)
        assessment = latest_ratified(self.framework_id)
        context["assessment"] = assessment
        context.update(public_view(assessment) if assessment else {})
        return context

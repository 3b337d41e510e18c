"""“How we are doing”: a page type for the site, showing the latest ratified self-assessment as
the public may see it (each standard in plain English, its rating and its public summary),
never the confidential evidence notes. A site adds it under any page; its template extends the
site's own "base.html" (block "content", and "extra_css" for the plugin's small stylesheet) and
can be overridden like any template: minimum_standards/pages/how_we_are_doing_page.html.

A site that keeps rendered fragments in a cache registers the hook PUBLIC_REPORT_HOOK, which
gets (page, request, build) and returns build()'s HTML, kept however the site keeps things.

Other parts of the tracker add to the report through the hook PUBLIC_PARTS_HOOK: each gets the
page and returns HTML shown after the self-assessment (the figures' report card), built and
kept with it."""

from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

PUBLIC_REPORT_HOOK = "minimum_standards_public_report"
PUBLIC_PARTS_HOOK = "minimum_standards_public_report_parts"


class HowWeAreDoingPage(Page):
    """Each standard, its rating and its public summary; never the confidential evidence notes."""

    # Named, so that a site's own page model of the same name does not clash with it.
    page_ptr = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        parent_link=True,
        auto_created=True,
        primary_key=True,
        serialize=False,
        related_name="minimum_standards_howwearedoingpage",
    )
    introduction = models.TextField(_("introduction"), blank=True)
    framework = models.ForeignKey(
        "minimum_standards.Framework",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("framework"),
        help_text=_("Which framework's self-assessment to show; the latest ratified one if empty."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("framework")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    subpage_types = []
    template = "minimum_standards/pages/how_we_are_doing_page.html"

    class Meta:
        verbose_name = _("“How we are doing” page")
        verbose_name_plural = _("“How we are doing” pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report"] = public_report(self, request)
        return context

    def report(self) -> str:
        """The report's HTML: read in a fixed number of queries, however many standards."""
        from ..reports import latest_ratified, public_view

        assessment = latest_ratified(self.framework_id)
        context = {"assessment": assessment, **(public_view(assessment) if assessment else {})}
        context["parts"] = [hook(self) for hook in hooks.get_hooks(PUBLIC_PARTS_HOOK)]
        return render_to_string("minimum_standards/pages/how_we_are_doing_report.html", context)


def public_report(page, request) -> str:
    """The page's report, as the site's hook keeps it, or built now if no hook is registered."""
    for hook in hooks.get_hooks(PUBLIC_REPORT_HOOK):
        return hook(page, request, page.report)
    return page.report()

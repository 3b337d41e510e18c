"""The page with the enquiry form (what it stores: home.models.enquiry)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from .enquiry import new_reference  # noqa: F401  (migration 0005 names it here)


class EnquiryPage(RoutablePageMixin, Page):
    """The page with the enquiry form; `thank-you/` confirms a sent enquiry."""

    introduction = models.TextField(blank=True)
    privacy_note = models.TextField(
        help_text="What we do with the details, how long we keep them; links to the privacy notice."
    )
    notification_email = models.EmailField(
        blank=True, help_text="Who is told (without the details) that an enquiry has arrived."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("privacy_note"),
        FieldPanel("notification_email"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "enquiry form page"

    @path("")
    def form(self, request):
        from ..enquiries import handle_enquiry

        return handle_enquiry(self, request)

    @path("thank-you/")
    def thank_you(self, request):
        from ..enquiries import show_thank_you

        return show_thank_you(self, request)

    def get_cached_paths(self):
        """What an HTTP cache may hold of this page, purged with it (home.cache): the plain
        confirmation (the form itself carries a token and is never kept)."""
        return ["/", "/" + self.reverse_subpage("thank_you")]

    def privacy_notice(self):
        """The site's privacy notice, which the form's privacy note points to."""
        from .information import PolicyPage

        site = self.get_site()
        policies = PolicyPage.objects.live().public()
        if site is not None:
            policies = policies.descendant_of(site.root_page)
        return policies.filter(policy_type=PolicyPage.PolicyType.PRIVACY).first()

"""The page with the feedback form (what it stores: home.models.feedback)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index


class FeedbackPage(RoutablePageMixin, Page):
    """ "How did we do?": the feedback form; `thank-you/` confirms that it was received."""

    introduction = models.TextField(_("introduction"), blank=True)
    privacy_note = models.TextField(
        _("how we use and keep feedback"),
        help_text=_(
            "Shown above the consent box: who reads the feedback, what it is used for, and "
            "how long it is kept."
        ),
    )
    notification_email = models.EmailField(
        _("notification email"),
        blank=True,
        help_text=_("Who is told (without what it says) that feedback has arrived."),
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
        verbose_name = _("feedback form page")

    @path("")
    def form(self, request):
        from ..feedback import handle_feedback

        return handle_feedback(self, request)

    @path("thank-you/")
    def thank_you(self, request):
        from ..feedback import show_thank_you

        return show_thank_you(self, request)

    def get_cached_paths(self):
        """What an HTTP cache may hold of this page, purged with it (home.cache): the plain
        thank-you (the form itself carries a token and is never kept)."""
        return ["/", "/" + self.reverse_subpage("thank_you")]

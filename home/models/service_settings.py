"""The service's site-wide settings: what Minimum Standard 3.3 asks the website to show."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from ..blocks import OpeningPeriodBlock, SocialLinkBlock


def dialable(number: str) -> str:
    """A phone number as a tel:/sms: link wants it: digits and a leading plus only."""
    return "".join(c for c in number if c.isdigit() or c == "+")


@register_setting(icon="site")
class ServiceSettings(BaseSiteSetting):
    """What Minimum Standard 3.3 asks the service's website to show, edited in one place.

    Every public page shows the contact details and opening hours from here.
    """

    service_name = models.CharField(max_length=100, default="Sendias Bathnes")
    strapline = models.CharField(
        max_length=200,
        blank=True,
        help_text="One line under the service name, e.g. who the service is for.",
    )
    phone = models.CharField("Helpline phone number", max_length=30, blank=True)
    text_number = models.CharField(
        "Text message number", max_length=30, blank=True, help_text="For texts (SMS)."
    )
    email = models.EmailField(blank=True)
    postal_address = models.TextField(blank=True, help_text="One line per line of the address.")
    opening_hours = StreamField(
        [("period", OpeningPeriodBlock())], blank=True, help_text="When the helpline is staffed."
    )
    opening_hours_note = models.CharField(
        max_length=200,
        blank=True,
        help_text='E.g. "Closed on bank holidays and between Christmas and New Year."',
    )
    answerphone = models.TextField(
        "Answerphone and call-back promise",
        blank=True,
        help_text="The 24-hour answerphone and when the service calls back.",
    )
    response_times = models.TextField(
        blank=True, help_text="How soon each kind of enquiry gets a reply."
    )
    local_offer_url = models.URLField("Local Offer address", blank=True)
    local_offer_label = models.CharField(
        max_length=100, default="Bath and North East Somerset Local Offer"
    )
    national_helpline_name = models.CharField("National SEND helpline", max_length=100, blank=True)
    national_helpline_phone = models.CharField(max_length=30, blank=True)
    national_helpline_url = models.URLField(blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    site_notice = models.TextField(
        blank=True,
        help_text="Shown at the top of every page while filled in, e.g. holiday closures.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("service_name"), FieldPanel("strapline")], "Service"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("text_number"),
                FieldPanel("email"),
                FieldPanel("postal_address"),
            ],
            "Contact details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldPanel("opening_hours_note"),
                FieldPanel("answerphone"),
                FieldPanel("response_times"),
            ],
            "Opening hours and response times",
        ),
        MultiFieldPanel(
            [
                FieldPanel("local_offer_url"),
                FieldPanel("local_offer_label"),
                FieldPanel("national_helpline_name"),
                FieldPanel("national_helpline_phone"),
                FieldPanel("national_helpline_url"),
            ],
            "Signposting",
        ),
        FieldPanel("social_links"),
        FieldPanel("site_notice"),
    ]

    class Meta:
        verbose_name = "Service settings"

    def __str__(self):
        return self.service_name

    @property
    def phone_href(self) -> str:
        return "tel:" + dialable(self.phone)

    @property
    def text_href(self) -> str:
        return "sms:" + dialable(self.text_number)

    @property
    def national_helpline_href(self) -> str:
        return "tel:" + dialable(self.national_helpline_phone)

    @property
    def postal_address_lines(self) -> list[str]:
        return [line.strip() for line in self.postal_address.splitlines() if line.strip()]

"""StreamField blocks for the site's settings and pages."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


class OpeningPeriodBlock(blocks.StructBlock):
    """One line of the opening hours, e.g. "Monday to Thursday, 9:30am to 4:30pm"."""

    days = blocks.CharBlock(max_length=60, help_text='For example "Monday to Thursday".')
    opens = blocks.TimeBlock()
    closes = blocks.TimeBlock()

    class Meta:
        icon = "time"
        label = "Opening period"


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=40, help_text='The platform, e.g. "Facebook".')
    url = blocks.URLBlock(label="Address")

    class Meta:
        icon = "link"
        label = "Social media link"


class QuickLinkBlock(blocks.StructBlock):
    """A prominent link on the home page: a page of the site or an outside address."""

    title = blocks.CharBlock(max_length=80)
    description = blocks.CharBlock(max_length=200, required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"
        label = "Quick link"
        template = "home/blocks/quick_link.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or give an address.")}
            )
        return value

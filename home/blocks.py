"""StreamField blocks for the site's settings and pages."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock


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


# Blocks for the body of information pages ------------------------------------

BODY_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Sub-heading")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    """A boxed note: something the reader must not miss, such as a deadline."""

    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=BODY_TEXT_FEATURES)
    style = blocks.ChoiceBlock(
        choices=[("information", "Information"), ("important", "Important")],
        default="information",
    )

    class Meta:
        icon = "warning"
        template = "home/blocks/callout.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    body = blocks.RichTextBlock(features=BODY_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open and close; plain HTML details, no script."""

    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "home/blocks/accordion.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another site, with a line about it."""

    title = blocks.CharBlock(max_length=120)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")
    description = blocks.CharBlock(max_length=240, required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or give an address.")}
            )
        return value


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    links = blocks.ListBlock(LinkBlock(), min_num=1)

    class Meta:
        icon = "link"
        template = "home/blocks/link_list.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(max_length=160, required=False, help_text="Defaults to its title.")

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document.html"


class VideoBlock(blocks.StructBlock):
    """A video (e.g. from the service's YouTube channel), with a title and a transcript."""

    video = EmbedBlock(max_width=800)
    title = blocks.CharBlock(max_length=160)
    transcript = blocks.RichTextBlock(features=BODY_TEXT_FEATURES, required=False)

    class Meta:
        icon = "media"
        template = "home/blocks/video.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=BODY_TEXT_FEATURES, icon="pilcrow")
    callout = CalloutBlock()
    accordion = AccordionBlock()
    links = LinkListBlock()
    document = DocumentBlock()
    video = VideoBlock()


class QuickLinkBlock(LinkBlock):
    """A prominent link on the home page: a page of the site or an outside address."""

    class Meta:
        icon = "link"
        label = "Quick link"
        template = "home/blocks/quick_link.html"

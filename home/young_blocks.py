"""Blocks for the pages written for children and young people, and for easy-read pages:
short sentences, one idea (or one point) at a time, pictures beside the words."""

import re

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .blocks import HeadingBlock, LinkListBlock, VideoBlock

# A sentence longer than this is hard to follow for many young readers.
MOST_WORDS_IN_A_SENTENCE = 25
ONE_IDEA_LENGTH = 250
ONE_POINT_LENGTH = 120

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def long_sentences(text: str, most_words: int = MOST_WORDS_IN_A_SENTENCE) -> list[str]:
    """The sentences of `text` with more than `most_words` words."""
    return [s for s in SENTENCE_END.split(text.strip()) if len(s.split()) > most_words]


def _refuse_long_sentences(text: str) -> None:
    too_long = long_sentences(text)
    if too_long:
        raise ValidationError(
            ngettext(
                "Keep each sentence to %(most)d words or fewer. This one is longer: “%(start)s…”",
                "Keep each sentence to %(most)d words or fewer. These are longer: “%(start)s…”",
                len(too_long),
            )
            % {"most": MOST_WORDS_IN_A_SENTENCE, "start": " ".join(too_long[0].split()[:6])}
        )


class OneIdeaBlock(blocks.TextBlock):
    """A paragraph with one idea in it: a sentence or two, short ones."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", ONE_IDEA_LENGTH)
        kwargs.setdefault(
            "help_text",
            format_lazy(
                _(
                    "One idea only, in one or two short sentences (up to {most} words each). "
                    "Start a new paragraph for the next idea."
                ),
                most=MOST_WORDS_IN_A_SENTENCE,
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        _refuse_long_sentences(value)
        return value

    class Meta:
        icon = "pilcrow"
        label = _("One idea")
        template = "home/blocks/one_idea.html"


class YoungPeopleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("Heading"))
    idea = OneIdeaBlock()
    video = VideoBlock(label=_("Video with transcript"))
    links = LinkListBlock(label=_("Links"))


class OnePointBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", ONE_POINT_LENGTH)
        kwargs.setdefault("help_text", _("One point, in one short sentence."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        _refuse_long_sentences(value)
        return value


class PictureAndWordsBlock(blocks.StructBlock):
    """Easy read: a picture on the left, one short sentence (or a few one-point lines) on the
    right."""

    image = ImageChooserBlock(label=_("Picture"))
    alt = blocks.CharBlock(
        label=_("What the picture shows"),
        max_length=200,
        help_text=_("Alt text, read out to someone who cannot see the picture."),
    )
    lines = blocks.ListBlock(
        OnePointBlock(label=_("Line")),
        min_num=1,
        max_num=4,
        label=_("Words"),
        help_text=_("One short sentence, or up to 4 lines with one point each."),
    )

    class Meta:
        icon = "image"
        label = _("Picture and words")
        template = "home/blocks/picture_and_words.html"


class EasyReadBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("Heading"))
    picture_and_words = PictureAndWordsBlock()

"""How easy a page is to read, shown to the editor on every page's edit screen: its reading age
(the Flesch-Kincaid grade plus 5, as the tracker's quality checks reckon a public summary's)
and its average sentence length, with a warning when the reading age is above the aim:
SITE_READING_AGE_WARNING (12 unless set), or a page type's own `reading_age_target` (easy-read
and young people's pages may aim lower).

The text is what the page says: its searchable fields but the title (summary, introduction,
body...), each paragraph, list item and heading read as a sentence of its own.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import Panel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.search import index

DEFAULT_READING_AGE_WARNING = 12
ENDS_SENTENCE = (".", "!", "?", ":", ";")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@dataclass(frozen=True)
class Readability:
    reading_age: int
    sentence_length: float
    words: int
    target: int

    @property
    def too_hard(self) -> bool:
        return self.reading_age > self.target


def reading_age_target(page) -> int:
    own = getattr(page, "reading_age_target", None)
    return own or getattr(settings, "SITE_READING_AGE_WARNING", DEFAULT_READING_AGE_WARNING)


def readability(page) -> Readability | None:
    """The page's reading age and sentence length, or None while it says nothing."""
    import textstat  # its word list loads on first use: only on an edit screen

    text = " ".join(_sentences(page_texts(page)))
    words = textstat.lexicon_count(text)
    if not words:
        return None
    # Every sentence counts ("Call us." too: textstat's count leaves out the shortest).
    sentences = max(1, len(SENTENCE_END.findall(text)))
    return Readability(
        reading_age=max(5, round(textstat.flesch_kincaid_grade(text) + 5)),
        sentence_length=round(words / sentences, 1),
        words=words,
        target=reading_age_target(page),
    )


def page_texts(page):
    """The pieces of text the page shows: paragraphs, list items, headings, summaries."""
    for search_field in page.search_fields:
        name = search_field.field_name
        if not isinstance(search_field, index.SearchField) or name == "title":
            continue
        try:
            field = page._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        value = getattr(page, name, None)
        if isinstance(field, StreamField):
            yield from _block_texts(field.stream_block, value)
        elif isinstance(field, RichTextField):
            yield from _html_texts(value or "")
        elif isinstance(value, str):
            yield value


def _block_texts(block, value):
    """The text of a block's value: its text and rich text, not its choices, links or files."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_texts(child.block, child.value)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_texts(block.child_block, item)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _block_texts(child, value.get(name))
    elif isinstance(block, blocks.RichTextBlock):
        yield from _html_texts(value.source if isinstance(value, RichText) else str(value))
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield str(value)


class _Text(HTMLParser):
    BREAKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "div", "dt", "dd"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces, self.current = [], []

    def handle_starttag(self, tag, attrs=None):
        if tag in self.BREAKS:
            self.flush()

    handle_endtag = handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.current.append(data)

    def flush(self):
        self.pieces.append("".join(self.current))
        self.current = []


def _html_texts(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.pieces


def _sentences(pieces):
    """Each piece as a sentence of its own (a heading or a list item has no full stop)."""
    for piece in pieces:
        for line in piece.splitlines():
            line = " ".join(line.split())
            if line:
                yield line if line.endswith(ENDS_SENTENCE) else f"{line}."


class ReadabilityPanel(Panel):
    """The reading age and sentence length of the page as last saved, with a warning above
    the aim."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("How easy it is to read"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["readability"] = readability(self.instance)
            context["target"] = reading_age_target(self.instance)
            return context


def add_readability_panel() -> None:
    """Every page type of the site shows the panel under its title, those added later too
    (from home.apps, before Wagtail builds the edit screens)."""
    for model in apps.get_app_config("home").get_models():
        if not issubclass(model, Page) or model._meta.abstract:
            continue
        panels = list(model.content_panels)
        if any(isinstance(panel, ReadabilityPanel) for panel in panels):
            continue
        model.content_panels = [*panels[:1], ReadabilityPanel(), *panels[1:]]

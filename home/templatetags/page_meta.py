from django import template
from django.utils.text import Truncator

register = template.Library()

DESCRIPTION_LENGTH = 300


@register.simple_tag
def meta_description(page) -> str:
    """What a search engine shows for the page: its search description, or else its summary
    or introduction, whichever it has."""
    for field in ("search_description", "summary", "introduction"):
        text = getattr(page, field, "") or ""
        if text.strip():
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
    return ""

"""{% explain_words %}...{% endexplain_words %}: a page's main content with its glossary words
marked and explained (home.glossary). Only on pages of the site's tree (not search or error
pages, which may be shown when the database is not there)."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page

from ..glossary import explain_words

register = template.Library()


@register.tag("explain_words")
def explain_words_tag(parser, token):
    nodelist = parser.parse(("endexplain_words",))
    parser.delete_first_token()
    return ExplainNode(nodelist)


class ExplainNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist  # `nodelist`: {% block %}s inside are found

    def render(self, context):
        html = self.nodelist.render(context)
        page, request = context.get("page"), context.get("request")
        if not isinstance(page, Page) or request is None or "site_content" not in context:
            return html
        # The content as rendered, its text escaped again, and our own escaped markup.
        return mark_safe(explain_words(html, request, page))  # noqa: S308
